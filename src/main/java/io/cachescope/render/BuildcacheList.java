package io.cachescope.render;

import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Dependency;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Prints specs exactly as Spack 1.x's {@code spack buildcache list} does (formats.md §7.2):
 * groups per architecture and compilers, sorted, each under a {@code --} header line.
 */
public final class BuildcacheList {

  /** Display names Spack 1.x keeps for compiler packages (formats.md §6). */
  private static final Map<String, String> LEGACY_COMPILER_NAMES =
      Map.of(
          "llvm", "clang",
          "intel-oneapi-compilers", "oneapi",
          "llvm-amdgpu", "rocmcc",
          "intel-oneapi-compilers-classic", "intel",
          "acfl", "arm");

  /**
   * What to print per spec: {@code -l} (7-char hash), {@code -L} (full hash), {@code -N}
   * (namespace), {@code -v} (variants).
   */
  public record Options(boolean longHash, boolean veryLongHash, boolean namespaces, boolean variants) {}

  private BuildcacheList() {}

  /**
   * Renders {@code specs}. {@code lookup} finds dependency records (for compiler versions);
   * {@code versionOrder} orders versions within a package as Spack does.
   */
  public static String render(
      List<ConcreteSpec> specs,
      Function<String, ConcreteSpec> lookup,
      Comparator<String> versionOrder,
      Options options,
      boolean tty,
      int consoleWidth) {
    Map<List<String>, List<ConcreteSpec>> groups =
        new TreeMap<>(Comparator.<List<String>, String>comparing(k -> k.get(0)).thenComparing(k -> k.get(1)));
    for (ConcreteSpec s : specs) {
      groups
          .computeIfAbsent(List.of(s.architecture(), compilers(s, lookup)), k -> new ArrayList<>())
          .add(s);
    }
    Comparator<ConcreteSpec> order =
        Comparator.comparing(ConcreteSpec::name)
            .thenComparing(s -> s.namespace() == null ? "" : s.namespace())
            .thenComparing(ConcreteSpec::version, versionOrder)
            .thenComparing(s -> SpecFormat.variants(s.variants(), SpecFormat.Style.SPACK_1))
            .thenComparing(ConcreteSpec::hash);
    StringBuilder out = new StringBuilder();
    boolean first = true;
    int hlineWidth = tty ? Math.min(64, consoleWidth - 2) : 64;
    for (Map.Entry<List<String>, List<ConcreteSpec>> g : groups.entrySet()) {
      if (!first) {
        out.append('\n');
      }
      first = false;
      out.append(hline(g.getKey().get(0) + " / " + g.getKey().get(1), hlineWidth)).append('\n');
      List<ConcreteSpec> members = new ArrayList<>(g.getValue());
      members.sort(order);
      List<String> lines = new ArrayList<>(members.size());
      for (ConcreteSpec s : members) {
        lines.add(item(s, options));
      }
      Colify.write(lines, tty, consoleWidth, out);
    }
    return out.toString();
  }

  /** {@code tty.hline}: {@code -- label -----} padded to the width. */
  static String hline(String label, int width) {
    String prefix = "-- ";
    int fill = width - prefix.length() - label.length();
    return prefix + label + " " + "-".repeat(Math.max(0, fill));
  }

  static String item(ConcreteSpec s, Options options) {
    StringBuilder b = new StringBuilder();
    if (options.veryLongHash()) {
      b.append(s.hash()).append(' ');
    } else if (options.longHash()) {
      b.append(s.hash(), 0, Math.min(7, s.hash().length())).append(' ');
    }
    if (options.namespaces() && s.namespace() != null) {
      b.append(s.namespace()).append('.');
    }
    b.append(s.name());
    if (!s.version().isEmpty()) {
      b.append('@').append(s.version());
    }
    if (options.variants()) {
      b.append(SpecFormat.variants(s.variants(), SpecFormat.Style.SPACK_1));
    }
    return b.toString();
  }

  /**
   * The compilers part of a group header: {@code %c,cxx=gcc@10.2.1} per direct compiler
   * dependency (Spack 1.x), {@code %gcc@=10.2.1} for older specs, or {@code no compilers}.
   */
  public static String compilers(ConcreteSpec s, Function<String, ConcreteSpec> lookup) {
    List<Dependency> deps = s.compilerDependencies();
    if (!deps.isEmpty()) {
      List<String> parts = new ArrayList<>();
      for (Dependency d : deps) {
        List<String> langs =
            d.virtuals().stream().filter(ConcreteSpec.COMPILER_LANGUAGES::contains).sorted().toList();
        ConcreteSpec node = lookup.apply(d.hash());
        String name = LEGACY_COMPILER_NAMES.getOrDefault(d.name(), d.name());
        parts.add(
            "%" + String.join(",", langs) + "=" + name + (node == null ? "" : "@" + node.version()));
      }
      return String.join(" ", parts);
    }
    if (s.legacyCompiler() != null) {
      String v = s.legacyCompiler().version();
      return "%" + s.legacyCompiler().name() + (v.isEmpty() ? "" : "@=" + v);
    }
    return "no compilers";
  }
}
