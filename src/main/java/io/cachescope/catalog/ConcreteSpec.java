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
 * @param inBuildcache whether the mirror holds the binary (a missing field means it does)
 * @param specfileVersion the spec format the node was written in (1 to 5)
 * @param layouts a bit set of {@link Layout#bit()} for the layouts that hold this spec
 * @param tarballSize bytes of the install tarball where a v3 manifest gives them, else -1
 * @param signature what is known of the signature of the spec file
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
    boolean inBuildcache,
    int specfileVersion,
    int layouts,
    long tarballSize,
    SignatureState signature) {

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

  /** Direct dependencies that provide a compiled language, sorted by name as Spack prints them. */
  public List<Dependency> compilerDependencies() {
    return dependencies.stream()
        .filter(d -> d.virtuals().stream().anyMatch(COMPILER_LANGUAGES::contains))
        .sorted(java.util.Comparator.comparing(Dependency::name))
        .toList();
  }

  public boolean inLayout(Layout layout) {
    return (layouts & layout.bit()) != 0;
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
        variants, flags, value, external, externalPath, inBuildcache, specfileVersion, layouts,
        tarballSize, signature);
  }

  public ConcreteSpec withSpecfileVersion(int value) {
    return new ConcreteSpec(hash, name, version, namespace, platform, os, target, legacyCompiler,
        variants, flags, dependencies, external, externalPath, inBuildcache, value, layouts,
        tarballSize, signature);
  }

  public ConcreteSpec withInBuildcache(boolean value) {
    return new ConcreteSpec(hash, name, version, namespace, platform, os, target, legacyCompiler,
        variants, flags, dependencies, external, externalPath, value, specfileVersion, layouts,
        tarballSize, signature);
  }

  public ConcreteSpec withLayouts(int value) {
    return new ConcreteSpec(hash, name, version, namespace, platform, os, target, legacyCompiler,
        variants, flags, dependencies, external, externalPath, inBuildcache, specfileVersion, value,
        tarballSize, signature);
  }

  public ConcreteSpec withTarballSize(long value) {
    return new ConcreteSpec(hash, name, version, namespace, platform, os, target, legacyCompiler,
        variants, flags, dependencies, external, externalPath, inBuildcache, specfileVersion,
        layouts, value, signature);
  }

  public ConcreteSpec withSignature(SignatureState value) {
    return new ConcreteSpec(hash, name, version, namespace, platform, os, target, legacyCompiler,
        variants, flags, dependencies, external, externalPath, inBuildcache, specfileVersion,
        layouts, tarballSize, value);
  }
}
