package io.cachescope.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The URL table: every page and its JSON under {@code /api}, each answered from the
 * {@link ResponseCache} or rendered from the current catalog view.
 */
final class Routes {

  private static final List<String> STATIC = List.of("app.css", "app.js", "site.js", "favicon.svg");

  private final Supplier<CatalogView> view;
  private final String mirrorUrl;
  private final ResponseCache cache;
  private final RefreshStatus status;
  private final java.util.function.BiFunction<byte[], String, io.cachescope.catalog.Lockfile> lockfiles;

  /** The largest lockfile a client may send. */
  static final int MAX_LOCKFILE_BYTES = 20 << 20;
  /** The largest form: a lockfile pasted into a text field, %-escaped. */
  static final int MAX_FORM_BYTES = 3 * MAX_LOCKFILE_BYTES;

  Routes(Supplier<CatalogView> view, String mirrorUrl, ResponseCache cache, RefreshStatus status,
      java.util.function.BiFunction<byte[], String, io.cachescope.catalog.Lockfile> lockfiles) {
    this.view = view;
    this.mirrorUrl = mirrorUrl;
    this.cache = cache;
    this.status = status;
    this.lockfiles = lockfiles;
  }

  void register(RoutesConfig config) {
    // HEAD answers as GET does (status and headers), without the body.
    Table routes = (path, handler) -> {
      config.get(path, handler);
      config.head(path, handler);
    };
    routes.get("/", ctx -> cached(ctx, () -> Response.html(pages().home("/"))));
    routes.get("/search", ctx -> {
      // A hash or prefix that names one spec goes to its page.
      String only = Search.onlyHash(view.get(), q(ctx, "q"));
      if (only != null) {
        ctx.redirect("/spec/" + only + "/", io.javalin.http.HttpStatus.FOUND);
        return;
      }
      cached(ctx, () -> Response.html(pages().search(q(ctx, "q"), q(ctx, "tag"), "/")));
    });
    routes.get("/tag/{tag}", ctx -> cached(ctx, () -> Response.html(pages().tag(ctx.pathParam("tag"), "/"))));
    routes.get("/feed.atom", ctx -> cached(ctx, () -> atom(Optional.of(Feeds.site(view.get(), base(ctx))))));
    routes.get("/tag/{tag}/feed.atom", ctx -> cached(ctx, () -> atom(Feeds.tag(view.get(), ctx.pathParam("tag"), base(ctx)))));
    routes.get("/package/{name}/feed.atom", ctx -> cached(ctx, () -> atom(Feeds.pkg(view.get(), ctx.pathParam("name"), base(ctx)))));
    routes.get("/package/{name}/badge.svg", ctx -> cached(ctx, () -> Response.of(200,
        Feeds.badge(view.get(), ctx.pathParam("name"), q(ctx, "os"), q(ctx, "target")).getBytes(java.nio.charset.StandardCharsets.UTF_8),
        "image/svg+xml; charset=utf-8")));
    routes.get("/package/{name}", ctx -> cached(ctx, () ->
        Response.html(pages().pkgAcross(ctx.pathParam("name"), filters(ctx, Facets.ACROSS), page(ctx), "/"),
            () -> pages().packageNotFound(null, ctx.pathParam("name"), "/"))));
    routes.get("/package/{tag}/{name}", ctx -> cached(ctx, () ->
        Response.html(pages().pkg(ctx.pathParam("tag"), ctx.pathParam("name"), filters(ctx), page(ctx), "/"),
            () -> pages().packageNotFound(ctx.pathParam("tag"), ctx.pathParam("name"), "/"))));
    routes.get("/spec/{hash}", ctx -> cached(ctx, () -> Response.html(pages().spec(ctx.pathParam("hash"), "/"),
        () -> Pages.notFound("No build has the hash " + ctx.pathParam("hash") + "; search for a prefix of it with /"
            + ctx.pathParam("hash").substring(0, Math.min(7, ctx.pathParam("hash").length())) + ".", null, "/"))));
    routes.get("/host", ctx -> cached(ctx, () ->
        Response.html(pages().host(q(ctx, "platform"), q(ctx, "os"), q(ctx, "target"), q(ctx, "tag"), "/"))));
    routes.get("/diff", ctx -> {
      List<io.cachescope.catalog.TagSummary> tags = view.get().tags();
      String to = q(ctx, "to").isBlank() && !tags.isEmpty() ? tags.get(0).name() : q(ctx, "to");
      String from = q(ctx, "from").isBlank() && tags.size() > 1 ? tags.get(1).name() : q(ctx, "from").isBlank() ? to : q(ctx, "from");
      cached(ctx, () -> Response.html(pages().diff(from, to, "/")));
    });
    routes.get("/coverage", ctx -> cached(ctx, () -> Response.html(pages().coverage(null, null, "", "", "/"))));
    // Uploads are answered, never cached, stored or logged.
    config.post("/coverage", ctx -> {
      CoverageUpload.Answer a = coverage(ctx.formParam("lock") == null ? new byte[0] : ctx.formParam("lock").getBytes(java.nio.charset.StandardCharsets.UTF_8),
          orEmpty(ctx.formParam("tag")), orEmpty(ctx.formParam("host")));
      Response page = Response.html(pages().coverage(a.coverage(), a.error(), orEmpty(ctx.formParam("host")), orEmpty(ctx.formParam("tag")), "/"));
      Headers.send(ctx, new Response(a.status(), page.body(), page.gzip(), page.etag(), page.type()));
    });
    config.post("/api/coverage", ctx -> {
      long length = ctx.contentLength();
      if (length > MAX_LOCKFILE_BYTES) {
        Headers.send(ctx, Response.of(413, Api.bytes(Map.of("error", "a lockfile of " + length + " bytes; the most is " + MAX_LOCKFILE_BYTES)), "application/json"));
        return;
      }
      CoverageUpload.Answer a = coverage(ctx.bodyAsBytes(), q(ctx, "tag"), q(ctx, "host"));
      Headers.send(ctx, a.error() != null
          ? Response.of(a.status(), Api.bytes(Map.of("error", a.error())), "application/json")
          : Response.of(200, io.cachescope.Json.write(a.coverage()).getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/json"));
    });
    routes.get("/static/{file}", this::staticFile);
    // Browsers ask for /favicon.ico whatever a page names.
    routes.get("/favicon.ico", ctx -> cached(ctx, () -> Response.of(200, resource("favicon.svg"), "image/svg+xml")));
    routes.get("/api/openapi.json", ctx -> cached(ctx, () -> Response.of(200, resource("openapi.json"), "application/json")));
    // Not cached: it carries the refresh status, which changes without a new catalog.
    routes.get("/api/home", ctx -> {
      Map<String, Object> home = api().home();
      home.put("refresh", status.json());
      Headers.send(ctx, Response.json(home));
    });
    routes.get("/api/hosts", ctx -> cached(ctx, () -> Response.json(api().hosts())));
    routes.get("/api/tags", ctx -> cached(ctx, () -> Response.json(api().tags())));
    routes.get("/api/tags/{tag}/packages", ctx -> cached(ctx, () -> Response.json(api().packages(ctx.pathParam("tag")))));
    routes.get("/api/search", ctx -> cached(ctx, () -> Response.jsonOrBadRequest(api().search(q(ctx, "q"), q(ctx, "tag"), pages()))));
    routes.get("/api/query", ctx -> cached(ctx, () -> Response.jsonOrBadRequest(api().query(q(ctx, "spec"), q(ctx, "tag"), q(ctx, "host"), pages()))));
    routes.get("/api/packages/{tag}/{name}", ctx -> cached(ctx, () ->
        Response.json(api().pkg(ctx.pathParam("tag"), ctx.pathParam("name"), filters(ctx), page(ctx)))));
    routes.get("/api/specs/{hash}", ctx -> cached(ctx, () -> Response.json(api().spec(ctx.pathParam("hash")))));
    routes.get("/api/host", ctx -> cached(ctx, () ->
        Response.json(api().host(q(ctx, "platform"), q(ctx, "os"), q(ctx, "target"), q(ctx, "tag"), pages()))));
    routes.get("/api/diff", ctx -> cached(ctx, () -> {
      CatalogView v = view.get();
      String from = q(ctx, "from");
      String to = q(ctx, "to");
      String pkg = q(ctx, "package").isBlank() ? null : q(ctx, "package");
      return Response.json(v.hasTag(from) && v.hasTag(to) ? Optional.of(v.diff(from, to, pkg)) : Optional.empty());
    }));
  }

  /** Registers one path for GET and HEAD. */
  private interface Table {
    void get(String path, io.javalin.http.Handler handler);
  }

  /** A coverage report, or why there is none (400 bad lockfile or host, 413 too large). */
  private CoverageUpload.Answer coverage(byte[] body, String tag, String host) {
    return CoverageUpload.answer(view.get(), lockfiles, body, tag, host, MAX_LOCKFILE_BYTES);
  }

  private static Response atom(Optional<String> feed) {
    return feed.map(f -> Response.of(200, f.getBytes(java.nio.charset.StandardCharsets.UTF_8), "application/atom+xml; charset=utf-8"))
        .orElseGet(() -> Response.of(404, "not found\n".getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/plain; charset=utf-8"));
  }

  /** Feed links are site-relative: nothing in a cached answer comes from the Host header. */
  private static String base(Context ctx) {
    return "/";
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s.strip();
  }

  private Pages pages() {
    return new Pages(view.get(), mirrorUrl);
  }

  private Api api() {
    return new Api(view.get());
  }

  private void cached(Context ctx, Supplier<Response> render) {
    String url = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
    Headers.send(ctx, cache.get(url, render));
  }

  private void staticFile(Context ctx) {
    String file = ctx.pathParam("file");
    if (!STATIC.contains(file)) {
      ctx.status(404);
      return;
    }
    String type = file.endsWith(".css") ? "text/css; charset=utf-8"
        : file.endsWith(".svg") ? "image/svg+xml" : "text/javascript; charset=utf-8";
    cached(ctx, () -> Response.of(200, resource(file), type));
  }

  static byte[] resource(String name) {
    try (InputStream in = Routes.class.getResourceAsStream("/web/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String q(Context ctx, String name) {
    String v = ctx.queryParam(name);
    return v == null ? "" : v.strip();
  }

  private static int page(Context ctx) {
    try {
      return Integer.parseInt(q(ctx, "page"));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private static Map<String, List<String>> filters(Context ctx) {
    return filters(ctx, Facets.NAMES);
  }

  private static Map<String, List<String>> filters(Context ctx, List<String> facets) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String facet : facets) {
      List<String> values = ctx.queryParams(facet);
      if (!values.isEmpty()) {
        out.put(facet, new ArrayList<>(values));
      }
    }
    return out;
  }
}
