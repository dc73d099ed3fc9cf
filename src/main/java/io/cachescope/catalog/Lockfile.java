package io.cachescope.catalog;

import io.cachescope.catalog.ConcreteSpec;
import java.util.List;
import java.util.Map;

/**
 * A Spack environment lockfile ({@code spack.lock}): the root specs the user asked for and every
 * concrete spec of the environment, keyed as the lockfile keys them.
 */
public record Lockfile(int version, List<Root> roots, Map<String, ConcreteSpec> specs) {

  /** A root: the abstract spec the user wrote and the hash it concretized to. */
  public record Root(String hash, String spec) {}

  public Lockfile {
    roots = List.copyOf(roots);
    specs = java.util.Collections.unmodifiableMap(specs);
  }
}
