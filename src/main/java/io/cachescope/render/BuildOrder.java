package io.cachescope.render;

import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Dependency;
import io.cachescope.catalog.Variant;
import io.cachescope.catalog.Version;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The order in which Spack sorts the builds of one {@code buildcache list} group: Spack's spec
 * comparison (docs/spack-order.md). A group is sorted by root node first; only builds that tie
 * there are compared on the rest of their DAGs. For those, every record is ranked once by node,
 * and each tied build's DAG walked once into an array of ranks, so a DAG comparison is a
 * comparison of int arrays. Both sorts are stable, so builds Spack ranks equal keep the index's
 * order.
 */
final class BuildOrder {

  /** The compiler flags every concrete spec carries, in the sorted order Spack compares them. */
  private static final List<String> FLAG_NAMES =
      List.of("cflags", "cppflags", "cxxflags", "fflags", "ldflags", "ldlibs");

  private final Map<String, ConcreteSpec> records;
  private final Map<String, Version> versions = new IdentityHashMap<>();
  private final Map<ConcreteSpec, ConcreteSpec[]> children = new IdentityHashMap<>();
  private Dag dag;

  /** {@code records}: every record by hash, for dependency lookups. */
  BuildOrder(Map<String, ConcreteSpec> records) {
    this.records = records;
  }

  /** Sorts one group's builds in place. */
  void sort(List<ConcreteSpec> group) {
    group.sort(this::compareNodes);
    for (int from = 0; from < group.size(); ) {
      int to = from + 1;
      while (to < group.size() && compareNodes(group.get(from), group.get(to)) == 0) {
        to++;
      }
      if (to - from > 1) {
        sortByDag(group.subList(from, to));
      }
      from = to;
    }
  }

  /** Builds whose root nodes tie, by the rest of their DAGs: node by node, then edge by edge. */
  private void sortByDag(List<ConcreteSpec> tied) {
    if (dag == null) {
      dag = new Dag();
    }
    Map<ConcreteSpec, int[]> walks = new IdentityHashMap<>();
    for (ConcreteSpec build : tied) {
      walks.put(build, dag.ranks(build));
    }
    // A DAG that runs out first sorts first, as Arrays.compare has it.
    tied.sort((a, b) -> {
      int c = java.util.Arrays.compare(walks.get(a), walks.get(b));
      return c != 0 ? c : compareEdges(edges(walk(a)), edges(walk(b)));
    });
  }

  /**
   * Every record numbered, ranked once by {@link #compareNodes} (equal nodes share a rank), with
   * its children in name order as numbers: a breadth-first walk is then a loop over ints.
   */
  private final class Dag {
    private final ConcreteSpec[] nodes;
    private final Map<ConcreteSpec, Integer> ids;
    private final int[] rank;
    private final int[][] kids;
    private final int[] seen;
    private int epoch;
    private int[] queue = new int[256];

    Dag() {
      nodes = records.values().toArray(new ConcreteSpec[0]);
      ids = new IdentityHashMap<>(nodes.length * 2);
      for (int i = 0; i < nodes.length; i++) {
        ids.put(nodes[i], i);
      }
      Integer[] order = new Integer[nodes.length];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      java.util.Arrays.sort(order, (x, y) -> compareNodes(nodes[x], nodes[y]));
      rank = new int[nodes.length];
      for (int i = 0; i < order.length; i++) {
        boolean tie = i > 0 && compareNodes(nodes[order[i - 1]], nodes[order[i]]) == 0;
        rank[order[i]] = tie ? rank[order[i - 1]] : i;
      }
      kids = new int[nodes.length][];
      seen = new int[nodes.length];
    }

    /** The ranks of the build's DAG nodes, breadth first. */
    int[] ranks(ConcreteSpec build) {
      epoch++;
      int head = 0;
      int tail = 0;
      int root = ids.get(build);
      queue[tail++] = root;
      seen[root] = epoch;
      while (head < tail) {
        int node = queue[head++];
        for (int child : kids(node)) {
          if (seen[child] != epoch) {
            seen[child] = epoch;
            if (tail == queue.length) {
              queue = java.util.Arrays.copyOf(queue, tail * 2);
            }
            queue[tail++] = child;
          }
        }
      }
      int[] out = new int[tail];
      for (int i = 0; i < tail; i++) {
        out[i] = rank[queue[i]];
      }
      return out;
    }

    private int[] kids(int node) {
      int[] k = kids[node];
      if (k == null) {
        ConcreteSpec[] c = children(nodes[node]);
        k = new int[c.length];
        for (int i = 0; i < c.length; i++) {
          k[i] = ids.get(c[i]);
        }
        kids[node] = k;
      }
      return k;
    }
  }

  /**
   * Spack's {@code _cmp_node}: name, namespace, version, variants (per variant in name order:
   * its name, then its values as strings), compiler flags, architecture, abstract hash (always
   * empty for a concrete spec, so left out) and {@code package_hash}.
   */
  private int compareNodes(ConcreteSpec a, ConcreteSpec b) {
    if (a == b) {
      return 0;
    }
    int c = a.name().compareTo(b.name());
    if (c == 0) {
      c = compareNullable(a.namespace(), b.namespace());
    }
    if (c == 0 && !a.version().equals(b.version())) {
      c = version(a.version()).compareTo(version(b.version()));
    }
    if (c == 0 && a.variants() != b.variants()) {
      c = compareVariants(a.variants(), b.variants());
    }
    if (c == 0 && a.flags() != b.flags()) {
      c = compareFlags(a.flags(), b.flags());
    }
    if (c == 0) {
      c = compareNullable(a.platform(), b.platform());
    }
    if (c == 0) {
      c = compareNullable(a.os(), b.os());
    }
    if (c == 0) {
      c = compareNullable(a.target(), b.target());
    }
    if (c == 0) {
      c = compareNullable(a.packageHash(), b.packageHash());
    }
    return c;
  }

  private Version version(String text) {
    // Versions are shared strings (the readers intern them), so identity finds most of them.
    Version v = versions.get(text);
    if (v == null) {
      v = Version.parse(text);
      versions.put(text, v);
    }
    return v;
  }

  private static int compareVariants(List<Variant> a, List<Variant> b) {
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      Variant va = a.get(i);
      Variant vb = b.get(i);
      if (va == vb) {
        continue;
      }
      int c = va.name().compareTo(vb.name());
      int m = Math.min(va.values().size(), vb.values().size());
      for (int j = 0; c == 0 && j < m; j++) {
        c = pythonValue(va, j).compareTo(pythonValue(vb, j));
      }
      if (c == 0) {
        c = Integer.compare(va.values().size(), vb.values().size());
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  /** A value as Python prints it: a bool variant's value is {@code True} or {@code False}. */
  private static String pythonValue(Variant v, int i) {
    String value = v.values().get(i);
    return v.kind() == Variant.Kind.BOOL ? (value.equals("true") ? "True" : "False") : value;
  }

  private static int compareFlags(Map<String, List<String>> a, Map<String, List<String>> b) {
    for (String name : FLAG_NAMES) {
      List<String> fa = a.getOrDefault(name, List.of());
      List<String> fb = b.getOrDefault(name, List.of());
      int n = Math.min(fa.size(), fb.size());
      for (int i = 0; i < n; i++) {
        int c = fa.get(i).compareTo(fb.get(i));
        if (c != 0) {
          return c;
        }
      }
      if (fa.size() != fb.size()) {
        return Integer.compare(fa.size(), fb.size());
      }
    }
    return 0;
  }

  /** Python's order with {@code None} first. */
  private static int compareNullable(String a, String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : -1) : 1;
    }
    return a.compareTo(b);
  }

  /**
   * The DAG's nodes breadth first from the root, each once, children in name order (Spack's
   * {@code traverse_nodes(order="breadth")} with sorted edges); dangling hashes are skipped.
   */
  private ConcreteSpec[] walk(ConcreteSpec root) {
    List<ConcreteSpec> out = new ArrayList<>();
    Set<ConcreteSpec> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    ArrayDeque<ConcreteSpec> queue = new ArrayDeque<>();
    queue.add(root);
    seen.add(root);
    while (!queue.isEmpty()) {
      ConcreteSpec node = queue.poll();
      out.add(node);
      for (ConcreteSpec child : children(node)) {
        if (seen.add(child)) {
          queue.add(child);
        }
      }
    }
    return out.toArray(new ConcreteSpec[0]);
  }

  /** A node's dependency records in name order, resolved once per listing. */
  private ConcreteSpec[] children(ConcreteSpec node) {
    ConcreteSpec[] found = children.get(node);
    if (found == null) {
      List<ConcreteSpec> out = new ArrayList<>(node.dependencies().size());
      for (Dependency d : byName(node)) {
        ConcreteSpec child = records.get(d.hash());
        if (child != null) {
          out.add(child);
        }
      }
      found = out.toArray(new ConcreteSpec[0]);
      children.put(node, found);
    }
    return found;
  }

  /** Parent, child, deptypes and virtuals of each edge, nodes numbered in walk order. */
  private List<Edge> edges(ConcreteSpec[] order) {
    Map<String, Integer> id = new HashMap<>();
    for (int i = 0; i < order.length; i++) {
      id.put(order[i].hash(), i);
    }
    List<Edge> edges = new ArrayList<>();
    for (ConcreteSpec node : order) {
      for (Dependency d : byName(node)) {
        Integer child = id.get(d.hash());
        if (child != null) {
          edges.add(new Edge(id.get(node.hash()), child, d.deptypes(), d.virtuals().stream().sorted().toList()));
        }
      }
    }
    return edges;
  }

  /** One edge of a walked DAG, compared as Spack compares its canonical edges. */
  private record Edge(int parent, int child, int deptypes, List<String> virtuals) implements Comparable<Edge> {
    @Override
    public int compareTo(Edge o) {
      int c = Integer.compare(parent, o.parent);
      c = c != 0 ? c : Integer.compare(child, o.child);
      c = c != 0 ? c : Integer.compare(deptypes, o.deptypes);
      for (int i = 0; c == 0 && i < Math.min(virtuals.size(), o.virtuals.size()); i++) {
        c = virtuals.get(i).compareTo(o.virtuals.get(i));
      }
      return c != 0 ? c : Integer.compare(virtuals.size(), o.virtuals.size());
    }
  }

  private static int compareEdges(List<Edge> a, List<Edge> b) {
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  private static List<Dependency> byName(ConcreteSpec node) {
    if (node.dependencies().size() < 2) {
      return node.dependencies();
    }
    List<Dependency> sorted = new ArrayList<>(node.dependencies());
    sorted.sort(Comparator.comparing(Dependency::name));
    return sorted;
  }
}
