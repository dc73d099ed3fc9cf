package io.cachescope.catalog;

import java.util.List;
import java.util.Map;

/**
 * One concrete spec of a build cache: a node of a Spack DAG, identified by its DAG hash. Index
 * records and spec files of every format (1 to 5) are read into this one shape.
 *
 * @param hash the 32-character DAG hash
 * @param platform {@code arch.platform}, e.g. {@code linux}
 * @param os {@code arch.platform_os}, e.g. {@code ubuntu22.04}
 * @param target the target's name ({@code arch.target} is a string or an object with a name)
 * @param legacyCompiler the node compiler of specs before Spack 1.0, else null
 * @param variants the node's variants, sorted by name
 * @param flags compiler flags that are set ({@code cflags} and so on), empty ones left out
 * @param dependencies edges to the direct dependencies, in the order the record lists them
 * @param externalPath the prefix of an external package, or null ({@link #external} tells)
 * @param specfileVersion the spec format the node was written in (1 to 5)
 * @param packageHash the node's {@code package_hash} (a hash of its package.py), or null
 *
 * <p>Only what the spec is: what a mirror says of it (in the cache, layouts, size, signature) is
 * a {@link Membership} of that mirror.
 */
public record ConcreteSpec(
    String hash,
    String name,
    String version,
    String namespace,
    String platform,
    String os,
    String target,
    Compiler legacyCompiler,
    List<Variant> variants,
    Map<String, List<String>> flags,
    List<Dependency> dependencies,
    boolean external,
    String externalPath,
    int specfileVersion,
    String packageHash) {

  /** Virtuals that make a dependency a compiler, in the order Spack looks for them. */
  public static final List<String> COMPILER_LANGUAGES = List.of("c", "cxx", "fortran");

  /** {@code platform-os-target}, as Spack prints an architecture. */
  public String architecture() {
    return platform + "-" + os + "-" + target;
  }

  /**
   * The compiler edge cache.spack.io and Spack 1.x's {@code spec.compiler} name: the direct
   * dependency that provides {@code c}, else {@code cxx}, else {@code fortran}; null if none.
   */
  public Dependency primaryCompiler() {
    for (String language : COMPILER_LANGUAGES) {
      for (Dependency d : dependencies) {
        if (d.provides(language)) {
          return d;
        }
      }
    }
    return null;
  }

  /**
   * The spec's compiler as one name and version: for specs written before Spack 1.0 the node
   * compiler, else the {@link #primaryCompiler} with its node's version (empty when the node is
   * not in {@code lookup}); null when the spec has none.
   */
  public Compiler compiler(java.util.function.Function<String, ConcreteSpec> lookup) {
    if (legacyCompiler != null && (specfileVersion < 5 || primaryCompiler() == null)) {
      return legacyCompiler;
    }
    Dependency c = primaryCompiler();
    if (c == null) {
      return null;
    }
    ConcreteSpec node = lookup.apply(c.hash());
    return new Compiler(c.name(), node == null ? "" : node.version());
  }

  /** Direct dependencies that provide a compiled language, sorted by name as Spack prints them. */
  public List<Dependency> compilerDependencies() {
    List<Dependency> out = null;
    for (Dependency d : dependencies) {
      for (String v : d.virtuals()) {
        if (COMPILER_LANGUAGES.contains(v)) {
          if (out == null) {
            out = new java.util.ArrayList<>(2);
          }
          out.add(d);
          break;
        }
      }
    }
    if (out == null) {
      return List.of();
    }
    out.sort(java.util.Comparator.comparing(Dependency::name));
    return out;
  }

  /** The variant of that name, or null. */
  public Variant variant(String variantName) {
    for (Variant v : variants) {
      if (v.name().equals(variantName)) {
        return v;
      }
    }
    return null;
  }

  public ConcreteSpec withDependencies(List<Dependency> value) {
    return new ConcreteSpec(hash, name, version, namespace, platform, os, target, legacyCompiler,
        variants, flags, value, external, externalPath, specfileVersion, packageHash);
  }

  public ConcreteSpec withSpecfileVersion(int value) {
    return new ConcreteSpec(hash, name, version, namespace, platform, os, target, legacyCompiler,
        variants, flags, dependencies, external, externalPath, value, packageHash);
  }
}
