package io.cachescope.web;

import io.cachescope.catalog.SpecFormat;
import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Membership;
import io.cachescope.catalog.Dependency;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Everything the page of one hash shows. */
public record SpecPage(
    ConcreteSpec spec, Membership membership, String specString, String compilers, List<String> tags,
    Map<String, List<String>> stacks, String firstSeen, String lastSeen, List<TreeLine> tree) {

  /** One line of the dependency tree. */
  /**
   * One line of the dependency tree.
   *
   * @param repeat the node was shown above (its children are not repeated)
   * @param buildOnly reached only through a build-only edge here (hidden on request)
   */
  public record TreeLine(int depth, String name, String version, String hash, boolean present,
      boolean inCache, boolean external, String deptypes, boolean repeat, boolean buildOnly) {}

  static SpecPage of(ConcreteSpec s, CatalogView view) {
    return of(s, view, true);
  }

  /** {@code tree} false: without the dependency tree (the static export lists direct dependencies). */
  static SpecPage of(ConcreteSpec s, CatalogView view, boolean withTree) {
    List<String> tags = view.tagsOf(s.hash());
    List<String> dates = new ArrayList<>();
    for (String t : tags) {
      view.tag(t).map(io.cachescope.catalog.TagSummary::date).ifPresent(d -> { if (d != null) dates.add(d); });
    }
    dates.sort(String::compareTo);
    String first = dates.isEmpty() ? (tags.isEmpty() ? "-" : tags.get(tags.size() - 1)) : dates.get(0);
    String last = dates.isEmpty() ? (tags.isEmpty() ? "-" : tags.get(0)) : dates.get(dates.size() - 1);
    String compilers = view.compilerOf(s);
    String string = s.name() + "@" + s.version() + SpecFormat.variants(s.variants(), SpecFormat.Style.SPACK_1)
        + " platform=" + s.platform() + " os=" + s.os() + " target=" + s.target()
        + (compilers.equals("no compilers") ? "" : " " + compilers);
    List<TreeLine> tree = new ArrayList<>();
    if (withTree) {
      walk(s, 0, false, view, tree, new HashSet<>());
    }
    java.util.Map<String, List<String>> stacks = new java.util.LinkedHashMap<>();
    view.stacksOf(s.hash()).forEach((tag, labels) ->
        stacks.put(tag, labels.stream().filter(l -> !l.equals(io.cachescope.catalog.Stack.UNION_LABEL)).toList()));
    return new SpecPage(s, view.membership(s.hash()), string, compilers, tags, stacks, first, last, tree);
  }

  /** Depth-first, each node once (later repeats are shown without their children). */
  private static void walk(ConcreteSpec s, int depth, boolean underBuild, CatalogView view, List<TreeLine> out, Set<String> seen) {
    if (depth > 12 || out.size() > 2000) {
      return;
    }
    for (Dependency d : s.dependencies()) {
      ConcreteSpec node = view.lookup(d.hash());
      String types = String.join(",", d.typeNames()) + (d.virtuals().isEmpty() ? "" : " provides " + String.join(",", d.virtuals()));
      boolean build = underBuild || d.typeNames().equals(List.of("build"));
      if (node == null) {
        out.add(new TreeLine(depth, d.name(), "", d.hash(), false, false, false, types, false, build));
        continue;
      }
      boolean first = seen.add(node.hash());
      out.add(new TreeLine(depth, node.name(), node.version(), node.hash(), true, view.inBuildcache(node.hash()),
          node.external(), types, !first, build));
      if (first) {
        walk(node, depth + 1, build, view, out, seen);
      }
    }
  }
}
