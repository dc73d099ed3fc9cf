package io.cachescope.web;

import io.javalin.Javalin;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The read-only web server: {@link Limits} first, then the {@link Routes}, answered from the
 * {@link ResponseCache} and written by {@link Headers}. The catalog view is swapped atomically
 * when a re-ingest finishes, so requests never wait for an ingest.
 */
public final class Server {

  private static final long CACHE_BYTES = 256L << 20;

  private final AtomicReference<CatalogView> view;
  private final ResponseCache cache = new ResponseCache(CACHE_BYTES);
  private final RefreshStatus status = new RefreshStatus(java.time.Instant.now());
  private final String mirrorUrl;
  private final int maxConcurrent;
  private final Duration idleTimeout;
  private int ratePerSecond;
  private java.util.function.BiFunction<byte[], String, io.cachescope.catalog.Lockfile> lockfiles;
  private Javalin app;

  public Server(CatalogView view, String mirrorUrl, int maxConcurrent) {
    this(view, mirrorUrl, maxConcurrent, Duration.ofSeconds(30));
  }

  /** {@code idleTimeout}: how long a silent connection (a slow client) may hold its slot. */
  public Server(CatalogView view, String mirrorUrl, int maxConcurrent, Duration idleTimeout) {
    this.view = new AtomicReference<>(view);
    this.mirrorUrl = mirrorUrl;
    this.maxConcurrent = maxConcurrent;
    this.idleTimeout = idleTimeout;
  }

  /**
   * Limits each client address to {@code perSecond} requests a second (429 + Retry-After past
   * it); 0 turns the limit off. Call before {@link #start}.
   */
  public Server rateLimit(int perSecond) {
    this.ratePerSecond = perSecond;
    return this;
  }

  /**
   * How uploaded lockfiles are read ({@code POST /api/coverage}, {@code /coverage/}): the reader
   * is given by {@code main}, so the web does not reach back into the mirror readers.
   */
  public Server lockfiles(java.util.function.BiFunction<byte[], String, io.cachescope.catalog.Lockfile> reader) {
    this.lockfiles = reader;
    return this;
  }

  /** The view requests read now. */
  public CatalogView view() {
    return view.get();
  }

  /** Replaces the catalog the pages show (after a re-ingest, or another writer's publish). */
  public void swap(CatalogView next) {
    view.set(next);
    cache.clear();
    status.succeeded();
  }

  /** A background refresh failed: the last good catalog stays, and {@code /api/home} says why. */
  public void refreshFailed(String error) {
    status.failed(error);
  }

  /** Starts on 127.0.0.1 (or the given host); returns the bound port (useful with port 0). */
  public int start(String host, int port) {
    Limits limits = new Limits(maxConcurrent, ratePerSecond);
    Routes routes = new Routes(view::get, mirrorUrl, cache, status, lockfiles);
    app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.jetty.host = host;
      config.jetty.port = port;
      // A lockfile upload may be 20 MB; as a form field its quotes are %-escaped.
      config.http.maxRequestSize = Routes.MAX_FORM_BYTES;
      config.routes.before(limits::before);
      config.routes.after(limits::after);
      routes.register(config.routes);
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
}
