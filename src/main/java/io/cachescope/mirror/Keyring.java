package io.cachescope.mirror;

import io.cachescope.SourceException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;

/** The public keys a mirror publishes, to verify its signed spec files against. */
public final class Keyring {
  private final List<PGPPublicKeyRing> rings;

  private Keyring(List<PGPPublicKeyRing> rings) {
    this.rings = List.copyOf(rings);
  }

  public static Keyring empty() {
    return new Keyring(List.of());
  }

  /** Reads ASCII-armored (or binary) public keys; {@code source} names them in errors. */
  public static Keyring of(List<byte[]> keys, String source) {
    List<PGPPublicKeyRing> rings = new ArrayList<>();
    for (byte[] key : keys) {
      try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(key))) {
        PGPPublicKeyRingCollection collection =
            new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator());
        collection.getKeyRings().forEachRemaining(rings::add);
      } catch (IOException | PGPException | RuntimeException e) {
        throw new SourceException(source, "", "not a PGP public key: " + e.getMessage());
      }
    }
    return new Keyring(rings);
  }

  public Keyring plus(Keyring other) {
    List<PGPPublicKeyRing> all = new ArrayList<>(rings);
    all.addAll(other.rings);
    return new Keyring(all);
  }

  public boolean isEmpty() {
    return rings.isEmpty();
  }

  /** Fingerprints of the primary keys, upper-case hex as Spack names key files. */
  public Set<String> fingerprints() {
    Set<String> out = new TreeSet<>();
    for (PGPPublicKeyRing ring : rings) {
      out.add(HexFormat.of().formatHex(ring.getPublicKey().getFingerprint()).toUpperCase(Locale.ROOT));
    }
    return out;
  }

  /** The fingerprint of the primary key of the ring holding this key ID, or null. */
  String primaryFingerprint(long keyId) {
    for (PGPPublicKeyRing ring : rings) {
      for (Iterator<PGPPublicKey> it = ring.getPublicKeys(); it.hasNext(); ) {
        if (it.next().getKeyID() == keyId) {
          return HexFormat.of().formatHex(ring.getPublicKey().getFingerprint()).toUpperCase(Locale.ROOT);
        }
      }
    }
    return null;
  }

  /** Only the rings whose primary fingerprint is in {@code fingerprints} (upper-case hex). */
  public Keyring only(Set<String> fingerprints) {
    List<PGPPublicKeyRing> kept = new ArrayList<>();
    for (PGPPublicKeyRing ring : rings) {
      if (fingerprints.contains(HexFormat.of().formatHex(ring.getPublicKey().getFingerprint()).toUpperCase(Locale.ROOT))) {
        kept.add(ring);
      }
    }
    return new Keyring(kept);
  }

  /** The key (primary or subkey) with this ID, or null. */
  PGPPublicKey key(long keyId) {
    for (PGPPublicKeyRing ring : rings) {
      for (Iterator<PGPPublicKey> it = ring.getPublicKeys(); it.hasNext(); ) {
        PGPPublicKey k = it.next();
        if (k.getKeyID() == keyId) {
          return k;
        }
      }
    }
    return null;
  }
}
