package io.cachescope.cli;

import io.cachescope.web.CatalogView;
import io.cachescope.web.Server;
import io.cachescope.web.StoreView;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cachescope serve}: the web UI and JSON API. */
@Command(name = "serve", description = "Serve the web UI and JSON API.", mixinStandardHelpOptions = true)
public final class ServeCommand implements Callable<Integer> {

  @Mixin SourceOptions source = new SourceOptions();

  @Option(names = "--port", defaultValue = "8080", description = "Port (default ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on (default ${DEFAULT-VALUE}).")
  String bind;

  @Option(names = "--refresh", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "Read the sources (re-ingesting them into --db, when given) or the catalog again this often, in the background: 90s, 15m, 1h30m, 1d.")
  Duration refresh;

  @Option(names = "--mirror-url", paramLabel = "URL",
      description = "The mirror URL every install command names, for a site behind a CDN (default: each tag's root stack URL, as recorded at ingest).")
  String mirrorUrl;

  @Option(names = "--max-concurrent", defaultValue = "64", description = "Requests in flight before answering 503 (default ${DEFAULT-VALUE}).")
  int maxConcurrent;

  @Option(names = "--cache-specs", defaultValue = "50000",
      description = "With --db: records kept in memory between requests, about a kilobyte each (default ${DEFAULT-VALUE}).")
  int cacheSpecs;

  @Option(names = "--rate-limit", defaultValue = "200", description = "Requests per second per client address before 429 (default ${DEFAULT-VALUE}; 0: no limit).")
  int rateLimit;

  private final PrintStream out;
  private final PrintStream err;

  public ServeCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws InterruptedException {
    // Options that cannot work are refused before the catalog is read.
    if (port < 0 || port > 65535) {
      throw new SourceOptions.UsageError("--port " + port + " is out of range (0 to 65535; 0 picks a free port)");
    }
    try {
      java.net.InetAddress.getByName(bind);
    } catch (java.net.UnknownHostException e) {
      throw new SourceOptions.UsageError("--bind " + bind + " is not an address of this machine");
    }
    if (cacheSpecs < 1) {
      throw new SourceOptions.UsageError("--cache-specs " + cacheSpecs + " must be at least 1");
    }
    CatalogView view = load();
    Server server = new Server(view, mirrorUrl, maxConcurrent).rateLimit(rateLimit)
        .lockfiles((bytes, name) -> new io.cachescope.mirror.LockfileReader(new io.cachescope.catalog.Interner()).read(bytes, name));
    int bound;
    try {
      bound = server.start(bind, port);
    } catch (RuntimeException e) {
      server.stop();
      throw new SourceOptions.UsageError("cannot listen on " + bind + ":" + port + ": " + e.getMessage());
    }
    out.println("cachescope serving " + view.specCount() + " specs on http://" + bind + ":" + bound + "/");
    out.flush();
    ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor();
    if (refresh != null) {
      long seconds = refresh.toSeconds();
      refresher.scheduleWithFixedDelay(() -> {
        try {
          server.swap(load());
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
          // A failed refresh keeps serving the last good catalog and tries again next period:
          // an exception escaping here would cancel every later refresh, silently.
          String why = Terminal.safe(e instanceof io.cachescope.SourceException ? e.getMessage()
              : e.getClass().getSimpleName() + ": " + io.cachescope.Secrets.redact(String.valueOf(e.getMessage())));
          server.refreshFailed(why);
          err.println("cachescope: refresh failed (serving the last good catalog): " + why);
          err.flush();
        }
      }, seconds, seconds, TimeUnit.SECONDS);
    }
    if (view instanceof StoreView) {
      // Another server or an ingest may publish into the same catalog: show it within seconds.
      refresher.scheduleWithFixedDelay(() -> follow(server), FOLLOW_SECONDS, FOLLOW_SECONDS, TimeUnit.SECONDS);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      refresher.shutdownNow();
      server.stop();
      stopped.countDown();
    }));
    stopped.await();
    return 0;
  }

  /** How often a server on a catalog database looks for a new publish (one one-row query). */
  private static final int FOLLOW_SECONDS = 2;

  private CatalogView load() {
    return source.view(err, cacheSpecs);
  }

  /** Swaps in a view of the catalog's new state when a writer has published since the last. */
  private void follow(Server server) {
    try {
      if (server.view() instanceof StoreView current && source.reads().version() != current.version()) {
        server.swap(source.view(err, cacheSpecs, false));
      }
    } catch (RuntimeException e) {
      err.println("cachescope: cannot read the catalog (serving what was read last): " + Terminal.safe(e.getMessage()));
      err.flush();
    }
  }
}
