package io.cachescope.cli;

import io.cachescope.catalog.Catalog;
import io.cachescope.render.SiteWriter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cachescope pages}: cache.spack.io's generated files, byte for byte. */
@Command(
    name = "pages",
    description = "Write cache.spack.io's _cache/<tag>/<package>/specs.md pages, tags.yaml and tag pages.",
    mixinStandardHelpOptions = true)
public final class PagesCommand implements Callable<Integer> {

  @Mixin SourceOptions source = new SourceOptions();

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Output folder (replaced whole at the end).")
  Path out;

  @Option(names = "--sizes", description = "Fill 'size' with the install tarball's bytes where a v3 manifest gives them (reads every spec manifest).")
  boolean sizes;

  private final PrintStream out2;
  private final PrintStream err;

  public PagesCommand(PrintStream out, PrintStream err) {
    this.out2 = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    Catalog catalog = io.cachescope.render.SiteWriterNames.writable(source.read(err, sizes), out, err::println);
    int pages = SiteWriter.write(catalog, out, sizes);
    out2.println("wrote " + pages + " pages for " + catalog.tags().size() + " tags to " + out);
    return 0;
  }
}
