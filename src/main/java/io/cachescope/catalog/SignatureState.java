package io.cachescope.catalog;

/** What is known of the PGP signature that covers a spec in its mirror. */
public enum SignatureState {
  /** Clear-signed and verified against a key the mirror publishes. */
  VERIFIED("verified"),
  /** Signed, but not checked, or signed by a key the mirror does not publish. */
  UNVERIFIED("unverified"),
  /** Signed, and the signature does not match the signed text. */
  BAD("bad signature"),
  /** The mirror holds no signature for this spec. */
  UNSIGNED("unsigned");

  private final String label;

  SignatureState(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
