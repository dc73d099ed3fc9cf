package io.cachescope.cli;

import io.cachescope.Json;

import io.cachescope.SourceException;
import io.cachescope.catalog.Catalog;
import io.cachescope.catalog.Tag;
import io.cachescope.query.SnapshotDiff;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cachescope diff A B}: what changed between two snapshots. */
@Command(
    name = "diff",
    description = "Packages and specs added, removed, bumped and rebuilt between two tags.",
    mixinStandardHelpOptions = true)
public final class DiffCommand implements Callable<Integer> {

  @Mixin SourceOptions source = new SourceOptions();

  @Parameters(index = "0", paramLabel = "TAG_A") String from;

  @Parameters(index = "1", paramLabel = "TAG_B") String to;

  @Option(names = "--package", paramLabel = "P", description = "Only this package, spec by spec.")
  String onlyPackage;

  @Option(names = "--json", description = "Machine-readable output (see README, 'JSON output').")
  boolean json;

  private final PrintStream out;
  private final PrintStream err;

  public DiffCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    if (!source.tags.isEmpty()) {
      throw new SourceOptions.UsageError("diff compares the two tags it is given; --tag does not apply");
    }
    Catalog catalog = source.read(err, false, List.of(from, to));
    Tag a = catalog.tag(from).orElseThrow(() -> new SourceException("--sources", from, "no such tag"));
    Tag b = catalog.tag(to).orElseThrow(() -> new SourceException("--sources", to, "no such tag"));
    SnapshotDiff diff = SnapshotDiff.compute(a, b, onlyPackage);
    out.print(json ? Json.write(diff) : Terminal.safe(text(diff)));
    return 0;
  }

  String text(SnapshotDiff diff) {
    StringBuilder b = new StringBuilder();
    long rebuilt = diff.packages().stream().mapToLong(p -> p.rebuilt().size()).sum();
    b.append(diff.from()).append(" -> ").append(diff.to()).append(": ")
        .append(diff.packages().size()).append(" packages changed, +")
        .append(diff.specsAdded()).append(" specs, -").append(diff.specsRemoved())
        .append(" specs, ").append(rebuilt).append(" rebuilt\n");
    for (SnapshotDiff.PackageChange p : diff.packages()) {
      char mark = p.kind() == SnapshotDiff.Kind.ADDED ? '+' : p.kind() == SnapshotDiff.Kind.REMOVED ? '-' : '~';
      b.append(mark).append(' ').append(p.name());
      if (p.versionsChanged()) {
        b.append("  versions ").append(String.join(",", p.versionsBefore()).isEmpty() ? "none" : String.join(",", p.versionsBefore()))
            .append(" -> ").append(p.versionsAfter().isEmpty() ? "none" : String.join(",", p.versionsAfter()));
      }
      b.append("  +").append(p.added().size()).append(" -").append(p.removed().size());
      if (!p.rebuilt().isEmpty()) {
        b.append(" rebuilt ").append(p.rebuilt().size());
      }
      if (!p.stacks().isEmpty()) {
        b.append("  [");
        boolean first = true;
        for (Map.Entry<String, SnapshotDiff.StackChange> s : p.stacks().entrySet()) {
          b.append(first ? "" : ", ").append(s.getKey());
          if (s.getValue().added() > 0) {
            b.append(" +").append(s.getValue().added());
          }
          if (s.getValue().removed() > 0) {
            b.append(" -").append(s.getValue().removed());
          }
          first = false;
        }
        b.append(']');
      }
      b.append('\n');
      if (onlyPackage != null) {
        p.added().forEach(s -> b.append("    + ").append(line(p.name(), s)).append('\n'));
        p.removed().forEach(s -> b.append("    - ").append(line(p.name(), s)).append('\n'));
        p.rebuilt().forEach(r -> b.append("    ~ ").append(r.oldHash(), 0, 7).append(" -> ")
            .append(r.newHash(), 0, 7).append(' ').append(r.configuration()).append('\n'));
      }
    }
    return b.toString();
  }

  private static String line(String name, SnapshotDiff.SpecRef s) {
    return s.hash().substring(0, 7) + " " + name + "@" + s.version() + " " + s.platform() + "-"
        + s.os() + "-" + s.target() + " " + s.compilers() + " (" + String.join(",", s.stacks()) + ")";
  }
}
