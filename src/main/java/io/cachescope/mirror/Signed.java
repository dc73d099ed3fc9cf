package io.cachescope.mirror;

import io.cachescope.catalog.SignatureState;

/**
 * A file that may be PGP clear-signed (spec files, v3 manifests): its payload and what its
 * signature says. The one place a signed file is unwrapped.
 */
record Signed(byte[] payload, SignatureState state, String signer) {

  /** Unwraps and verifies against {@code keys} (an empty ring leaves it unverified). */
  static Signed of(byte[] bytes, String source, Keyring keys) {
    if (!ClearSigned.isClearSigned(bytes)) {
      return new Signed(bytes, SignatureState.UNSIGNED, null);
    }
    ClearSigned signed = ClearSigned.parse(bytes, source);
    ClearSigned.Verdict v = signed.check(keys);
    return new Signed(signed.payload(), v.state(), v.signer());
  }

  /** Only the payload, where the signature does not matter (index manifests, fingerprints). */
  static byte[] payload(byte[] bytes, String source) {
    return ClearSigned.isClearSigned(bytes) ? ClearSigned.parse(bytes, source).payload() : bytes;
  }
}
