package io.cachescope.web;

import io.cachescope.SourceException;
import io.cachescope.render.FolderSwap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;

import java.util.Map;

/**
 * The site as static files any file server or CDN can serve: the same pages (links relative,
 * one {@code index.html} per folder), the API's JSON, and a compact search index that the search
 * page queries in the browser. Whole output or none, like the pages command.
 */
public final class SiteExport {
  private SiteExport() {}

  /** Writes the site; returns the number of HTML pages. */
  public static int write(CatalogView view, String mirrorUrl, Path out) {
    return write(view, mirrorUrl, out, true);
  }

  /** As above; {@code specPages} false leaves out the page of every hash (a develop index has 400,000). */
  public static int write(CatalogView view, String mirrorUrl, Path out, boolean specPages) {
    return FolderSwap.replace(out, (fresh, previous) -> writeAll(view, mirrorUrl, fresh, specPages));
  }

  private static int writeAll(CatalogView view, String mirrorUrl, Path dir, boolean specPages) throws IOException {
    Pages pages = new Pages(view, mirrorUrl);
    Api api = new Api(view);
    int n = 0;
    write(dir.resolve("index.html"), pages.home(""));
    write(dir.resolve("static/app.css"), Routes.resource("app.css"));
    write(dir.resolve("static/app.js"), Routes.resource("app.js"));
    write(dir.resolve("static/favicon.svg"), Routes.resource("favicon.svg"));
    write(dir.resolve("favicon.ico"), Routes.resource("favicon.svg"));
    write(dir.resolve("api/openapi.json"), Routes.resource("openapi.json"));
    write(dir.resolve("api/home.json"), Api.bytes(api.home()));
    write(dir.resolve("api/tags.json"), Api.bytes(api.tags()));
    io.cachescope.catalog.TagSummary first = view.defaultTag().orElseThrow();
    write(dir.resolve("search/index.html"), staticSearch(first));
    Map<String, Object> index = new LinkedHashMap<>();
    index.put("tag", first.name());
    index.put("packages", view.packages(first.name()).values().stream().map(p -> Map.of("name", p.name(), "specs", p.builds())).toList());
    write(dir.resolve("search-index.json"), Api.bytes(index));
    n += 2;
    java.util.Set<String> specsWritten = new java.util.HashSet<>();
    for (io.cachescope.catalog.TagSummary tag : view.tags()) {
      String tagDir = "tag/" + safe(tag.name()) + "/";
      write(dir.resolve(tagDir + "index.html"), pages.tag(tag.name(), "../../").orElseThrow());
      write(dir.resolve("api/tags/" + safe(tag.name()) + "/packages.json"), Api.bytes(api.packages(tag.name()).orElseThrow()));
      n++;
      for (io.cachescope.catalog.PackageSummary p : view.packages(tag.name()).values()) {
        // A name that cannot be a folder name gets no page here (the server still shows it).
        if (!io.cachescope.render.SiteWriterNames.isSafe(p.name())) {
          continue;
        }
        String pkgDir = "package/" + safe(tag.name()) + "/" + safe(p.name()) + "/";
        write(dir.resolve(pkgDir + "index.html"), pages.pkg(tag.name(), p.name(), Map.of(), 1, "../../../", Integer.MAX_VALUE).orElseThrow());
        write(dir.resolve("api/packages/" + safe(tag.name()) + "/" + safe(p.name()) + ".json"),
            Api.bytes(api.pkg(tag.name(), p.name(), Map.of(), 1).orElseThrow()));
        n++;
        for (var s : view.builds(tag.name(), p.name())) {
          if (specPages && specsWritten.add(s.hash())) {
            write(dir.resolve("spec/" + safe(s.hash()) + "/index.html"), pages.spec(s.hash(), "../../").orElseThrow());
            write(dir.resolve("api/specs/" + safe(s.hash()) + ".json"), Api.bytes(api.spec(s.hash()).orElseThrow()));
            n++;
          }
        }
      }
    }
    return n;
  }

  /** The search page of the export: the box filters the embedded index in the browser. */
  private static String staticSearch(io.cachescope.catalog.TagSummary tag) {
    String html = Templates.render("staticsearch.jte", Map.of("tag", tag, "root", "../"));
    return html;
  }

  /** Names become folder names: refuse those that could escape the export. */
  private static String safe(String name) {
    if (!io.cachescope.render.SiteWriterNames.isSafe(name)) {
      throw new SourceException("name", name, "refusing to write a page with this name as a path");
    }
    return name;
  }

  private static void write(Path file, String text) throws IOException {
    write(file, text.getBytes(StandardCharsets.UTF_8));
  }

  private static void write(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, bytes);
  }

}
