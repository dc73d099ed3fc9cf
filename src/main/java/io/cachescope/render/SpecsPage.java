package io.cachescope.render;

import io.cachescope.catalog.SpecFormat;
import io.cachescope.catalog.Compiler;
import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Union;
import io.cachescope.catalog.StackIndex;
import io.cachescope.catalog.Tag;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * cache.spack.io's per-package page, {@code _cache/<tag>/<package>/specs.md}, byte for byte as
 * its generator wrote it (docs/cache-spack-io.md): a Jekyll front matter with {@code meta} and {@code
 * spec_details} as Python's {@code json.dumps(..., sort_keys=True)}, and no final newline.
 */
public final class SpecsPage {

  private SpecsPage() {}

  /**
   * The page of one package. {@code stacksOf} gives the stack labels holding a hash; {@code
   * union} finds dependency records (a Spack 1.x spec's compiler is one of them) and sizes.
   */
  static String render(
      String tagName,
      String packageName,
      List<ConcreteSpec> specs,
      Function<String, List<String>> stacksOf,
      Union union,
      boolean withSizes) {
    Function<String, ConcreteSpec> lookup = union::get;
    List<Map<String, Object>> details = new ArrayList<>();
    TreeSet<String> versions = new TreeSet<>(PyJson.PYTHON_ORDER);
    TreeSet<String> compilers = new TreeSet<>(PyJson.PYTHON_ORDER);
    TreeSet<String> oss = new TreeSet<>(PyJson.PYTHON_ORDER);
    TreeSet<String> platforms = new TreeSet<>(PyJson.PYTHON_ORDER);
    TreeSet<String> targets = new TreeSet<>(PyJson.PYTHON_ORDER);
    TreeSet<String> stacks = new TreeSet<>(PyJson.PYTHON_ORDER);
    Map<String, Integer> byStack = new TreeMap<>(PyJson.PYTHON_ORDER);
    List<ConcreteSpec> sorted = new ArrayList<>(specs);
    sorted.sort(Comparator.comparing(ConcreteSpec::hash, PyJson.PYTHON_ORDER));
    for (ConcreteSpec s : sorted) {
      String compiler = compiler(s, lookup);
      List<String> specStacks = new ArrayList<>(stacksOf.apply(s.hash()));
      specStacks.sort(PyJson.PYTHON_ORDER);
      SpecFormat.Style style = SpecFormat.styleOf(s);
      List<String> variants = new ArrayList<>();
      for (var v : s.variants()) {
        variants.add(SpecFormat.variant(v, style));
      }
      Map<String, Object> d = new LinkedHashMap<>();
      d.put("compiler", compiler);
      d.put("hash", s.hash());
      d.put("os", s.os());
      d.put("platform", s.platform());
      long size = union.membership(s.hash()).tarballSize();
      d.put("size", withSizes && size >= 0 ? (Object) size : "-");
      d.put("stacks", specStacks);
      d.put("target", s.target());
      d.put("variants", variants);
      d.put("versions", List.of(s.version()));
      details.add(d);
      versions.add(s.version());
      compilers.add(compiler);
      oss.add(s.os());
      platforms.add(s.platform());
      targets.add(s.target());
      stacks.addAll(specStacks);
      for (String label : specStacks) {
        byStack.merge(label, 1, Integer::sum);
      }
    }
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("compilers", new ArrayList<>(compilers));
    meta.put("num_specs", sorted.size());
    meta.put("num_specs_by_stack", byStack);
    meta.put("oss", new ArrayList<>(oss));
    meta.put("platforms", new ArrayList<>(platforms));
    meta.put("stacks", new ArrayList<>(stacks));
    meta.put("targets", new ArrayList<>(targets));
    meta.put("versions", new ArrayList<>(versions));
    return "---\n"
        + "title: \"" + packageName + "\"\n"
        + "layout: cache\n"
        + "categories: [package, " + tagName + "]\n"
        + "meta: " + PyJson.dumps(meta) + "\n"
        + "spec_details: " + PyJson.dumps(details) + "\n"
        + "---";
  }

  /**
   * The {@code compiler} of a page: for Spack 1.x specs {@code name@version} of the dependency
   * providing {@code c}, else {@code cxx}, else {@code fortran}, or {@code none}; for older specs
   * the node compiler as Spack 0.x printed it, {@code gcc@=11.4.0}.
   */
  public static String compiler(ConcreteSpec s, Function<String, ConcreteSpec> lookup) {
    Compiler c = s.compiler(lookup);
    if (c == null) {
      return "none";
    }
    String at = c == s.legacyCompiler() ? "@=" : "@";
    return c.version().isEmpty() ? c.name() : c.name() + at + c.version();
  }

  /** Every page of a tag: package name to page text, for packages with a spec in the cache. */
  public static Map<String, String> renderTag(Tag tag, boolean withSizes) {
    Union union = tag.union();
    Map<String, List<ConcreteSpec>> byPackage = union.byPackage();
    StackIndex stacks = new StackIndex(tag);
    Map<String, String> pages = new LinkedHashMap<>();
    for (Map.Entry<String, List<ConcreteSpec>> e : byPackage.entrySet()) {
      pages.put(
          e.getKey(),
          render(tag.name(), e.getKey(), e.getValue(), stacks::of, union, withSizes));
    }
    return pages;
  }
}
