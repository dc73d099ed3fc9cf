package io.cachescope.mirror;

import io.cachescope.SourceException;
import io.cachescope.catalog.SignatureState;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * A PGP clear-signed message (RFC 4880 §7), as Spack writes signed spec files and v3 spec
 * manifests: the signed text, with dash-escaping undone, and its signatures. Verification uses
 * Bouncy Castle against the keys a mirror publishes.
 *
 * @param payload the signed text as Spack parses it (lines joined by LF)
 * @param signed the text as the signature covers it: trailing blanks cut, lines joined by CRLF
 */
public record ClearSigned(byte[] payload, byte[] signed, List<PGPSignature> signatures) {

  private static final String BEGIN = "-----BEGIN PGP SIGNED MESSAGE-----";
  private static final String SIGNATURE = "-----BEGIN PGP SIGNATURE-----";

  public static boolean isClearSigned(byte[] bytes) {
    int i = 0;
    if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xef && (bytes[1] & 0xff) == 0xbb && (bytes[2] & 0xff) == 0xbf) {
      i = 3; // a UTF-8 byte order mark
    }
    while (i < bytes.length && Character.isWhitespace(bytes[i])) {
      i++;
    }
    byte[] begin = BEGIN.getBytes(StandardCharsets.US_ASCII);
    if (bytes.length - i < begin.length) {
      return false;
    }
    for (int j = 0; j < begin.length; j++) {
      if (bytes[i + j] != begin[j]) {
        return false;
      }
    }
    return true;
  }

  /** Splits a clear-signed message; a malformed one is an error naming {@code source}. */
  public static ClearSigned parse(byte[] bytes, String source) {
    String text = new String(bytes, StandardCharsets.UTF_8).replace("\r\n", "\n");
    String[] lines = text.split("\n", -1);
    int i = 0;
    while (i < lines.length && !lines[i].strip().equals(BEGIN)) {
      i++;
    }
    i++;
    // Armor headers ("Hash: SHA512") up to the first empty line.
    while (i < lines.length && !lines[i].strip().isEmpty()) {
      if (!lines[i].contains(":")) {
        throw new SourceException(source, "line " + (i + 1), "malformed clear-signature header");
      }
      i++;
    }
    if (i >= lines.length) {
      throw new SourceException(source, "", "clear-signed message without text");
    }
    int start = ++i;
    while (i < lines.length && !lines[i].strip().equals(SIGNATURE)) {
      i++;
    }
    if (i >= lines.length) {
      throw new SourceException(source, "", "clear-signed message without a signature block");
    }
    List<String> cleartext = new ArrayList<>();
    for (int j = start; j < i; j++) {
      String line = lines[j];
      cleartext.add(line.startsWith("- ") ? line.substring(2) : line);
    }
    StringBuilder signedText = new StringBuilder();
    for (int j = 0; j < cleartext.size(); j++) {
      if (j > 0) {
        signedText.append("\r\n");
      }
      signedText.append(cleartext.get(j).replaceAll("[ \t\r]+$", ""));
    }
    String block = String.join("\n", java.util.Arrays.copyOfRange(lines, i, lines.length));
    return new ClearSigned(
        String.join("\n", cleartext).getBytes(StandardCharsets.UTF_8),
        signedText.toString().getBytes(StandardCharsets.UTF_8),
        signatures(block, source));
  }

  private static List<PGPSignature> signatures(String block, String source) {
    List<PGPSignature> out = new ArrayList<>();
    try (InputStream in =
        PGPUtil.getDecoderStream(new ByteArrayInputStream(block.getBytes(StandardCharsets.US_ASCII)))) {
      BcPGPObjectFactory factory = new BcPGPObjectFactory(in);
      for (Object o = factory.nextObject(); o != null; o = factory.nextObject()) {
        if (o instanceof PGPSignatureList list) {
          list.forEach(out::add);
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new SourceException(source, "signature block", "malformed PGP signature: " + e.getMessage());
    }
    if (out.isEmpty()) {
      throw new SourceException(source, "signature block", "no PGP signature found");
    }
    return List.copyOf(out);
  }

  /**
   * {@link SignatureState#VERIFIED} when a key of the ring verifies a signature, {@link
   * SignatureState#BAD} when the signing key is in the ring but the text does not match, else
   * {@link SignatureState#UNVERIFIED} (signed by a key the mirror does not publish).
   */
  public SignatureState verify(Keyring keys) {
    return check(keys).state();
  }

  /** What the signatures say, and the primary-key fingerprint of the key that verified one. */
  public record Verdict(SignatureState state, String signer) {}

  public Verdict check(Keyring keys) {
    SignatureState state = SignatureState.UNVERIFIED;
    for (PGPSignature sig : signatures) {
      PGPPublicKey key = keys.key(sig.getKeyID());
      if (key == null) {
        continue;
      }
      try {
        sig.init(new BcPGPContentVerifierBuilderProvider(), key);
        sig.update(signed);
        if (sig.verify()) {
          return new Verdict(SignatureState.VERIFIED, keys.primaryFingerprint(sig.getKeyID()));
        }
        state = SignatureState.BAD;
      } catch (PGPException e) {
        state = SignatureState.BAD;
      }
    }
    return new Verdict(state, null);
  }
}
