package io.cachescope.query;

import io.cachescope.catalog.Version;
import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Union;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The closest binaries when none matches: specs of the same package ranked by how many parts
 * of the constraint (and of the host) they break, each with what differs; or, when the cache has
 * no such package, the names it has that are spelled nearest.
 */
public final class Explain {

  /** A candidate and the parts it breaks (empty: it matches). */
  public record Near(ConcreteSpec spec, List<String> differences) {}

  /** What explain found: exact matches, near misses, or name suggestions. */
  public record Result(List<Near> matches, List<Near> nearest, List<String> suggestions) {}

  private Explain() {}

  public static Result explain(
      SpecConstraint want, Union specs, Microarchitectures archspec, Host host, int limit) {
    Function<String, ConcreteSpec> lookup = specs::get;
    List<Near> matches = new ArrayList<>();
    List<Near> near = new ArrayList<>();
    TreeSet<String> names = new TreeSet<>();
    for (ConcreteSpec s : specs.all()) {
      if (!specs.inBuildcache(s.hash())) {
        continue;
      }
      names.add(s.name());
      if (want.name() != null && !want.name().equals(s.name())) {
        continue;
      }
      List<String> diff = want.failures(s, lookup, archspec, host);
      (diff.isEmpty() ? matches : near).add(new Near(s, diff));
    }
    near.sort(Comparator.<Near>comparingInt(n -> n.differences().size())
        .thenComparing(n -> Version.parse(n.spec().version()), Comparator.reverseOrder())
        .thenComparing(n -> n.spec().hash()));
    List<String> suggestions = want.name() != null && matches.isEmpty() && near.isEmpty()
        ? similarNames(names, want.name(), 5) : List.of();
    return new Result(matches, near.subList(0, Math.min(limit, near.size())), suggestions);
  }

  /** The names closest to {@code want} (edit distance, or containing it), for "did you mean". */
  public static List<String> similarNames(java.util.Collection<String> names, String want, int limit) {
    return names.stream()
        .sorted(Comparator.comparingInt((String n) -> distance(n, want)).thenComparing(n -> n))
        .limit(limit)
        .filter(n -> distance(n, want) <= Math.max(3, want.length() / 2) || n.contains(want))
        .toList();
  }

  /** Levenshtein distance, for "did you mean". */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
