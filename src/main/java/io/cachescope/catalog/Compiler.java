package io.cachescope.catalog;

/**
 * A compiler as Spack 0.x recorded it on a node ({@code compiler: {name, version}}, or the
 * {@code annotations.compiler} string {@code gcc@=10.2.1} that Spack 1.x keeps for old specs).
 * Spack 1.x specs have compilers as dependencies instead; see {@link ConcreteSpec#compilers}.
 */
public record Compiler(String name, String version) {

  /** Parses {@code name@version} or {@code name@=version}; a bare name has an empty version. */
  public static Compiler parse(String spec) {
    int at = spec.indexOf('@');
    if (at < 0) {
      return new Compiler(spec.strip(), "");
    }
    String version = spec.substring(at + 1);
    if (version.startsWith("=")) {
      version = version.substring(1);
    }
    return new Compiler(spec.substring(0, at).strip(), version.strip());
  }
}
