package io.cachescope.mirror;

import io.cachescope.catalog.SignatureState;

/**
 * A file that may be PGP clear-signed (spec files, v3 manifests): its payload and what its
 * signature says. The one place a signed file is unwrapped.
 */
record Signed(byte[] payload, SignatureState state) {

  /** Unwraps and verifies against {@code keys} (an empty ring leaves it unverified). */
  static Signed of(byte[] bytes, String source, Keyring keys) {
    if (!ClearSigned.isClearSigned(bytes)) {
      return new Signed(bytes, SignatureState.UNSIGNED);
    }
    ClearSigned signed = ClearSigned.parse(bytes, source);
    return new Signed(signed.payload(), signed.verify(keys));
  }

  /** Only the payload, where the signature does not matter (index manifests, fingerprints). */
  static byte[] payload(byte[] bytes, String source) {
    return ClearSigned.isClearSigned(bytes) ? ClearSigned.parse(bytes, source).payload() : bytes;
  }
}
