package io.cachescope.catalog;

/**
 * One mirror of a tag, named by its label ({@code e4s}, {@code ml-linux-x86_64-cuda},
 * {@code root}, ...). The label is whatever the sources call it; none is special.
 */
public record Stack(String label, String url, BuildCacheIndex index) {

  public Stack {
    url = io.cachescope.Secrets.redact(url); // shown on pages and stored: never credentials
  }

  public boolean holds(String hash) {
    return index.specs().containsKey(hash);
  }
}
