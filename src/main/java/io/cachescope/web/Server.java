package io.cachescope.web;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;

/**
 * The read-only web server: pages and their JSON under {@code /api}, with ETags, gzip and cache
 * headers. The catalog view is swapped atomically when a re-ingest finishes, so requests never
 * wait for an ingest. Past {@code maxConcurrent} requests in flight it answers 503 with
 * Retry-After instead of queueing without bound.
 */
public final class Server {

  private static final List<String> STATIC = List.of("app.css", "app.js");

  private final AtomicReference<CatalogView> view;
  // Pages are pure functions of the catalog and the URL: a rendered (and gzip'ed) response is
  // kept until the catalog is swapped, so hot pages cost a map lookup. Bounded: cleared when full.
  private final AtomicReference<Map<String, Response>> cache = new AtomicReference<>(new java.util.concurrent.ConcurrentHashMap<>());
  private static final long CACHE_BYTES = 64L << 20;
  private final java.util.concurrent.atomic.AtomicLong cachedBytes = new java.util.concurrent.atomic.AtomicLong();

  /** A response ready to send: body, its gzip form (when worth it), ETag and type. */
  private record Response(int status, byte[] body, byte[] gzip, String etag, String type) {}
  private final String mirrorUrl;
  private final Semaphore inFlight;
  private Javalin app;

  private final java.time.Duration idleTimeout;
  private int ratePerSecond;
  // Per client address: the current one-second window and its request count.
  private final Map<String, long[]> windows = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Limits each client address to {@code perSecond} requests a second (429 + Retry-After past
   * it); 0 turns the limit off. Call before {@link #start}.
   */
  public Server rateLimit(int perSecond) {
    this.ratePerSecond = perSecond;
    return this;
  }

  private boolean overRate(String client) {
    if (ratePerSecond <= 0) {
      return false;
    }
    long second = System.nanoTime() / 1_000_000_000L;
    if (windows.size() > 100_000) {
      windows.clear(); // bounded memory under a flood of addresses
    }
    long[] w = windows.computeIfAbsent(client, k -> new long[] {second, 0});
    synchronized (w) {
      if (w[0] != second) {
        w[0] = second;
        w[1] = 0;
      }
      return ++w[1] > ratePerSecond;
    }
  }

  public Server(CatalogView view, String mirrorUrl, int maxConcurrent) {
    this(view, mirrorUrl, maxConcurrent, java.time.Duration.ofSeconds(30));
  }

  /** {@code idleTimeout}: how long a silent connection (a slow client) may hold its slot. */
  public Server(CatalogView view, String mirrorUrl, int maxConcurrent, java.time.Duration idleTimeout) {
    this.view = new AtomicReference<>(view);
    this.mirrorUrl = mirrorUrl;
    this.inFlight = new Semaphore(maxConcurrent);
    this.idleTimeout = idleTimeout;
  }

  /** Replaces the catalog the pages show (after a background re-ingest). */
  public void swap(CatalogView next) {
    view.set(next);
    cache.set(new java.util.concurrent.ConcurrentHashMap<>());
    cachedBytes.set(0);
  }

  /** Starts on 127.0.0.1 (or the given host); returns the bound port (useful with port 0). */
  public int start(String host, int port) {
    app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.jetty.host = host;
      config.jetty.port = port;
      config.routes.before(ctx -> {
        if (overRate(ctx.ip())) {
          ctx.header("Retry-After", "1");
          ctx.status(429);
          ctx.skipRemainingHandlers();
          ctx.result("too many requests, retry shortly");
          return;
        }
        if (!inFlight.tryAcquire()) {
          ctx.header("Retry-After", "1");
          ctx.status(503);
          ctx.skipRemainingHandlers();
          ctx.result("busy, retry shortly");
          return;
        }
        ctx.attribute("permit", Boolean.TRUE);
      });
      config.routes.after(ctx -> {
        if (Boolean.TRUE.equals(ctx.attribute("permit"))) {
          inFlight.release();
        }
      });
      config.routes.get("/", ctx -> cached(ctx, () -> html(pages().home("/"))));
      config.routes.get("/search", ctx -> cached(ctx, () -> html(pages().search(q(ctx, "q"), q(ctx, "tag"), "/"))));
      config.routes.get("/tag/{tag}", ctx -> cached(ctx, () -> html(pages().tag(ctx.pathParam("tag"), "/"))));
      config.routes.get("/package/{tag}/{name}", ctx -> cached(ctx, () ->
          html(pages().pkg(ctx.pathParam("tag"), ctx.pathParam("name"), filters(ctx), page(ctx), "/"))));
      config.routes.get("/spec/{hash}", ctx -> cached(ctx, () -> html(pages().spec(ctx.pathParam("hash"), "/"))));
      config.routes.get("/host", ctx -> cached(ctx, () -> html(pages().host(q(ctx, "platform"), q(ctx, "os"), q(ctx, "target"), q(ctx, "tag"), "/"))));
      config.routes.get("/diff", ctx -> {
        List<CatalogView.TagView> tags = view.get().tags();
        String to = q(ctx, "to").isBlank() && !tags.isEmpty() ? tags.get(0).name() : q(ctx, "to");
        String from = q(ctx, "from").isBlank() && tags.size() > 1 ? tags.get(1).name() : q(ctx, "from").isBlank() ? to : q(ctx, "from");
        cached(ctx, () -> html(pages().diff(from, to, "/")));
      });
      config.routes.get("/static/{file}", this::staticFile);
      config.routes.get("/api/openapi.json", ctx -> cached(ctx, () -> response(200, resource("openapi.json"), "application/json")));
      config.routes.get("/api/home", ctx -> cached(ctx, () -> json(api().home())));
      config.routes.get("/api/tags", ctx -> cached(ctx, () -> json(api().tags())));
      config.routes.get("/api/tags/{tag}/packages", ctx -> cached(ctx, () -> json(api().packages(ctx.pathParam("tag")))));
      config.routes.get("/api/search", ctx -> cached(ctx, () -> json(api().search(q(ctx, "q"), q(ctx, "tag"), pages()))));
      config.routes.get("/api/packages/{tag}/{name}", ctx -> cached(ctx, () ->
          json(api().pkg(ctx.pathParam("tag"), ctx.pathParam("name"), filters(ctx), page(ctx)))));
      config.routes.get("/api/specs/{hash}", ctx -> cached(ctx, () -> json(api().spec(ctx.pathParam("hash")))));
      config.routes.get("/api/host", ctx -> cached(ctx, () -> json(api().host(q(ctx, "platform"), q(ctx, "os"), q(ctx, "target"), q(ctx, "tag"), pages()))));
      config.routes.get("/api/diff", ctx -> cached(ctx, () -> {
        String from = q(ctx, "from");
        String to = q(ctx, "to");
        return json(view.get().hasTag(from) && view.get().hasTag(to) ? Optional.of(view.get().diff(from, to, q(ctx, "package").isBlank() ? null : q(ctx, "package"))) : Optional.empty());
      }));
    }).start();
    for (org.eclipse.jetty.server.Connector c : app.jettyServer().server().getConnectors()) {
      if (c instanceof org.eclipse.jetty.server.AbstractConnector connector) {
        connector.setIdleTimeout(idleTimeout.toMillis());
      }
    }
    return app.port();
  }

  public void stop() {
    if (app != null) {
      app.stop();
    }
  }

  private Pages pages() {
    return new Pages(view.get(), mirrorUrl);
  }

  private Api api() {
    return new Api(view.get());
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
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String facet : Facets.NAMES) {
      List<String> values = ctx.queryParams(facet);
      if (!values.isEmpty()) {
        out.put(facet, new ArrayList<>(values));
      }
    }
    return out;
  }

  /** Serves the cached response of this URL, rendering it first when it is not there yet. */
  private void cached(Context ctx, java.util.function.Supplier<Response> render) {
    String key = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
    Map<String, Response> map = cache.get();
    Response r = map.get(key);
    if (r == null) {
      r = render.get();
      long size = r.body().length + (r.gzip() == null ? 0 : r.gzip().length) + key.length();
      if (cachedBytes.addAndGet(size) > CACHE_BYTES) {
        map.clear(); // crude but bounded: a flood of distinct URLs cannot grow the heap
        cachedBytes.set(size);
      }
      map.put(key, r);
    }
    send(ctx, r);
  }

  private static Response html(String body) {
    return response(200, body.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");
  }

  private static Response html(Optional<String> body) {
    return body.map(Server::html).orElseGet(() -> response(404, "not found".getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8"));
  }

  private static Response json(Object value) {
    if (value instanceof Optional<?> o) {
      return o.isEmpty() ? response(404, Api.bytes(Map.of("error", "not found")), "application/json") : json(o.get());
    }
    return response(200, Api.bytes(value), "application/json");
  }

  private static Response response(int status, byte[] body, String type) {
    String etag = "\"" + HexFormat.of().formatHex(io.cachescope.mirror.Digests.sha256(body), 0, 12) + "\"";
    byte[] gzip = null;
    if (body.length > 1024) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4);
      try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
        gz.write(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      gzip = out.toByteArray();
    }
    return new Response(status, body, gzip, etag, type);
  }

  private void staticFile(Context ctx) {
    String file = ctx.pathParam("file");
    if (!STATIC.contains(file)) {
      ctx.status(404);
      return;
    }
    cached(ctx, () -> response(200, resource(file), file.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8"));
  }

  static byte[] resource(String name) {
    try (InputStream in = Server.class.getResourceAsStream("/web/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a response with its ETag (304 when it matches), cache and security headers, gzip. */
  private static void send(Context ctx, Response r) {
    ctx.status(r.status());
    ctx.header("ETag", r.etag());
    ctx.header("Cache-Control", "public, max-age=60");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Content-Security-Policy", "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Vary", "Accept-Encoding");
    if (r.status() == 200 && r.etag().equals(ctx.header("If-None-Match"))) {
      ctx.status(304);
      return;
    }
    ctx.contentType(r.type());
    String accept = ctx.header("Accept-Encoding");
    if (r.gzip() != null && accept != null && accept.contains("gzip")) {
      ctx.header("Content-Encoding", "gzip");
      ctx.result(r.gzip());
    } else {
      ctx.result(r.body());
    }
  }
}
