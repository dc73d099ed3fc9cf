package io.cachescope.cli;

import io.cachescope.Json;

import io.cachescope.catalog.Catalog;
import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Union;
import io.cachescope.query.Host;
import io.cachescope.query.Microarchitectures;
import io.cachescope.query.SpecConstraint;
import io.cachescope.query.SpecParser;
import io.cachescope.render.BuildcacheList;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cachescope list}: what the mirrors hold, as {@code spack buildcache list} prints it. */
@Command(
    name = "list",
    description = "List cached specs, as `spack buildcache list` does.",
    mixinStandardHelpOptions = true)
public final class ListCommand implements Callable<Integer> {

  @Mixin SourceOptions source = new SourceOptions();

  @Option(names = {"-l", "--long"}, description = "Show the 7-character hash.")
  boolean longHash;

  @Option(names = {"-L", "--very-long"}, description = "Show the full hash.")
  boolean veryLongHash;

  @Option(names = {"-N", "--namespaces"}, description = "Show the namespace.")
  boolean namespaces;

  @Option(names = {"-v", "--variants"}, description = "Show variants.")
  boolean variants;

  @Option(names = {"-a", "--allarch"}, description = "List specs of every architecture.")
  boolean allarch;

  @Option(names = "--host", paramLabel = "HOST",
      description = "Without -a, list what installs on this host: 'auto' (default: this machine) or 'os=ubuntu22.04 target=zen3 [platform=linux]'.")
  String host;

  @Option(names = "--json", description = "Machine-readable output (see README, 'JSON output').")
  boolean json;

  @Parameters(paramLabel = "SPEC", description = "Only specs matching any of these.")
  List<String> constraints = new ArrayList<>();

  private final PrintStream out;
  private final PrintStream err;

  public ListCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    Catalog catalog = source.read(err, false);
    Union all = catalog.union();
    List<SpecConstraint> parsed = constraints.stream().map(SpecParser::parse).toList();
    Microarchitectures archspec = Microarchitectures.builtin();
    Host on = allarch ? null : Host.parse(host == null ? "auto" : host);
    List<ConcreteSpec> shown = new ArrayList<>();
    for (ConcreteSpec s : all.all()) {
      if ((all.inBuildcache(s.hash()) || s.external())
          && (on == null || on.installs(s, archspec))
          // Each argument is one constraint; a spec shows when it satisfies any, as in Spack.
          && (parsed.isEmpty() || parsed.stream().anyMatch(c -> c.matches(s, all::get, archspec)))) {
        shown.add(s);
      }
    }
    if (json) {
      out.print(Json.write(shown.stream().map(s -> ListedSpec.of(s, all)).toList()));
      out.flush();
      return 0;
    }
    boolean tty = System.console() != null;
    if (tty) {
      out.print("==> " + shown.size() + (shown.size() == 1 ? " cached build." : " cached builds.") + "\n");
    }
    // Tens of megabytes for a develop index: printed as rendered, not copied once more.
    out.print(BuildcacheList.render(
        shown,
        all.specs(),
        new BuildcacheList.Options(longHash, veryLongHash, namespaces, variants),
        tty,
        consoleWidth(),
        Terminal::safe));
    out.flush();
    return 0;
  }

  private static int consoleWidth() {
    try {
      return Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "80"));
    } catch (NumberFormatException e) {
      return 80;
    }
  }
}
