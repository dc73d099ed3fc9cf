package io.cachescope.web;

import io.cachescope.SourceException;
import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.PackageSummary;
import io.cachescope.catalog.TagSummary;
import io.cachescope.render.FolderSwap;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;

/**
 * The static site: what needs no server, sized for a static host (docs/static-site.md). Pages
 * whose number grows with the catalog are data the browser draws: one page per package (its
 * builds in every tag embedded), spec details in gzip shards by hash prefix behind one spec page,
 * one search index over all tags, one small file per tag for the host page. {@code 404.html}
 * sends the server's other URLs ({@code /package/<tag>/<name>/}, {@code /spec/<hash>/}) there.
 */
public final class SiteExport {
  private SiteExport() {}

  /** What was written: files and bytes. */
  public record Written(int files, long bytes) {}

  /**
   * A tag's feed compares it whole with the tag before; past this many specs (the develop
   * index) that is left to the server, which compares on request.
   */
  static final int MAX_TAG_FEED_SPECS = 50_000;

  /** Shards of spec details: one per first hash letter, or per first two past this many specs. */
  static final int TWO_LETTER_SHARDS_FROM = 50_000;

  public static Written write(CatalogView view, String mirrorUrl, Path out) {
    return write(view, mirrorUrl, out, true);
  }

  /** {@code specs} false leaves out the spec details (the spec page then finds none). */
  public static Written write(CatalogView view, String mirrorUrl, Path out, boolean specs) {
    Writer w = new Writer();
    FolderSwap.replace(out, (fresh, previous) -> {
      w.dir = fresh;
      writeAll(view, mirrorUrl, w, specs);
      return w.files;
    });
    return new Written(w.files, w.bytes);
  }

  private static final class Writer {
    Path dir;
    int files;
    long bytes;

    void text(String path, String text) throws IOException {
      bytes(path, text.getBytes(StandardCharsets.UTF_8));
    }

    void bytes(String path, byte[] content) throws IOException {
      Path file = dir.resolve(path);
      Files.createDirectories(file.getParent());
      Files.write(file, content);
      files++;
      bytes += content.length;
    }

    void gzip(String path, Object json) throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      try (GZIPOutputStream z = new GZIPOutputStream(b)) {
        z.write(Api.bytes(json));
      }
      bytes(path, b.toByteArray());
    }
  }

  private static void writeAll(CatalogView view, String mirrorUrl, Writer w, boolean specs) throws IOException {
    Pages pages = new Pages(view, mirrorUrl);
    Api api = new Api(view);
    for (String file : List.of("app.css", "app.js", "site.js", "favicon.svg")) {
      w.bytes("static/" + file, Routes.resource(file));
    }
    w.bytes("favicon.ico", Routes.resource("favicon.svg"));
    w.bytes("404.html", Routes.resource("site404.html"));
    w.bytes("api/openapi.json", Routes.resource("openapi.json"));
    w.bytes("api/home.json", Api.bytes(api.home()));
    w.bytes("api/tags.json", Api.bytes(api.tags()));
    w.bytes("api/hosts.json", Api.bytes(api.hosts()));
    w.text("index.html", pages.home(""));
    w.text("feed.atom", Feeds.site(view, ""));
    List<TagSummary> newest = Search.newestFirst(view.tags());
    w.text("search/index.html", Templates.render("staticsearch.jte", Map.of("root", "../")));
    w.text("spec/index.html", Templates.render("staticspec.jte", Map.of("root", "../")));
    w.text("host/index.html", Templates.render("statichost.jte", Map.of("tags", newest, "root", "../")));
    w.text("diff/index.html", needsServer("Changes between tags", "Comparing two tags needs the server: run "
        + "cachescope serve, or follow each package's feed.", "../"));
    w.text("coverage/index.html", needsServer("Lockfile coverage", "Checking a spack.lock needs the server (cachescope "
        + "serve), or run cachescope coverage spack.lock on your machine.", "../"));
    Map<String, List<Object>> search = new LinkedHashMap<>();
    List<String> tagNames = newest.stream().map(TagSummary::name).toList();
    for (TagSummary tag : view.tags()) {
      String dir = "tag/" + safe(tag.name()) + "/";
      w.text(dir + "index.html", pages.tag(tag.name(), "../../", true).orElseThrow());
      if (tag.specs() <= MAX_TAG_FEED_SPECS) {
        w.text(dir + "feed.atom", Feeds.tag(view, tag.name(), "../../").orElseThrow());
      }
      w.bytes("api/tags/" + safe(tag.name()) + "/packages.json", Api.bytes(api.packages(tag.name()).orElseThrow()));
      w.gzip("data/tags/" + safe(tag.name()) + ".json.gz", hostIndex(view, tag));
    }
    for (String name : view.packageNames()) {
      // A name that cannot be a folder name gets no page here (the server still shows it).
      if (!io.cachescope.render.SiteWriterNames.isSafe(name)) {
        continue;
      }
      List<String> in = tagNames.stream().filter(view.tagsWith(name)::contains).toList();
      search.put(name, List.of(in.stream().map(tagNames::indexOf).toList(),
          view.pkg(in.get(0), name).map(PackageSummary::builds).orElse(0)));
      String dir = "package/" + safe(name) + "/";
      w.text(dir + "index.html", Templates.render("staticpackage.jte", Map.of("name", name,
          "data", scriptSafe(new String(Api.bytes(packageData(view, pages, name, in)), StandardCharsets.UTF_8)),
          "root", "../../")));
      w.text(dir + "feed.atom", Feeds.pkg(view, name, "../../").orElseThrow());
      w.text(dir + "badge.svg", Feeds.badge(view, name, "", ""));
    }
    w.gzip("data/search.json.gz", Map.of("tags", tagNames, "packages", search));
    if (specs) {
      writeSpecShards(view, pages, api, w);
    }
  }

  /** A tag's packages with, per (platform, OS, target), how many builds: the host page's data. */
  private static Map<String, Object> hostIndex(CatalogView view, TagSummary tag) {
    return Map.of("tag", tag.name(), "packages", view.archCounts(tag.name()));
  }

  /**
   * What the package page draws: per tag that has it (newest first) the install steps (with
   * {@code HASH} for the build's hash), and each build once with its facet values and, per tag,
   * its stacks.
   */
  private static Map<String, Object> packageData(CatalogView view, Pages pages, String name, List<String> tags) {
    Map<String, Object> install = new LinkedHashMap<>();
    Map<String, Map<String, Object>> builds = new LinkedHashMap<>();
    java.util.TreeSet<String> versions = new java.util.TreeSet<>(io.cachescope.catalog.Version::compare);
    for (String tag : tags) {
      TagSummary t = view.tag(tag).orElseThrow();
      install.put(tag, pages.install(t, "/HASH").steps().stream().map(s -> List.of(s.purpose(), s.command())).toList());
      for (ConcreteSpec s : view.builds(tag, name)) {
        versions.add(s.version());
        builds.computeIfAbsent(s.hash(), h -> build(view, s));
      }
    }
    List<String> newestFirst = new ArrayList<>(versions.descendingSet());
    List<Map<String, Object>> list = new ArrayList<>(builds.values());
    list.forEach(b -> b.put("rank", newestFirst.size() - newestFirst.indexOf((String) b.get("version"))));
    list.sort(java.util.Comparator.comparingInt((Map<String, Object> b) -> -(Integer) b.get("rank"))
        .thenComparing(b -> (String) b.get("hash")));
    return Map.of("name", name, "tags", tags, "install", install, "builds", list);
  }

  private static Map<String, Object> build(CatalogView view, ConcreteSpec s) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("hash", s.hash());
    b.put("version", s.version());
    b.put("compiler", view.compilerOf(s));
    b.put("platform", s.platform());
    b.put("os", s.os());
    b.put("target", s.target());
    b.put("variants", Facets.values("variant", s, view, null));
    Map<String, List<String>> stacks = new LinkedHashMap<>();
    view.stacksOf(s.hash()).forEach((tag, labels) -> stacks.put(tag, labels.stream().filter(CatalogView::isStack).toList()));
    b.put("stacks", stacks);
    return b;
  }

  /** Spec details by hash prefix, for the spec page to fetch the one shard it needs. */
  private static void writeSpecShards(CatalogView view, Pages pages, Api api, Writer w) throws IOException {
    String letters = "abcdefghijklmnopqrstuvwxyz234567";
    boolean two = view.specCount() >= TWO_LETTER_SHARDS_FROM;
    List<String> prefixes = new ArrayList<>();
    for (char a : letters.toCharArray()) {
      if (two) {
        for (char b : letters.toCharArray()) {
          prefixes.add("" + a + b);
        }
      } else {
        prefixes.add("" + a);
      }
    }
    for (String prefix : prefixes) {
      Map<String, Object> shard = new TreeMap<>();
      List<ConcreteSpec> specs = view.byHashPrefix(prefix, Integer.MAX_VALUE);
      // Their direct dependencies in bulk: the page says which are in the cache.
      view.prefetch(specs.stream().flatMap(s -> s.dependencies().stream()).map(io.cachescope.catalog.Dependency::hash).toList());
      for (ConcreteSpec s : specs) {
        Map<String, Object> m = api.spec(s.hash(), false).orElseThrow();
        String from = view.tagsOf(s.hash()).stream().findFirst().orElse(null);
        if (from != null) {
          m.put("install", pages.install(view.tag(from).orElseThrow(), "/" + s.hash()).steps().stream()
              .map(st -> List.of(st.purpose(), st.command())).toList());
        }
        shard.put(s.hash(), m);
      }
      if (!shard.isEmpty()) {
        w.gzip("data/specs/" + prefix + ".json.gz", Map.of("prefix", prefix, "specs", shard));
      }
    }
    w.bytes("data/specs/index.json", Api.bytes(Map.of("letters", two ? 2 : 1)));
  }

  private static String needsServer(String title, String message, String root) {
    return Pages.notFound(message, null, root).replace("<h1>Not found</h1>", "<h1>" + title + "</h1>")
        .replace("<title>Not found", "<title>" + title);
  }

  /** JSON inside a script element: no {@code </script>} can end it early. */
  static String scriptSafe(String json) {
    return json.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
  }

  /** Names become folder names: refuse those that could escape the export. */
  private static String safe(String name) {
    if (!io.cachescope.render.SiteWriterNames.isSafe(name)) {
      throw new SourceException("name", name, "refusing to write a page with this name as a path");
    }
    return name;
  }
}
