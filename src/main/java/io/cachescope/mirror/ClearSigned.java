package io.cachescope.mirror;

import io.cachescope.catalog.SignatureState;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** STUB until the PGP work lands: extraction only. */
public record ClearSigned(byte[] payload) {
  private static final Pattern CLEARSIG =
      Pattern.compile(
          "^-----BEGIN PGP SIGNED MESSAGE-----\\s+Hash:\\s+[^\\s]+\\s+(.+)-----BEGIN PGP SIGNATURE-----",
          Pattern.MULTILINE | Pattern.DOTALL);

  public static boolean isClearSigned(byte[] bytes) {
    return new String(bytes, 0, Math.min(bytes.length, 64), StandardCharsets.US_ASCII)
        .strip()
        .startsWith("-----BEGIN PGP SIGNED MESSAGE-----");
  }

  public static ClearSigned parse(byte[] bytes, String source) {
    Matcher m = CLEARSIG.matcher(new String(bytes, StandardCharsets.UTF_8));
    if (!m.find()) {
      throw new io.cachescope.SourceException(source, "", "malformed clear-signed message");
    }
    return new ClearSigned(m.group(1).getBytes(StandardCharsets.UTF_8));
  }

  public SignatureState verify(Keyring keys) {
    return SignatureState.UNVERIFIED;
  }
}
