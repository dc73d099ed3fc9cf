package io.cachescope.render;

import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Dependency;
import io.cachescope.catalog.Variant;
import io.cachescope.catalog.Version;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The order in which Spack sorts the builds of one {@code buildcache list} group: Spack's spec
 * comparison (docs/spack-order.md). Each node's key is computed once and kept, and the rest of
 * the DAG is walked only when two builds tie on their root node, so sorting 400,000 builds
 * costs one key per node rather than a parse per comparison.
 */
final class BuildOrder implements Comparator<ConcreteSpec> {

  /** The compiler flags every concrete spec carries, in the sorted order Spack compares them. */
  private static final List<String> FLAG_NAMES =
      List.of("cflags", "cppflags", "cxxflags", "fflags", "ldflags", "ldlibs");

  private final Function<String, ConcreteSpec> lookup;
  private final Map<String, List<Object>> nodeKeys = new HashMap<>();
  private final Map<String, List<String>> nodeOrders = new HashMap<>();

  BuildOrder(Function<String, ConcreteSpec> lookup) {
    this.lookup = lookup;
  }

  @Override
  public int compare(ConcreteSpec a, ConcreteSpec b) {
    if (a.hash().equals(b.hash())) {
      return 0;
    }
    int c = compareKeys(nodeKey(a), nodeKey(b));
    if (c != 0) {
      return c;
    }
    // The root nodes tie: compare the rest of the DAG, node by node, then edge by edge.
    List<String> na = nodeOrder(a);
    List<String> nb = nodeOrder(b);
    for (int i = 1; i < Math.min(na.size(), nb.size()); i++) {
      c = compareKeys(nodeKey(na.get(i)), nodeKey(nb.get(i)));
      if (c != 0) {
        return c;
      }
    }
    if (na.size() != nb.size()) {
      return Integer.compare(na.size(), nb.size());
    }
    return compareKeys(edges(na), edges(nb));
  }

  /**
   * Spack's {@code _cmp_node}: name, namespace, version, variants (per variant in name order:
   * its name, then its values as strings), compiler flags, architecture, abstract hash (always
   * empty for a concrete spec, so left out) and {@code package_hash}.
   */
  private List<Object> nodeKey(ConcreteSpec s) {
    return nodeKeys.computeIfAbsent(s.hash(), h -> {
      List<Object> variants = new ArrayList<>(s.variants().size());
      for (Variant v : s.variants()) {
        List<Object> one = new ArrayList<>(1 + v.values().size());
        one.add(v.name());
        for (String value : v.values()) {
          // Python prints a bool variant's value as True or False.
          one.add(v.kind() == Variant.Kind.BOOL ? (value.equals("true") ? "True" : "False") : value);
        }
        variants.add(one);
      }
      List<Object> flags = new ArrayList<>(FLAG_NAMES.size() * 2);
      for (String name : FLAG_NAMES) {
        flags.add(name);
        flags.add(List.copyOf(s.flags().getOrDefault(name, List.of())));
      }
      List<Object> arch = new ArrayList<>(3);
      arch.add(s.platform());
      arch.add(s.os());
      arch.add(s.target());
      List<Object> key = new ArrayList<>(7);
      key.add(s.name());
      key.add(s.namespace());
      key.add(Version.parse(s.version()));
      key.add(variants);
      key.add(flags);
      key.add(arch);
      key.add(s.packageHash());
      return key;
    });
  }

  private List<Object> nodeKey(String hash) {
    ConcreteSpec s = lookup.apply(hash);
    return s == null ? List.of() : nodeKey(s);
  }

  /**
   * The DAG's nodes breadth first from the root, each once, children in name order (Spack's
   * {@code traverse_nodes(order="breadth")} with sorted edges); dangling hashes are skipped.
   */
  private List<String> nodeOrder(ConcreteSpec root) {
    return nodeOrders.computeIfAbsent(root.hash(), h -> {
      List<String> order = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      ArrayDeque<ConcreteSpec> queue = new ArrayDeque<>();
      queue.add(root);
      seen.add(root.hash());
      while (!queue.isEmpty()) {
        ConcreteSpec node = queue.poll();
        order.add(node.hash());
        for (Dependency d : byName(node)) {
          ConcreteSpec child = lookup.apply(d.hash());
          if (child != null && seen.add(d.hash())) {
            queue.add(child);
          }
        }
      }
      return order;
    });
  }

  /** The edges with nodes numbered in breadth-first order: parent, child, deptypes, virtuals. */
  private List<Object> edges(List<String> order) {
    Map<String, Integer> id = new HashMap<>();
    for (int i = 0; i < order.size(); i++) {
      id.put(order.get(i), i);
    }
    List<Object> edges = new ArrayList<>();
    for (String hash : order) {
      for (Dependency d : byName(lookup.apply(hash))) {
        Integer child = id.get(d.hash());
        if (child != null) {
          edges.add(List.of(id.get(hash), child, d.deptypes(), d.virtuals().stream().sorted().toList()));
        }
      }
    }
    return edges;
  }

  private static List<Dependency> byName(ConcreteSpec node) {
    if (node.dependencies().size() < 2) {
      return node.dependencies();
    }
    List<Dependency> sorted = new ArrayList<>(node.dependencies());
    sorted.sort(Comparator.comparing(Dependency::name));
    return sorted;
  }

  /**
   * Python's comparison of nested sequences: element by element, a shorter sequence first when
   * one is a prefix of the other; {@code None} (null) before any value.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compareKeys(Object a, Object b) {
    if (a == b) {
      return 0;
    }
    if (a == null) {
      return -1;
    }
    if (b == null) {
      return 1;
    }
    if (a instanceof List<?> la && b instanceof List<?> lb) {
      int n = Math.min(la.size(), lb.size());
      for (int i = 0; i < n; i++) {
        int c = compareKeys(la.get(i), lb.get(i));
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(la.size(), lb.size());
    }
    return ((Comparable) a).compareTo(b);
  }
}
