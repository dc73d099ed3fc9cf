package io.cachescope.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Spack's spec strings (docs/spack-formats.md, "Spec strings"): compilers and variants as Spack
 * 1.x prints them ({@code %c,cxx=gcc@12.3.0}, {@code +shared}, {@code build_type=Release},
 * {@code languages:='c,c++'}) or as Spack 0.x did ({@code patches=dbc3892}), with Spack's quoting.
 */
public final class SpecFormat {

  /** Which Spack series' printing rules to follow. */
  public enum Style {
    /** Spack 1.x: concrete multi-valued variants print {@code name:=v1,v2}. */
    SPACK_1,
    /** Spack 0.x: multi-valued variants print {@code name=v1,v2}. */
    SPACK_0
  }

  // Spack 1.x allows brackets unquoted; 0.x did not.
  private static final Pattern BARE_1 = Pattern.compile("^[a-zA-Z0-9,/_.\\-\\[\\]]+$");
  private static final Pattern BARE_0 = Pattern.compile("^[a-zA-Z0-9,/_.-]+$");

  private SpecFormat() {}

  /** The style of the Spack series that wrote a spec: 1.x from spec format 5 on. */
  public static Style styleOf(ConcreteSpec s) {
    return s.specfileVersion() >= 5 ? Style.SPACK_1 : Style.SPACK_0;
  }

  /**
   * Spack's {@code quote_if_needed}: bare when safe, else single quotes, or JSON double quotes
   * (escaped as Python's {@code json.dumps}) when the value holds a single quote.
   */
  public static String quoteIfNeeded(String value, Style style) {
    if ((style == Style.SPACK_1 ? BARE_1 : BARE_0).matcher(value).matches()) {
      return value;
    }
    if (value.indexOf('\'') >= 0) {
      StringBuilder b = new StringBuilder();
      PyStrings.json(value, b);
      return b.toString();
    }
    return "'" + value + "'";
  }

  /**
   * Display names Spack 1.x keeps for compiler packages ({@code llvm} prints as {@code clang});
   * constraints accept either name.
   */
  private static final Map<String, String> COMPILER_DISPLAY_NAMES =
      Map.of(
          "llvm", "clang",
          "intel-oneapi-compilers", "oneapi",
          "llvm-amdgpu", "rocmcc",
          "intel-oneapi-compilers-classic", "intel",
          "acfl", "arm");

  /** The name Spack 1.x prints for a compiler package. */
  public static String compilerDisplayName(String packageName) {
    return COMPILER_DISPLAY_NAMES.getOrDefault(packageName, packageName);
  }

  /** The compiler package a name means: a display name's package, else the name itself. */
  public static String compilerPackage(String name) {
    for (Map.Entry<String, String> e : COMPILER_DISPLAY_NAMES.entrySet()) {
      if (e.getValue().equals(name)) {
        return e.getKey();
      }
    }
    return name;
  }

  /**
   * The compilers of a spec as {@code buildcache list} headers print them: {@code
   * %c,cxx=gcc@10.2.1} per direct compiler dependency (Spack 1.x), {@code %gcc@=10.2.1} for older
   * specs, or {@code no compilers}. {@code lookup} finds the compiler nodes (for versions).
   */
  public static String compilers(ConcreteSpec s, Function<String, ConcreteSpec> lookup) {
    List<Dependency> deps = s.compilerDependencies();
    if (!deps.isEmpty()) {
      List<String> parts = new ArrayList<>();
      for (Dependency d : deps) {
        List<String> langs =
            d.virtuals().stream().filter(ConcreteSpec.COMPILER_LANGUAGES::contains).sorted().toList();
        ConcreteSpec node = lookup.apply(d.hash());
        parts.add("%" + String.join(",", langs) + "=" + compilerDisplayName(d.name())
            + (node == null ? "" : "@" + node.version()));
      }
      return String.join(" ", parts);
    }
    if (s.legacyCompiler() != null) {
      String v = s.legacyCompiler().version();
      return "%" + s.legacyCompiler().name() + (v.isEmpty() ? "" : "@=" + v);
    }
    return NO_COMPILERS;
  }

  /** What {@link #compilers} says of a spec without any. */
  public static final String NO_COMPILERS = "no compilers";

  public static String quoteIfNeeded(String value) {
    return quoteIfNeeded(value, Style.SPACK_1);
  }

  /** One variant: {@code +x}, {@code ~x}, {@code x=v}, {@code x:=v1,v2} (or {@code x=v1,v2}). */
  public static String variant(Variant v, Style style) {
    switch (v.kind()) {
      case BOOL:
        return (v.enabled() ? "+" : "~") + v.name();
      case MULTI:
        String joined;
        if (v.values().isEmpty() && style == Style.SPACK_1) {
          joined = "*";
        } else if (v.name().equals("patches")) {
          joined = String.join(",", v.values().stream().map(p -> p.substring(0, Math.min(7, p.length()))).toList());
        } else {
          joined = v.joined();
        }
        return v.name() + (style == Style.SPACK_1 ? ":=" : "=") + quoteIfNeeded(joined, style);
      default:
        return v.name() + "=" + quoteIfNeeded(v.joined(), style);
    }
  }

  /**
   * A variant map as Spack prints it in a spec string: every boolean variant first, run
   * together, then each valued variant after a space.
   */
  public static String variants(List<Variant> vs, Style style) {
    StringBuilder bools = new StringBuilder();
    StringBuilder rest = new StringBuilder();
    for (Variant v : vs) {
      if (v.kind() == Variant.Kind.BOOL) {
        bools.append(variant(v, style));
      } else {
        rest.append(' ').append(variant(v, style));
      }
    }
    return bools.append(rest).toString();
  }
}
