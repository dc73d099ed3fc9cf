package io.cachescope.catalog;

/**
 * One mirror of a tag, named by its label ({@code e4s}, {@code ml-linux-x86_64-cuda},
 * {@code root}, ...). The label is whatever the sources call it; only {@code root}, the union, is shown as no stack.
 */
public record Stack(String label, String url, BuildCacheIndex index) {

  /** The label of a tag's union (cache.spack.io's {@code root}): the whole tag, not a stack. */
  public static final String UNION_LABEL = "root";

  public Stack {
    url = io.cachescope.Secrets.redact(url); // shown on pages and stored: never credentials
  }

  public boolean holds(String hash) {
    return index.specs().containsKey(hash);
  }
}
