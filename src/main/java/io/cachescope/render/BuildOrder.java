package io.cachescope.render;

import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Dependency;
import io.cachescope.catalog.Variant;
import io.cachescope.catalog.Version;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which Spack sorts the builds of one {@code buildcache list} group: Spack's spec
 * comparison (docs/spack-order.md). Every record is ranked once by node; a group is sorted by
 * its builds' ranks, and only builds that tie there are compared on the rest of their DAGs, as
 * ranks along breadth-first walks taken only as far as needed. Both sorts are stable, so builds
 * Spack ranks equal keep the index's order. Once built, an order may sort groups on several
 * threads at once.
 */
final class BuildOrder {

  /** The compiler flags every concrete spec carries, in the sorted order Spack compares them. */
  private static final List<String> FLAG_NAMES =
      List.of("cflags", "cppflags", "cxxflags", "fflags", "ldflags", "ldlibs");

  private final Map<String, ConcreteSpec> records;
  private final Map<String, Version> versions = new java.util.concurrent.ConcurrentHashMap<>();
  private final Dag dag;

  /** {@code records}: every record by hash, for dependency lookups; all are ranked here. */
  BuildOrder(Map<String, ConcreteSpec> records) {
    this.records = records;
    this.dag = new Dag();
  }

  /**
   * Sorts one group's builds in place: by root node, as the ranks have it (equal nodes share a
   * rank), then the builds that tie there by their DAGs.
   */
  void sort(List<ConcreteSpec> group) {
    int n = group.size();
    int[] id = new int[n];
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      ConcreteSpec s = group.get(i);
      Integer known = dag.idOfHash.get(s.hash());
      if (known == null || dag.nodes[known] != s) {
        group.sort(this::compareNodes); // a build that is not a record: compare nodes directly
        return;
      }
      id[i] = known;
      keys[i] = ((long) dag.rank[known] << 32) | i; // the position keeps the sort stable
    }
    java.util.Arrays.sort(keys);
    ConcreteSpec[] before = group.toArray(new ConcreteSpec[0]);
    int[] sortedIds = new int[n];
    for (int i = 0; i < n; i++) {
      int from = (int) keys[i];
      group.set(i, before[from]);
      sortedIds[i] = id[from];
    }
    for (int from = 0; from < n; ) {
      int to = from + 1;
      while (to < n && dag.rank[sortedIds[to]] == dag.rank[sortedIds[from]]) {
        to++;
      }
      if (to - from > 1) {
        sortByDag(group.subList(from, to), java.util.Arrays.copyOfRange(sortedIds, from, to));
      }
      from = to;
    }
  }

  /**
   * Builds whose root nodes tie, by the rest of their DAGs: node by node, then edge by edge.
   * Each build's walk is taken only as far as a comparison needs; most builds differ within
   * their direct dependencies.
   */
  private void sortByDag(List<ConcreteSpec> tied, int[] ids) {
    int m = tied.size();
    Walk[] walks = new Walk[m];
    Integer[] order = new Integer[m];
    for (int i = 0; i < m; i++) {
      walks[i] = new Walk(ids[i]);
      order[i] = i;
    }
    ConcreteSpec[] builds = tied.toArray(new ConcreteSpec[0]);
    java.util.Arrays.sort(order, (a, b) -> {
      int c = walks[a].compareTo(walks[b]);
      return c != 0 ? c : compareEdges(edges(walks[a].nodes()), edges(walks[b].nodes()));
    });
    for (int i = 0; i < m; i++) {
      tied.set(i, builds[order[i]]);
    }
  }

  /**
   * A breadth-first walk of one record's DAG, each node once, children in name order (Spack's
   * {@code traverse_nodes(order="breadth")} with sorted edges; dangling hashes skipped), taken
   * step by step as comparisons ask.
   */
  private final class Walk {
    private int[] queue = new int[16];
    private int head;
    private int tail;
    // The nodes queued so far, as an open-addressing set of id + 1 (0 is empty): no boxing in
    // the sort's innermost loop.
    private int[] seen = new int[32];

    Walk(int root) {
      queue[tail++] = root;
      firstSight(root);
    }

    /** Adds a node to the seen set; false when it was there already. */
    private boolean firstSight(int id) {
      if (tail * 2 > seen.length) {
        int[] old = seen;
        seen = new int[old.length * 2];
        for (int v : old) {
          if (v != 0) {
            insert(v);
          }
        }
      }
      return insert(id + 1);
    }

    private boolean insert(int v) {
      int mask = seen.length - 1;
      for (int slot = (v * 0x9E3779B1) >>> 7 & mask; ; slot = (slot + 1) & mask) {
        if (seen[slot] == v) {
          return false;
        }
        if (seen[slot] == 0) {
          seen[slot] = v;
          return true;
        }
      }
    }

    /** A walk that runs out first sorts first, as {@code Arrays.compare} has it. */
    int compareTo(Walk o) {
      for (int i = 0; ; i++) {
        boolean mine = reach(i);
        boolean theirs = o.reach(i);
        if (!mine || !theirs) {
          return Boolean.compare(mine, theirs);
        }
        int c = Integer.compare(dag.rank[queue[i]], dag.rank[o.queue[i]]);
        if (c != 0) {
          return c;
        }
      }
    }

    /** The whole walk's records, for the edge comparison. */
    ConcreteSpec[] nodes() {
      reach(Integer.MAX_VALUE);
      ConcreteSpec[] out = new ConcreteSpec[tail];
      for (int i = 0; i < tail; i++) {
        out[i] = dag.nodes[queue[i]];
      }
      return out;
    }

    /** Walks until the node at {@code i} is known; false when the DAG has fewer nodes. */
    private boolean reach(int i) {
      while (tail <= i && head < tail) {
        for (int child : dag.kids[queue[head++]]) {
          if (firstSight(child)) {
            if (tail == queue.length) {
              queue = java.util.Arrays.copyOf(queue, tail * 2);
            }
            queue[tail++] = child;
          }
        }
      }
      return i < tail;
    }
  }

  /**
   * Every record numbered, ranked once by {@link #compareNodes} (equal nodes share a rank), with
   * its children in name order as numbers: a breadth-first walk is then a loop over ints. All of
   * it is computed up front (on the common pool's threads) and only read after.
   */
  private final class Dag {
    private final ConcreteSpec[] nodes;
    private final Map<String, Integer> idOfHash;
    private final int[] rank;
    private final int[][] kids;

    Dag() {
      nodes = records.values().toArray(new ConcreteSpec[0]);
      idOfHash = new HashMap<>(nodes.length * 2);
      for (int i = 0; i < nodes.length; i++) {
        idOfHash.put(nodes[i].hash(), i);
      }
      kids = new int[nodes.length][];
      java.util.stream.IntStream.range(0, nodes.length).parallel().forEach(i -> kids[i] = childrenOf(i));
      rank = nodeRanks();
    }

    /**
     * Each record's rank in {@link #compareNodes} order, equal nodes sharing one. Each part of a
     * node is ranked once over its few distinct values; the records are then sorted by those
     * ranks, last part first, with a stable counting sort per part: no node is compared whole.
     */
    private int[] nodeRanks() {
      int n = nodes.length;
      List<java.util.function.Supplier<int[]>> rankings = List.of(
          () -> ranked(ConcreteSpec::name, String::compareTo),
          () -> ranked(ConcreteSpec::namespace, BuildOrder::compareNullable),
          () -> ranked(ConcreteSpec::version, (x, y) -> x.equals(y) ? 0 : version(x).compareTo(version(y))),
          () -> ranked(ConcreteSpec::variants, BuildOrder::compareVariants),
          () -> ranked(ConcreteSpec::flags, BuildOrder::compareFlags),
          () -> ranked(ConcreteSpec::platform, BuildOrder::compareNullable),
          () -> ranked(ConcreteSpec::os, BuildOrder::compareNullable),
          () -> ranked(ConcreteSpec::target, BuildOrder::compareNullable),
          () -> ranked(ConcreteSpec::packageHash, BuildOrder::compareNullable));
      int[][] parts = rankings.parallelStream().map(java.util.function.Supplier::get).toArray(int[][]::new);
      int[] order = new int[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      int[] scratch = new int[n];
      for (int p = parts.length - 1; p >= 0; p--) {
        int[] part = parts[p];
        int[] count = new int[n + 1];
        for (int r : part) {
          count[r + 1]++;
        }
        for (int r = 0; r < n; r++) {
          count[r + 1] += count[r];
        }
        for (int id : order) {
          scratch[count[part[id]]++] = id;
        }
        int[] swap = order;
        order = scratch;
        scratch = swap;
      }
      int[] ranks = new int[n];
      for (int i = 0; i < n; i++) {
        boolean tie = i > 0 && sameParts(parts, order[i - 1], order[i]);
        ranks[order[i]] = tie ? ranks[order[i - 1]] : i;
      }
      return ranks;
    }

    /** Each record's rank by one part of its node; records whose parts compare equal share it. */
    private <T> int[] ranked(java.util.function.Function<ConcreteSpec, T> part, Comparator<T> order) {
      // The readers share equal parts, so identity finds the distinct values cheaply.
      Map<T, Integer> slot = new IdentityHashMap<>();
      List<T> distinct = new ArrayList<>();
      int[] slots = new int[nodes.length];
      for (int i = 0; i < nodes.length; i++) {
        T value = part.apply(nodes[i]);
        Integer s = slot.get(value);
        if (s == null) {
          s = distinct.size();
          slot.put(value, s);
          distinct.add(value);
        }
        slots[i] = s;
      }
      Integer[] sorted = new Integer[distinct.size()];
      for (int i = 0; i < sorted.length; i++) {
        sorted[i] = i;
      }
      java.util.Arrays.sort(sorted, (x, y) -> order.compare(distinct.get(x), distinct.get(y)));
      int[] rankOfSlot = new int[sorted.length];
      for (int i = 0; i < sorted.length; i++) {
        boolean tie = i > 0 && order.compare(distinct.get(sorted[i - 1]), distinct.get(sorted[i])) == 0;
        rankOfSlot[sorted[i]] = tie ? rankOfSlot[sorted[i - 1]] : i;
      }
      for (int i = 0; i < slots.length; i++) {
        slots[i] = rankOfSlot[slots[i]];
      }
      return slots;
    }

    /** A record's children in name order, as numbers; a dangling hash is skipped. */
    private int[] childrenOf(int node) {
      List<Dependency> deps = nodes[node].dependencies();
      int[] found = new int[deps.size()];
      String[] names = new String[deps.size()];
      int count = 0;
      for (Dependency d : deps) {
        Integer child = idOfHash.get(d.hash());
        if (child == null) {
          continue;
        }
        // Insertion by name, after equal names: a stable sort of a few edges, without a list.
        int at = count++;
        while (at > 0 && names[at - 1].compareTo(d.name()) > 0) {
          names[at] = names[at - 1];
          found[at] = found[at - 1];
          at--;
        }
        names[at] = d.name();
        found[at] = child;
      }
      return count == found.length ? found : java.util.Arrays.copyOf(found, count);
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

  private static boolean sameParts(int[][] parts, int a, int b) {
    for (int[] part : parts) {
      if (part[a] != part[b]) {
        return false;
      }
    }
    return true;
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
