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
  Mirror mirror(CatalogView.TagView tag) {
    Mirror own = tag.mirror();
    return mirrorUrl == null ? own : new Mirror(own.name(), mirrorUrl, own.signed());
  }

  InstallSteps install(CatalogView.TagView tag, String spec) {
    return InstallSteps.of(mirror(tag), spec);
  }

  public String home(String root) {
    Map<String, Object> params = new HashMap<>();
    params.put("view", view);
    params.put("root", root);
    Optional<CatalogView.TagView> start = view.newestRelease();
    params.put("startTag", start.map(CatalogView.TagView::name).orElse(null));
    params.put("start", start.map(t -> install(t, t.packages().containsKey("zlib") ? "zlib"
        : t.packages().keySet().iterator().next())).orElse(null));
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
  List<CatalogView.TagView> scope(String tagName) {
    return tagName == null || tagName.isBlank() ? Search.newestFirst(view.tags())
        : view.tag(tagName).map(List::of).orElseGet(() -> Search.newestFirst(view.tags()));
  }

  public Optional<String> tag(String name, String root) {
    return view.tag(name).map(t -> Templates.render("tag.jte", Map.of("tag", t, "root", root)));
  }

  public Optional<String> pkg(String tagName, String name, Map<String, List<String>> filters, int page, String root) {
    return pkg(tagName, name, filters, page, root, PAGE_SIZE);
  }

  /** {@code pageSize}: builds per page; the static export puts them all on one page. */
  public Optional<String> pkg(String tagName, String name, Map<String, List<String>> filters, int page, String root, int pageSize) {
    Optional<CatalogView.TagView> tag = view.tag(tagName);
    if (tag.isEmpty() || !tag.get().packages().containsKey(name)) {
      return Optional.empty();
    }
    CatalogView.PackageView pkg = tag.get().packages().get(name);
    Facets.Result facets = Facets.apply(pkg.specs(), filters, view, tagName);
    int pages = Math.max(1, (int) ((facets.specs().size() + (long) pageSize - 1) / pageSize));
    int p = Math.min(Math.max(1, page), pages);
    List<ConcreteSpec> slice = facets.specs().subList((int) Math.min(facets.specs().size(), (long) (p - 1) * pageSize),
        (int) Math.min(facets.specs().size(), (long) p * pageSize));
    Optional<CatalogView.TagView> previous = view.previous(tag.get());
    SnapshotDiff.PackageChange change = previous
        .flatMap(prev -> view.diff(prev.name(), tagName, name).packages().stream().findFirst())
        .orElse(null);
    Map<String, Object> params = new HashMap<>();
    params.put("view", view);
    params.put("tag", tag.get());
    params.put("pkg", pkg);
    params.put("facets", facets);
    params.put("filters", filters);
    params.put("page", slice);
    params.put("pageNumber", p);
    params.put("firstShown", (p - 1) * pageSize + 1);
    params.put("pages", pages);
    params.put("previousTag", previous.map(CatalogView.TagView::name).orElse(null));
    params.put("change", change);
    params.put("install", (java.util.function.Function<String, InstallSteps>) spec -> install(tag.get(), spec));
    params.put("root", root);
    return Optional.of(Templates.render("package.jte", params));
  }

  public Optional<String> spec(String hash, String root) {
    return view.spec(hash).map(s -> {
      // From the first tag that holds it (tags are in the order of the sources).
      CatalogView.TagView from = view.tagsOf(s.hash()).stream().findFirst().flatMap(view::tag)
          .orElseGet(() -> view.defaultTag().orElseThrow());
      return Templates.render("spec.jte", Map.of("page", SpecPage.of(s, view), "install", install(from, "/" + s.hash()),
          "fromTag", from.name(), "root", root));
    });
  }

  public String host(String platform, String os, String target, String tagName, String root) {
    CatalogView.TagView tag = tagOrDefault(tagName);
    List<ConcreteSpec> installable = new ArrayList<>();
    if (!os.isBlank() && !target.isBlank()) {
      Host host = new Host(platform.isBlank() ? "linux" : platform, os, target);
      Microarchitectures archspec = Microarchitectures.builtin();
      for (CatalogView.PackageView p : tag.packages().values()) {
        for (ConcreteSpec s : p.specs()) {
          if (host.installs(s, archspec)) {
            installable.add(s);
          }
        }
      }
    }
    return Templates.render("host.jte", Map.of("tag", tag, "tags", view.tags(), "os", os, "target", target,
        "platform", platform.isBlank() ? "linux" : platform, "installable", installable, "root", root));
  }

  public Optional<String> diff(String from, String to, String root) {
    if (!view.hasTag(from) || !view.hasTag(to)) {
      return Optional.empty();
    }
    return Optional.of(Templates.render("diff.jte", Map.of("diff", view.diff(from, to, null), "tags", view.tags(), "root", root)));
  }

  CatalogView.TagView tagOrDefault(String name) {
    return (name == null || name.isBlank() ? Optional.<CatalogView.TagView>empty() : view.tag(name))
        .or(view::defaultTag)
        .orElseThrow(() -> new IllegalStateException("the catalog has no tags"));
  }
}
