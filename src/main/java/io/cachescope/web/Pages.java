package io.cachescope.web;

import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.query.Host;
import io.cachescope.query.Microarchitectures;
import io.cachescope.query.SnapshotDiff;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The HTML pages, rendered from a {@link CatalogView}; used by the server and by the static
 * export, which differ only in {@code root} (how links reach the site root).
 */
public final class Pages {
  static final int PAGE_SIZE = 50;

  private final CatalogView view;
  private final String mirrorUrl;

  /** {@code mirrorUrl}: the URL every install command names (a site behind a CDN), or null for each tag's own. */
  public Pages(CatalogView view, String mirrorUrl) {
    this.view = view;
    this.mirrorUrl = mirrorUrl;
  }

  /** The mirror install commands name for a tag. */
  Mirror mirror(io.cachescope.catalog.TagSummary tag) {
    return new Mirror(Mirror.nameFor(tag.name()), mirrorUrl == null ? tag.mirrorUrl() : mirrorUrl, tag.signed());
  }

  InstallSteps install(io.cachescope.catalog.TagSummary tag, String spec) {
    return InstallSteps.of(mirror(tag), spec);
  }

  public String home(String root) {
    Map<String, Object> params = new HashMap<>();
    params.put("view", view);
    params.put("root", root);
    Optional<io.cachescope.catalog.TagSummary> start = view.newestRelease();
    params.put("startTag", start.map(io.cachescope.catalog.TagSummary::name).orElse(null));
    params.put("start", start.map(t -> install(t, view.pkg(t.name(), "zlib").isPresent() ? "zlib"
        : view.packages(t.name()).keySet().iterator().next())).orElse(null));
    return Templates.render("home.jte", params);
  }

  /** The search page: every tag (newest first) unless one is named. */
  public String search(String query, String tagName, String root) {
    Search.Result result = Search.run(view, query, scope(tagName));
    List<Search.PackageHit> shown = result.packages().subList(0, Math.min(result.packages().size(), 100));
    return Templates.render("search.jte", Map.of("result", result, "shown", shown, "selected", tagName == null ? "" : tagName,
        "tags", Search.newestFirst(view.tags()), "view", view, "root", root));
  }

  /** The tags a search covers: the named one, else all of them, newest first. */
  List<io.cachescope.catalog.TagSummary> scope(String tagName) {
    return tagName == null || tagName.isBlank() ? Search.newestFirst(view.tags())
        : view.tag(tagName).map(List::of).orElseGet(() -> Search.newestFirst(view.tags()));
  }

  public Optional<String> tag(String name, String root) {
    return tag(name, root, false);
  }

  /** {@code site}: for the static export, whose package pages are one per package. */
  public Optional<String> tag(String name, String root, boolean site) {
    return view.tag(name).map(t -> Templates.render("tag.jte", Map.of("tag", t, "packages", view.packages(name).values(),
        "site", site, "root", root)));
  }

  public Optional<String> pkg(String tagName, String name, Map<String, List<String>> filters, int page, String root) {
    return pkg(tagName, name, filters, page, root, PAGE_SIZE);
  }

  /** {@code pageSize}: builds per page; the static export puts them all on one page. */
  public Optional<String> pkg(String tagName, String name, Map<String, List<String>> filters, int page, String root, int pageSize) {
    Optional<io.cachescope.catalog.TagSummary> tag = view.tag(tagName);
    Optional<io.cachescope.catalog.PackageSummary> found = view.pkg(tagName, name);
    if (tag.isEmpty() || found.isEmpty()) {
      return Optional.empty();
    }
    io.cachescope.catalog.PackageSummary pkg = found.get();
    Facets.Result facets = Facets.apply(view.builds(tagName, name), filters, view, tagName);
    Paging paging = Paging.of(facets.specs().size(), page, pageSize);
    List<ConcreteSpec> slice = paging.slice(facets.specs());
    Optional<io.cachescope.catalog.TagSummary> previous = view.previous(tag.get());
    SnapshotDiff.PackageChange change = previous
        .flatMap(prev -> view.diff(prev.name(), tagName, name).packages().stream().findFirst())
        .orElse(null);
    Map<String, Object> params = new HashMap<>();
    params.put("view", view);
    params.put("tag", tag.get());
    params.put("pkg", pkg);
    params.put("tagsWith", view.tagsWith(name));
    params.put("facets", facets);
    params.put("filters", filters);
    params.put("page", slice);
    params.put("rows", rows(slice, pkg.versions(), tagName, s -> install(tag.get(), "/" + s.hash())));
    params.put("pageNumber", paging.number());
    params.put("firstShown", paging.firstShown());
    params.put("pages", paging.pages());
    params.put("previousTag", previous.map(io.cachescope.catalog.TagSummary::name).orElse(null));
    params.put("change", change);
    params.put("install", (java.util.function.Function<String, InstallSteps>) spec -> install(tag.get(), spec));
    params.put("root", root);
    return Optional.of(Templates.render("package.jte", params));
  }

  /** Table rows for these builds; {@code tag} null: across every tag (with their releases). */
  List<BuildRow> rows(List<ConcreteSpec> specs, List<String> newestFirstVersions, String tag,
      java.util.function.Function<ConcreteSpec, InstallSteps> installOf) {
    List<BuildRow> rows = new ArrayList<>(specs.size());
    for (ConcreteSpec s : specs) {
      int rank = newestFirstVersions.size() - newestFirstVersions.indexOf(s.version());
      rows.add(new BuildRow(s, rank, view.compilerOf(s), Facets.values("variant", s, view, tag),
          Facets.values("stack", s, view, tag), tag == null ? releases(s) : List.of(), installOf.apply(s)));
    }
    return rows;
  }

  private List<String> releases(ConcreteSpec s) {
    List<String> tags = new ArrayList<>(view.tagsOf(s.hash()));
    tags.sort(Search.NEWEST_FIRST);
    return tags;
  }

  /**
   * {@code /package/<name>/}: one package across every tag. {@code release} filters by tag; by
   * default the newest tag that has the package, {@code release=all} every tag.
   */
  public Optional<String> pkgAcross(String name, Map<String, List<String>> filters, int page, String root) {
    List<String> with = view.tagsWith(name);
    List<io.cachescope.catalog.TagSummary> having = Search.newestFirst(view.tags()).stream()
        .filter(t -> with.contains(t.name())).toList();
    if (having.isEmpty()) {
      return Optional.empty();
    }
    Map<String, List<String>> chosen = new java.util.LinkedHashMap<>(filters);
    List<String> release = chosen.getOrDefault("release", List.of());
    boolean all = release.contains("all");
    if (release.isEmpty()) {
      chosen.put("release", List.of(having.get(0).name()));
    } else if (all) {
      chosen.remove("release");
    }
    // Each build once, whichever tags have it.
    List<ConcreteSpec> specs = new ArrayList<>(view.buildsAcross(name));
    java.util.TreeSet<String> versions = new java.util.TreeSet<>(io.cachescope.catalog.Version::compare);
    specs.forEach(s -> versions.add(s.version()));
    List<String> newest = new ArrayList<>(versions.descendingSet());
    specs.sort(java.util.Comparator.comparingInt((ConcreteSpec s) -> newest.indexOf(s.version())).thenComparing(ConcreteSpec::hash));
    Facets.Result facets = Facets.apply(specs, chosen, view, null);
    Paging paging = Paging.of(facets.specs().size(), page, PAGE_SIZE);
    List<ConcreteSpec> slice = paging.slice(facets.specs());
    Map<String, io.cachescope.catalog.TagSummary> byName = new java.util.HashMap<>();
    having.forEach(t -> byName.put(t.name(), t));
    Map<String, Object> params = new HashMap<>();
    params.put("name", name);
    params.put("having", having);
    params.put("summaries", view.summaries(name));
    params.put("facets", facets);
    params.put("filters", all ? withAll(filters) : chosen);
    params.put("linkFilters", chosen);
    params.put("total", specs.size());
    params.put("rows", rows(slice, newest, null, s -> install(byName.get(releases(s).stream().filter(byName::containsKey)
        .findFirst().orElse(having.get(0).name())), "/" + s.hash())));
    params.put("pageNumber", paging.number());
    params.put("pages", paging.pages());
    params.put("firstShown", paging.firstShown());
    params.put("all", all);
    params.put("root", root);
    return Optional.of(Templates.render("packageall.jte", params));
  }

  private static Map<String, List<String>> withAll(Map<String, List<String>> filters) {
    Map<String, List<String>> out = new java.util.LinkedHashMap<>(filters);
    out.put("release", List.of("all"));
    return out;
  }

  /** {@code /coverage/}: the upload form, and the report or error of an upload. */
  public String coverage(io.cachescope.query.Coverage coverage, String error, String host, String tag, String root) {
    Map<String, Object> params = new HashMap<>();
    params.put("coverage", coverage);
    params.put("error", error);
    params.put("host", host);
    params.put("selected", tag);
    params.put("tags", Search.newestFirst(view.tags()));
    params.put("root", root);
    return Templates.render("coverage.jte", params);
  }

  /** A 404 page; {@code name}, when given, is a package that was asked for. */
  static String notFound(String message, String name, List<String> similar, List<String> tagsWith, String root) {
    Map<String, Object> params = new HashMap<>();
    params.put("root", root);
    params.put("message", message);
    params.put("name", name == null ? "" : name);
    params.put("similar", similar);
    params.put("tagsWith", tagsWith);
    return Templates.render("notfound.jte", params);
  }

  static String notFound(String message, String name, String root) {
    return notFound(message, name, List.of(), List.of(), root);
  }

  /** The 404 of a package page: the tags that have it, or the names closest to it. */
  public String packageNotFound(String tagName, String name, String root) {
    List<String> having = view.tagsWith(name);
    List<String> with = Search.newestFirst(view.tags()).stream().map(io.cachescope.catalog.TagSummary::name)
        .filter(having::contains).toList();
    String message = with.isEmpty() ? "No tag has a package named " + name + "."
        : tagName == null ? "" : "The tag " + tagName + " has no build of " + name + ".";
    return notFound(message, name, with.isEmpty() ? io.cachescope.query.Explain.similarNames(view.packageNames(), name, 5) : List.of(),
        with, root);
  }

  public Optional<String> spec(String hash, String root) {
    return view.spec(hash).map(s -> {
      // From the first tag that holds it (tags are in the order of the sources).
      io.cachescope.catalog.TagSummary from = view.tagsOf(s.hash()).stream().findFirst().flatMap(view::tag)
          .orElseGet(() -> view.defaultTag().orElseThrow());
      return Templates.render("spec.jte", Map.of("page", SpecPage.of(s, view), "install", install(from, "/" + s.hash()),
          "fromTag", from.name(), "root", root));
    });
  }

  public String host(String platform, String os, String target, String tagName, String root) {
    io.cachescope.catalog.TagSummary tag = tagOrDefault(tagName);
    List<ConcreteSpec> installable = new ArrayList<>();
    if (!os.isBlank() && !target.isBlank()) {
      Host host = new Host(platform.isBlank() ? "linux" : platform, os, target);
      Microarchitectures archspec = Microarchitectures.builtin();
      for (ConcreteSpec s : view.buildsOn(tag.name(), os)) {
        if (host.installs(s, archspec)) {
          installable.add(s);
        }
      }
    }
    java.util.TreeSet<String> oss = new java.util.TreeSet<>(tag.oss());
    java.util.TreeSet<String> targets = new java.util.TreeSet<>(tag.targets());
    java.util.TreeSet<String> platforms = new java.util.TreeSet<>(tag.platforms());
    Microarchitectures archspec = Microarchitectures.builtin();
    archspec.all().forEach(t -> targets.add(t.name()));
    Map<String, Object> params = new HashMap<>();
    params.put("tag", tag);
    params.put("tags", view.tags());
    params.put("os", os);
    params.put("target", target);
    params.put("platform", platform.isBlank() ? "linux" : platform);
    params.put("installable", installable);
    params.put("oss", List.copyOf(oss));
    params.put("targets", List.copyOf(targets));
    params.put("platforms", List.copyOf(platforms));
    // An unknown target matches only builds for exactly that name: say so rather than show little.
    params.put("unknownTarget", !target.isBlank() && !archspec.knows(target));
    params.put("root", root);
    return Templates.render("host.jte", params);
  }

  public Optional<String> diff(String from, String to, String root) {
    if (!view.hasTag(from) || !view.hasTag(to)) {
      return Optional.empty();
    }
    return Optional.of(Templates.render("diff.jte", Map.of("diff", view.diff(from, to, null), "tags", view.tags(), "root", root)));
  }

  io.cachescope.catalog.TagSummary tagOrDefault(String name) {
    return (name == null || name.isBlank() ? Optional.<io.cachescope.catalog.TagSummary>empty() : view.tag(name))
        .or(view::defaultTag)
        .orElseThrow(() -> new IllegalStateException("the catalog has no tags"));
  }
}
