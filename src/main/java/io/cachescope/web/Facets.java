package io.cachescope.web;

import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Variant;
import io.cachescope.catalog.SpecFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Facet filters over the specs of one package: values OR-ed within a facet, facets AND-ed, and
 * each facet's counts computed with the other facets' filters only (so choosing a value never
 * hides its siblings), as faceted search does on peer sites.
 */
public final class Facets {

  /** The facets, in the order the page shows them. */
  public static final List<String> NAMES = List.of("stack", "version", "compiler", "os", "platform", "target", "variant");

  /** The facets of a package across releases: the release (tag) first. */
  public static final List<String> ACROSS = List.of("release", "stack", "version", "compiler", "os", "platform", "target", "variant");

  /** A facet value with the number of specs it would select. */
  public record Count(String value, int count, boolean selected) {}

  /** Filtered specs and the counts of every facet. */
  public record Result(List<ConcreteSpec> specs, Map<String, List<Count>> counts) {}

  private Facets() {}

  /** How a facet or column is named on the page. */
  public static String label(String facet) {
    return switch (facet) {
      case "os" -> "OS";
      default -> Character.toUpperCase(facet.charAt(0)) + facet.substring(1);
    };
  }

  /**
   * A spec's values of one facet in {@code tag}, or in every tag when it is null. Stacks leave
   * out {@code root}: it is the tag's union, not a stack (cache.spack.io ignores it too).
   */
  public static List<String> values(String facet, ConcreteSpec s, CatalogView view, String tag) {
    return switch (facet) {
      case "stack" -> (tag == null
          ? view.stacksOf(s.hash()).values().stream().flatMap(List::stream).distinct()
          : view.stacksOf(s.hash()).getOrDefault(tag, List.of()).stream())
          .filter(l -> !l.equals(io.cachescope.catalog.Stack.UNION_LABEL)).toList();
      case "release" -> view.tagsOf(s.hash());
      case "version" -> List.of(s.version());
      case "compiler" -> List.of(view.compilerOf(s));
      case "os" -> List.of(s.os());
      case "platform" -> List.of(s.platform());
      case "target" -> List.of(s.target());
      case "variant" -> {
        List<String> out = new ArrayList<>();
        for (Variant v : s.variants()) {
          out.add(SpecFormat.variant(v, SpecFormat.Style.SPACK_1));
        }
        yield out;
      }
      default -> List.of();
    };
  }

  public static Result apply(List<ConcreteSpec> specs, Map<String, List<String>> filters, CatalogView view, String tag) {
    List<String> names = tag == null ? ACROSS : NAMES;
    BiFunction<ConcreteSpec, String, Boolean> passesOthers = (s, except) -> {
      for (String facet : names) {
        List<String> wanted = filters.getOrDefault(facet, List.of());
        if (facet.equals(except) || wanted.isEmpty()) {
          continue;
        }
        List<String> have = values(facet, s, view, tag);
        if (wanted.stream().noneMatch(have::contains)) {
          return false;
        }
      }
      return true;
    };
    List<ConcreteSpec> selected = specs.stream().filter(s -> passesOthers.apply(s, null)).toList();
    Map<String, List<Count>> counts = new LinkedHashMap<>();
    for (String facet : names) {
      // Versions newest first, in Spack's order; other values alphabetically.
      Map<String, Integer> n = facet.equals("version")
          ? new TreeMap<>(java.util.Comparator.comparing(io.cachescope.catalog.Version::parse).reversed())
          : facet.equals("release") ? new TreeMap<>(Search.NEWEST_FIRST) : new TreeMap<>();
      for (ConcreteSpec s : specs) {
        if (passesOthers.apply(s, facet)) {
          for (String v : values(facet, s, view, tag)) {
            n.merge(v, 1, Integer::sum);
          }
        }
      }
      List<String> wanted = filters.getOrDefault(facet, List.of());
      for (String w : wanted) {
        n.putIfAbsent(w, 0);
      }
      List<Count> list = new ArrayList<>();
      n.forEach((v, c) -> list.add(new Count(v, c, wanted.contains(v))));
      counts.put(facet, list);
    }
    return new Result(selected, counts);
  }
}
