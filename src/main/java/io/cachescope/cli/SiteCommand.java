package io.cachescope.cli;

import io.cachescope.web.CatalogView;
import io.cachescope.web.SiteExport;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cachescope site}: the web UI as static files, for any file server or CDN. */
@Command(name = "site", description = "Export the web UI and its JSON as a static site.", mixinStandardHelpOptions = true)
public final class SiteCommand implements Callable<Integer> {

  @Mixin SourceOptions source = new SourceOptions();

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder (replaced whole at the end).")
  Path out;

  @Option(names = "--mirror-url", paramLabel = "URL",
      description = "The mirror URL every install command names (default: each tag's root stack URL, as recorded at ingest).")
  String mirrorUrl;

  @Option(names = "--spec-pages", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Write the details of every spec, for the spec page (default); --no-spec-pages leaves them out.")
  boolean specPages;

  private final PrintStream stdout;
  private final PrintStream err;

  public SiteCommand(PrintStream out, PrintStream err) {
    this.stdout = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    // From a catalog database through bounded caches (a million specs need not fit in memory).
    CatalogView view = source.db != null ? source.view(err, 50_000)
        : new io.cachescope.web.MemoryView(io.cachescope.render.SiteWriterNames.writable(source.read(err, false), out, err::println));
    SiteExport.Written w = SiteExport.write(view, mirrorUrl, out, specPages);
    stdout.println("wrote " + w.files() + " files (" + (w.bytes() >> 20) + " MB) to " + out);
    return 0;
  }
}
