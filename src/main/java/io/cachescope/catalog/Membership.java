package io.cachescope.catalog;

/**
 * What one stack's mirror says of a spec it lists: whether it holds the binary, in which layouts,
 * the size of its install tarball and the state of its signature. These are facts of the
 * (stack, hash) pair, not of the spec: the same hash can be signed in one mirror and not in
 * another, or held in v2 by one and v3 by the next.
 *
 * @param inBuildcache whether the mirror holds the binary (a record may be listed only as a
 *     dependency of others)
 * @param layouts a bit set of {@link Layout#bit()}
 * @param tarballSize bytes of the install tarball where the mirror says, else -1
 * @param signature what is known of the spec file's signature in this mirror
 * @param signer the fingerprint of the key that verified the signature, or null
 */
public record Membership(boolean inBuildcache, int layouts, long tarballSize, SignatureState signature, String signer) {

  private static final Membership[] SHARED = new Membership[2 * 8 * SignatureState.values().length];

  static {
    for (int cache = 0; cache < 2; cache++) {
      for (int layouts = 0; layouts < 8; layouts++) {
        for (SignatureState s : SignatureState.values()) {
          SHARED[index(cache == 1, layouts, s)] = new Membership(cache == 1, layouts, -1, s, null);
        }
      }
    }
  }

  /**
   * A membership; those without a size are shared instances, since an index of 400,000 records
   * holds only a handful of distinct ones.
   */
  public static Membership of(boolean inBuildcache, int layouts, long tarballSize, SignatureState signature) {
    return of(inBuildcache, layouts, tarballSize, signature, null);
  }

  public static Membership of(
      boolean inBuildcache, int layouts, long tarballSize, SignatureState signature, String signer) {
    if (tarballSize < 0 && signer == null && layouts >= 0 && layouts < 8) {
      return SHARED[index(inBuildcache, layouts, signature)];
    }
    return new Membership(inBuildcache, layouts, tarballSize, signature, signer);
  }

  private static int index(boolean inBuildcache, int layouts, SignatureState s) {
    return ((inBuildcache ? 1 : 0) * 8 + layouts) * SignatureState.values().length + s.ordinal();
  }

  /** The signature as users read it; Spack pushes OCI caches unsigned, so they say so. */
  public String signatureLabel() {
    return signature == SignatureState.UNSIGNED && layouts == Layout.OCI.bit()
        ? "unsigned (OCI)" : signature.label();
  }

  public boolean inLayout(Layout layout) {
    return (layouts & layout.bit()) != 0;
  }

  public Membership withInBuildcache(boolean value) {
    return of(value, layouts, tarballSize, signature, signer);
  }

  public Membership withLayouts(int value) {
    return of(inBuildcache, value, tarballSize, signature, signer);
  }

  public Membership withTarballSize(long value) {
    return of(inBuildcache, layouts, value, signature, signer);
  }

  /** The signature state, and the key that verified it (null unless verified). */
  public Membership withSignature(SignatureState value, String by) {
    return of(inBuildcache, layouts, tarballSize, value, by);
  }

  /**
   * What several stacks together say of one hash (the union of a tag): in the cache when any
   * holds the binary, every layout, the first known size, and the signature of the first stack
   * that holds the binary.
   */
  public Membership union(Membership other) {
    boolean cache = inBuildcache || other.inBuildcache;
    SignatureState sig = inBuildcache || !other.inBuildcache ? signature : other.signature;
    long size = tarballSize >= 0 ? tarballSize : other.tarballSize;
    String by = inBuildcache || !other.inBuildcache ? signer : other.signer;
    return of(cache, layouts | other.layouts, size, sig, by);
  }
}
