package io.cachescope.cli;

import io.cachescope.Json;

import io.cachescope.catalog.Catalog;
import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Union;
import io.cachescope.catalog.Interner;
import io.cachescope.catalog.Lockfile;
import io.cachescope.mirror.LockfileReader;
import io.cachescope.query.Coverage;
import io.cachescope.query.Host;
import io.cachescope.query.Microarchitectures;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cachescope coverage spack.lock}: which specs of an environment come from binaries. */
@Command(
    name = "coverage",
    description = "For each concrete spec of a spack.lock: cached, a compatible binary, or missing.",
    mixinStandardHelpOptions = true)
public final class CoverageCommand implements Callable<Integer> {

  @Mixin SourceOptions source = new SourceOptions();

  @Parameters(index = "0", paramLabel = "LOCKFILE") Path lockfile;

  @Option(names = "--host", paramLabel = "HOST",
      description = "Count a binary as usable when it installs on this host ('auto' or 'os=... target=...'); by default, when it suits the platform, OS and target of the lockfile's own spec.")
  String host;

  @Option(names = "--sizes", description = "Read every v3 spec manifest to learn download sizes (one request per spec).")
  boolean sizes;

  @Option(names = "--json", description = "Machine-readable output (see README, 'JSON output').")
  boolean json;

  private final PrintStream out;
  private final PrintStream err;

  public CoverageCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    Lockfile lock = new LockfileReader(new Interner()).read(lockfile);
    Catalog catalog = source.read(err, sizes);
    Union cache = catalog.union();
    Coverage coverage = Coverage.compute(lock, cache, host == null ? null : Host.parse(host), Microarchitectures.builtin());
    out.print(json ? Json.write(coverage) : Terminal.safe(text(coverage)));
    return 0;
  }

  String text(Coverage c) {
    Coverage.Totals t = c.totals();
    StringBuilder b = new StringBuilder();
    b.append(lockfile).append(": ").append(t.specs()).append(" specs: ")
        .append(t.cached()).append(" cached, ")
        .append(t.compatible()).append(" with a compatible binary, ")
        .append(t.missing()).append(" to build from source, ")
        .append(t.external()).append(" external");
    b.append("; download ").append(human(t.downloadBytes()));
    if (t.unknownSizes() > 0) {
      b.append(" (").append(t.unknownSizes()).append(" sizes unknown)");
    }
    b.append('\n');
    for (Coverage.Entry e : c.entries()) {
      b.append(String.format("%-11s %s %s@%s", e.status().name().toLowerCase(java.util.Locale.ROOT),
          e.hash().substring(0, Math.min(7, e.hash().length())), e.name(), e.version()));
      if (e.alternative() != null) {
        b.append("  -> /").append(e.alternative(), 0, 7);
      }
      b.append('\n');
    }
    return b.toString();
  }

  static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int i = -1;
    while (v >= 1024 && i < units.length - 1) {
      v /= 1024;
      i++;
    }
    return String.format(java.util.Locale.ROOT, "%.1f %s", v, units[i]);
  }
}
