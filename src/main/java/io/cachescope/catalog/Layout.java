package io.cachescope.catalog;

/** The build cache layout a spec was read from. */
public enum Layout {
  /** {@code build_cache/} with index.json and spec files (Spack 0.15 to 0.23). */
  V2("v2"),
  /** {@code v3/manifests} and content-addressed {@code blobs/} (Spack 1.0 and later). */
  V3("v3"),
  /** An OCI registry: one image per spec and an {@code index.spack} tag. */
  OCI("oci");

  private final String label;

  Layout(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** One bit per layout, so a spec held by a mixed mirror can remember both in one int. */
  public int bit() {
    return 1 << ordinal();
  }
}
