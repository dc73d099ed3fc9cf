package io.cachescope.render;

import io.cachescope.catalog.SpecFormat;
import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Dependency;
import io.cachescope.catalog.PyStrings;
import io.cachescope.catalog.Variant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Prints specs exactly as Spack 1.x's {@code spack buildcache list} does (docs/spack-order.md):
 * groups per architecture and compilers, sorted, each under a {@code --} header line.
 */
public final class BuildcacheList {

  /**
   * What to print per spec: {@code -l} (7-char hash), {@code -L} (full hash), {@code -N}
   * (namespace), {@code -v} (variants).
   */
  public record Options(boolean longHash, boolean veryLongHash, boolean namespaces, boolean variants) {}

  private BuildcacheList() {}

  private record GroupParts(String platform, String os, String target, String compilers) {}

  /**
   * Renders {@code specs} (in index order). {@code records} holds every record by hash, for
   * compiler versions and the DAG comparisons of {@link BuildOrder}; each group's text passes
   * through {@code escape} (the caller's rule for its output, such as a terminal's) on the
   * thread that printed it.
   */
  public static String render(
      List<ConcreteSpec> specs,
      Map<String, ConcreteSpec> records,
      Options options,
      boolean tty,
      int consoleWidth,
      java.util.function.UnaryOperator<String> escape) {
    // Groups sort by the text Python prints for their (architecture, compilers) key.
    Map<String, List<ConcreteSpec>> groups = new TreeMap<>();
    Map<String, String> headers = new HashMap<>();
    Map<String, String> keyOfHeader = new HashMap<>();
    // Builds share their compilers and (the readers intern them) their variant lists: each is
    // printed once per listing, here, before the groups are printed on several threads.
    Map<Object, String> compilersOf = new HashMap<>();
    Map<List<Variant>, String> variantsText = new IdentityHashMap<>();
    // A group's list by its parts (shared strings, so cheap to hash): the header and the key
    // text are made once per group, not once per build.
    Map<GroupParts, List<ConcreteSpec>> groupOf = new HashMap<>();
    for (ConcreteSpec s : specs) {
      List<Dependency> deps = s.compilerDependencies();
      String compilers = compilersOf.computeIfAbsent(
          deps.isEmpty() ? s.legacyCompiler() : deps, k -> SpecFormat.compilers(s, records::get));
      groupOf.computeIfAbsent(new GroupParts(s.platform(), s.os(), s.target(), compilers), parts -> {
        String header = s.architecture() + " / " + compilers;
        String key = keyOfHeader.computeIfAbsent(header, h -> groupKey(s, compilers));
        headers.putIfAbsent(key, header);
        return groups.computeIfAbsent(key, k -> new ArrayList<>());
      }).add(s);
      if (options.variants()) {
        variantsText.computeIfAbsent(s.variants(), v -> SpecFormat.variants(v, SpecFormat.Style.SPACK_1));
      }
    }
    BuildOrder order = new BuildOrder(records);
    int hlineWidth = tty ? Math.min(64, consoleWidth - 2) : 64;
    // Groups sort and print independently: on two threads where there are two, largest first so
    // that neither waits for the other at the end; printed in key order.
    List<Map.Entry<String, List<ConcreteSpec>>> keyed = new ArrayList<>(groups.entrySet());
    String[] texts = new String[keyed.size()];
    Integer[] bySize = new Integer[keyed.size()];
    for (int i = 0; i < bySize.length; i++) {
      bySize[i] = i;
    }
    java.util.Arrays.sort(bySize, (a, b) -> Integer.compare(keyed.get(b).getValue().size(), keyed.get(a).getValue().size()));
    java.util.Arrays.stream(bySize).parallel().forEach(i -> {
      Map.Entry<String, List<ConcreteSpec>> g = keyed.get(i);
      StringBuilder out = new StringBuilder();
      out.append(hline(headers.get(g.getKey()), hlineWidth)).append('\n');
      List<ConcreteSpec> members = new ArrayList<>(g.getValue());
      order.sort(members);
      List<String> lines = new ArrayList<>(members.size());
      for (ConcreteSpec s : members) {
        lines.add(item(s, options, variantsText));
      }
      Colify.write(lines, tty, consoleWidth, out);
      texts[i] = escape.apply(out.toString());
    });
    return String.join("\n", texts);
  }

  /**
   * {@code str((spec.architecture, compilers))} as Python prints it, e.g. {@code
   * (ArchSpec(('linux', 'ubuntu24.04', 'x86_64_v3')), ' %c,cxx=gcc@13.2.0')}; a spec without
   * compilers has an empty compilers string.
   */
  static String groupKey(ConcreteSpec s, String compilers) {
    String c = compilers.equals(SpecFormat.NO_COMPILERS) ? "" : " " + compilers;
    return "(ArchSpec((" + PyStrings.repr(String.valueOf(s.platform())) + ", " + PyStrings.repr(String.valueOf(s.os()))
        + ", " + PyStrings.repr(String.valueOf(s.target())) + ")), " + PyStrings.repr(c) + ")";
  }

  /** {@code tty.hline}: {@code -- label -----} padded to the width. */
  static String hline(String label, int width) {
    String prefix = "-- ";
    int fill = width - prefix.length() - label.length();
    return prefix + label + " " + "-".repeat(Math.max(0, fill));
  }

  static String item(ConcreteSpec s, Options options, Map<List<Variant>, String> variantsText) {
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
      String text = variantsText.get(s.variants());
      b.append(text != null ? text : SpecFormat.variants(s.variants(), SpecFormat.Style.SPACK_1));
    }
    return b.toString();
  }
}
