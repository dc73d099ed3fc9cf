package io.cachescope.web;

import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.query.Microarchitectures;
import io.cachescope.query.SpecConstraint;
import io.cachescope.query.SpecParser;
import io.cachescope.query.SpecSyntaxException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the search box answers (docs/search.md): a package name across every tag, newest tag
 * first, with the other tags that have it; a hash or hash prefix ({@code /2sinndr}); or, when
 * the query is in Spack's spec syntax ({@code hdf5@1.14: +mpi %gcc target=x86_64_v3:}), the
 * binaries that satisfy it, with the semantics and caret errors of {@code list SPEC}.
 */
public final class Search {

  /** How a query was read. */
  public enum Kind { NAME, HASH, SPEC }

  /** A package that matched: the newest tag that has it, then the others. */
  public record PackageHit(io.cachescope.catalog.PackageSummary newest, List<String> alsoIn) {}

  /** A binary that matched, in the first tag (newest first) that holds it. */
  public record SpecHit(ConcreteSpec spec, String tag) {}

  /**
   * @param error a spec syntax error with its caret line, or null
   * @param truncated whether more specs matched than are listed
   */
  public record Result(String query, Kind kind, List<String> tags, List<PackageHit> packages, List<SpecHit> specs,
      String error, boolean truncated, List<io.cachescope.query.Explain.Near> nearest, List<String> suggestions) {

    Result(String query, Kind kind, List<String> tags, List<PackageHit> packages, List<SpecHit> specs, String error,
        boolean truncated) {
      this(query, kind, tags, packages, specs, error, truncated, List.of(), List.of());
    }

    /** The one spec a hash query names, for a redirect; null unless exactly one. */
    public String onlyHash() {
      return kind == Kind.HASH && specs.size() == 1 ? specs.get(0).spec().hash() : null;
    }
  }

  /** Most specs listed for one query. */
  public static final int MAX_SPECS = 500;

  /** Builds a query without a package name looks at, at most (newest tags first). */
  public static final int MAX_EXAMINED = 20_000;

  private static final Pattern HASH = Pattern.compile("/?[a-z2-7]{1,32}");
  private static final Pattern SPEC_SYNTAX = Pattern.compile(".*[@%+~^=/\\s].*");

  private Search() {}

  /** {@code scope}: the tags to search, newest first. */
  public static Result run(CatalogView view, String query, List<io.cachescope.catalog.TagSummary> scope) {
    String q = query.strip();
    List<String> tags = scope.stream().map(io.cachescope.catalog.TagSummary::name).toList();
    if (q.isEmpty()) {
      return new Result(q, Kind.NAME, tags, List.of(), List.of(), null, false);
    }
    String prefix = hashPrefix(q);
    if (prefix != null) {
      return byHash(view, prefix, q, tags);
    }
    if (SPEC_SYNTAX.matcher(q).matches()) {
      return bySpec(view, q, scope, tags, null);
    }
    return byName(view, q, scope, tags);
  }

  /**
   * The one spec a hash query names, for a redirect; null for any other query, which is not
   * run here (the page runs it once).
   */
  public static String onlyHash(CatalogView view, String query) {
    String q = query.strip();
    String prefix = hashPrefix(q);
    return prefix == null ? null : byHash(view, prefix, q, List.of()).onlyHash();
  }

  /** The hash prefix a query is ({@code /abc} or a whole 32-character hash), or null. */
  private static String hashPrefix(String q) {
    if (q.startsWith("/") && HASH.matcher(q).matches() || q.length() == 32 && HASH.matcher(q).matches()) {
      return q.startsWith("/") ? q.substring(1) : q;
    }
    return null;
  }

  /**
   * Tag names newest first: {@code develop}, then releases by Spack's version order, then
   * snapshots by date, then any other tag by name.
   */
  public static final Comparator<String> NEWEST_FIRST = Comparator.comparingInt(Search::group)
      .thenComparing((a, b) -> group(a) == 1 ? io.cachescope.catalog.Version.compare(release(b), release(a)) : 0)
      .thenComparing((a, b) -> group(a) == 2 ? io.cachescope.catalog.Tag.snapshotDate(b).compareTo(io.cachescope.catalog.Tag.snapshotDate(a)) : 0)
      .thenComparing(Comparator.naturalOrder());

  public static List<io.cachescope.catalog.TagSummary> newestFirst(List<io.cachescope.catalog.TagSummary> tags) {
    List<io.cachescope.catalog.TagSummary> ordered = new ArrayList<>(tags);
    ordered.sort(Comparator.comparing(io.cachescope.catalog.TagSummary::name, NEWEST_FIRST));
    return ordered;
  }

  private static final Pattern RELEASE = Pattern.compile("v?[0-9]+(\\.[0-9]+)*");

  private static int group(String tag) {
    return tag.equals("develop") ? 0 : RELEASE.matcher(tag).matches() ? 1
        : io.cachescope.catalog.Tag.snapshotDate(tag) != null ? 2 : 3;
  }

  private static String release(String tag) {
    return tag.startsWith("v") ? tag.substring(1) : tag;
  }

  private static Result byName(CatalogView view, String q, List<io.cachescope.catalog.TagSummary> scope, List<String> tags) {
    Map<String, Integer> order = new java.util.HashMap<>();
    for (int i = 0; i < tags.size(); i++) {
      order.put(tags.get(i), i);
    }
    List<PackageHit> ordered = new ArrayList<>();
    String lower = q.toLowerCase(java.util.Locale.ROOT);
    for (String name : matching(view.packageNames(), q)) {
      // The newest tag of the scope that has it; the others are "also in".
      List<String> in = view.tagsWith(name).stream().filter(order::containsKey).sorted(Comparator.comparing(order::get)).toList();
      if (!in.isEmpty()) {
        view.pkg(in.get(0), name).ifPresent(p -> ordered.add(new PackageHit(p, new ArrayList<>(in.subList(1, in.size())))));
      }
    }
    // The rank of the name rules (exact, prefix, substring), whatever tag a name came from.
    String plain = lower.replaceAll("\\$$", "");
    ordered.sort(Comparator.comparingInt((PackageHit h) -> rank(h.newest().name().toLowerCase(java.util.Locale.ROOT), plain))
        .thenComparing(h -> h.newest().name()));
    return new Result(q, Kind.NAME, tags, ordered, List.of(), null, false);
  }

  /**
   * The names a search matches: exact name first, then prefix, then substring, case-insensitive;
   * a trailing {@code $} anchors the end. Within a rank, the order of {@code names}.
   */
  public static List<String> matching(java.util.Collection<String> names, String query) {
    String q = query.strip().toLowerCase(java.util.Locale.ROOT);
    boolean anchored = q.endsWith("$");
    if (anchored) {
      q = q.substring(0, q.length() - 1);
    }
    List<String> exact = new ArrayList<>();
    List<String> prefix = new ArrayList<>();
    List<String> substring = new ArrayList<>();
    for (String name : names) {
      String n = name.toLowerCase(java.util.Locale.ROOT);
      if (anchored ? !n.endsWith(q) : !n.contains(q)) {
        continue;
      }
      (n.equals(q) ? exact : n.startsWith(q) ? prefix : substring).add(name);
    }
    List<String> out = new ArrayList<>(exact);
    out.addAll(prefix);
    out.addAll(substring);
    return out;
  }

  /** The package names of these tags (every name, when they are all the tags). */
  private static java.util.Collection<String> namesIn(CatalogView view, List<io.cachescope.catalog.TagSummary> scope) {
    if (scope.size() == view.tags().size()) {
      return view.packageNames();
    }
    java.util.Set<String> names = new java.util.TreeSet<>();
    scope.forEach(t -> names.addAll(view.packages(t.name()).keySet()));
    return names;
  }

  private static int rank(String name, String q) {
    return name.equals(q) ? 0 : name.startsWith(q) ? 1 : 2;
  }

  private static Result byHash(CatalogView view, String prefix, String q, List<String> tags) {
    List<SpecHit> found = new ArrayList<>();
    for (ConcreteSpec s : view.byHashPrefix(prefix, MAX_SPECS + 1)) {
      List<String> in = view.tagsOf(s.hash());
      found.add(new SpecHit(s, in.isEmpty() ? null : in.get(0)));
    }
    boolean more = found.size() > MAX_SPECS;
    return new Result(q, Kind.HASH, tags, List.of(), more ? found.subList(0, MAX_SPECS) : found, null, more);
  }

  /**
   * A query in spec syntax whatever it looks like ({@code /api/query}); with a host, only the
   * binaries that install there match, and the closest ones are judged on it too.
   */
  public static Result bySpec(CatalogView view, String q, List<io.cachescope.catalog.TagSummary> scope, io.cachescope.query.Host host) {
    return bySpec(view, q.strip(), scope, scope.stream().map(io.cachescope.catalog.TagSummary::name).toList(), host);
  }

  private static Result bySpec(CatalogView view, String q, List<io.cachescope.catalog.TagSummary> scope, List<String> tags,
      io.cachescope.query.Host host) {
    SpecConstraint c;
    try {
      c = SpecParser.parse(q);
    } catch (SpecSyntaxException e) {
      return new Result(q, Kind.SPEC, tags, List.of(), List.of(), e.getMessage(), false);
    }
    Microarchitectures archspec = Microarchitectures.builtin();
    Set<String> seen = new LinkedHashSet<>();
    List<SpecHit> found = new ArrayList<>();
    int examined = 0;
    for (io.cachescope.catalog.TagSummary tag : scope) {
      Iterable<ConcreteSpec> builds = c.name() != null ? view.builds(tag.name(), c.name()) : view.buildsOn(tag.name(), null);
      for (ConcreteSpec s : builds) {
        if (c.name() == null && ++examined > MAX_EXAMINED) {
          // Without a package name every build is a candidate: weigh the first ones, say so.
          return new Result(q, Kind.SPEC, tags, List.of(), found, null, true);
        }
        if (!seen.contains(s.hash()) && c.matches(s, view::lookup, archspec)
            && (host == null || host.installs(s, archspec))) {
          seen.add(s.hash());
          found.add(new SpecHit(s, tag.name()));
          if (found.size() > MAX_SPECS) {
            return new Result(q, Kind.SPEC, tags, List.of(), found.subList(0, MAX_SPECS), null, true);
          }
        }
      }
    }
    if (found.isEmpty() && c.name() != null) {
      // Nothing satisfies it: the closest builds of that package and what differs, as `explain`
      // gives them (a query without a name would weigh every build of the catalog: none then).
      io.cachescope.query.Explain.Result near = io.cachescope.query.Explain.explain(c, view.union(tags, List.of(c.name())),
          archspec, host, 5);
      List<String> suggestions = near.matches().isEmpty() && near.nearest().isEmpty()
          ? io.cachescope.query.Explain.similarNames(namesIn(view, scope), c.name(), 5) : List.of();
      return new Result(q, Kind.SPEC, tags, List.of(), found, null, false, near.nearest(), suggestions);
    }
    return new Result(q, Kind.SPEC, tags, List.of(), found, null, false);
  }
}
