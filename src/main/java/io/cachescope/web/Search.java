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
  public record PackageHit(CatalogView.PackageView newest, List<String> alsoIn) {}

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

  private static final Pattern HASH = Pattern.compile("/?[a-z2-7]{1,32}");
  private static final Pattern SPEC_SYNTAX = Pattern.compile(".*[@%+~^=/\\s].*");

  private Search() {}

  /** {@code scope}: the tags to search, newest first. */
  public static Result run(CatalogView view, String query, List<CatalogView.TagView> scope) {
    String q = query.strip();
    List<String> tags = scope.stream().map(CatalogView.TagView::name).toList();
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

  public static List<CatalogView.TagView> newestFirst(List<CatalogView.TagView> tags) {
    List<CatalogView.TagView> ordered = new ArrayList<>(tags);
    ordered.sort(Comparator.comparing(CatalogView.TagView::name, NEWEST_FIRST));
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

  private static Result byName(CatalogView view, String q, List<CatalogView.TagView> scope, List<String> tags) {
    Map<String, PackageHit> hits = new LinkedHashMap<>();
    Map<String, List<String>> others = new LinkedHashMap<>();
    for (CatalogView.TagView tag : scope) {
      for (CatalogView.PackageView p : view.search(tag, q)) {
        if (hits.containsKey(p.name())) {
          others.get(p.name()).add(tag.name());
        } else {
          List<String> also = new ArrayList<>();
          others.put(p.name(), also);
          hits.put(p.name(), new PackageHit(p, also));
        }
      }
    }
    // The rank of the name rules (exact, prefix, substring), whatever tag a name came from.
    List<PackageHit> ordered = new ArrayList<>(hits.values());
    String lower = q.toLowerCase(java.util.Locale.ROOT).replaceAll("\\$$", "");
    ordered.sort(Comparator.comparingInt((PackageHit h) -> rank(h.newest().name().toLowerCase(java.util.Locale.ROOT), lower))
        .thenComparing(h -> h.newest().name()));
    return new Result(q, Kind.NAME, tags, ordered, List.of(), null, false);
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
  public static Result bySpec(CatalogView view, String q, List<CatalogView.TagView> scope, io.cachescope.query.Host host) {
    return bySpec(view, q.strip(), scope, scope.stream().map(CatalogView.TagView::name).toList(), host);
  }

  private static Result bySpec(CatalogView view, String q, List<CatalogView.TagView> scope, List<String> tags,
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
    for (CatalogView.TagView tag : scope) {
      Iterable<CatalogView.PackageView> packages = c.name() != null
          ? java.util.Optional.ofNullable(tag.packages().get(c.name())).map(List::of).orElse(List.of())
          : tag.packages().values();
      for (CatalogView.PackageView p : packages) {
        for (ConcreteSpec s : p.specs()) {
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
    }
    if (found.isEmpty()) {
      // Nothing satisfies it: the closest binaries and what differs, as `explain` gives them.
      io.cachescope.query.Explain.Result near = io.cachescope.query.Explain.explain(c, view.union(tags), archspec, host, 5);
      return new Result(q, Kind.SPEC, tags, List.of(), found, null, false, near.nearest(), near.suggestions());
    }
    return new Result(q, Kind.SPEC, tags, List.of(), found, null, false);
  }
}
