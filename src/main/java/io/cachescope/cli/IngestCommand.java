package io.cachescope.cli;

import io.cachescope.mirror.Sources;
import io.cachescope.store.CatalogStore;
import io.cachescope.store.Ingest;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cachescope ingest}: brings the catalog database up to date with the sources. */
@Command(
    name = "ingest",
    description = "Read every tag and stack of the sources into the catalog (SQLite by default, or PostgreSQL).",
    mixinStandardHelpOptions = true)
public final class IngestCommand implements Callable<Integer> {

  @Mixin SourceOptions source = new SourceOptions();

  /** The embedded catalog every command uses when ingest is not told otherwise. */
  static final String DEFAULT_DB = "cachescope.db";

  @Option(names = "--prune", description = "Stop publishing the catalog's tags that the sources no longer name (with --vacuum, free their rows).")
  boolean prune;

  @Option(names = "--vacuum", description = "Afterwards, delete specs and generations nothing points at any more.")
  boolean vacuum;

  private final PrintStream out;
  private final PrintStream err;

  public IngestCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    // --db is the catalog, as for every command; ingest writes it (cachescope.db when not given).
    String target = source.db != null ? source.db : DEFAULT_DB;
    Sources sources = source.resolve().only(source.tags);
    try (CatalogStore store = CatalogStore.open(target)) {
      Ingest.Report r = Ingest.run(sources, store, source.reader(err, false), IngestProgress.forStream(err));
      if (source.tags.isEmpty()) {
        // Tags the sources dropped stay published unless asked: say which, either way.
        java.util.List<String> named = sources.tags().stream().map(Sources.TagSource::name).toList();
        java.util.List<String> others = store.tags().stream().filter(t -> !named.contains(t)).toList();
        if (!others.isEmpty()) {
          if (prune) {
            others.forEach(store::unpublish);
          }
          err.println((prune ? "pruned " : "kept ") + others.size() + " tags the sources no longer name"
              + (prune ? "" : " (--prune drops them)") + ": " + String.join(", ", others));
        }
      }
      if (vacuum) {
        store.vacuum();
      }
      out.println("ingested " + r.tags() + " tags into " + target + ": " + r.stacksRead() + " stacks read ("
          + r.records() + " records), " + r.stacksUnchanged() + " unchanged"
          + (r.failures().isEmpty() ? "" : ", " + r.failures().size() + " failed (kept as they were)"));
      r.failures().forEach(f -> err.println("cachescope: error: " + f));
      return r.failures().isEmpty() ? 0 : 1;
    }
  }
}
