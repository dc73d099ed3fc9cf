package io.cachescope.cli;

import io.cachescope.catalog.Catalog;
import io.cachescope.store.CatalogStore;
import io.cachescope.store.Ingest;
import io.cachescope.web.CatalogView;
import io.cachescope.web.Server;
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

  @Option(names = "--refresh", paramLabel = "DURATION", description = "Re-read the catalog this often in the background (e.g. 1h, 15m); with --sources, re-ingest into --into first.")
  String refresh;

  @Option(names = "--into", paramLabel = "URL", description = "With --sources: ingest into this catalog (default: keep the catalog in memory only).")
  String into;

  @Option(names = "--mirror-url", paramLabel = "URL", description = "The mirror URL install commands name (default: the first stack of the first tag).")
  String mirrorUrl;

  @Option(names = "--max-concurrent", defaultValue = "64", description = "Requests in flight before answering 503 (default ${DEFAULT-VALUE}).")
  int maxConcurrent;

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
    CatalogView view = load();
    String url = mirrorUrl != null ? mirrorUrl : defaultMirror();
    Server server = new Server(view, url, maxConcurrent).rateLimit(rateLimit);
    int bound = server.start(bind, port);
    out.println("cachescope serving " + view.specCount() + " specs on http://" + bind + ":" + bound + "/");
    out.flush();
    ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor();
    if (refresh != null) {
      long seconds = parse(refresh).toSeconds();
      refresher.scheduleWithFixedDelay(() -> {
        try {
          server.swap(load());
        } catch (RuntimeException e) {
          // A failed refresh keeps serving the last good catalog.
          err.println("refresh failed: " + e.getMessage());
        }
      }, seconds, seconds, TimeUnit.SECONDS);
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

  private CatalogView load() {
    if (into != null && source.sources != null) {
      try (CatalogStore store = CatalogStore.open(into)) {
        Ingest.run(source.resolve(), store, source.reader(err), err::println);
      }
      SourceOptions fromDb = new SourceOptions();
      fromDb.db = into;
      fromDb.tags = source.tags;
      return new CatalogView(fromDb.read(err, false));
    }
    Catalog catalog = source.read(err, false);
    return new CatalogView(catalog);
  }

  private String defaultMirror() {
    if (!source.mirrors.isEmpty()) {
      return source.mirrors.get(0);
    }
    return "https://binaries.spack.io/develop";
  }

  static Duration parse(String text) {
    String t = text.strip().toLowerCase(java.util.Locale.ROOT);
    long n = Long.parseLong(t.replaceAll("[^0-9]", ""));
    return t.endsWith("h") ? Duration.ofHours(n) : t.endsWith("m") ? Duration.ofMinutes(n) : Duration.ofSeconds(n);
  }
}
