package io.cachescope.cli;

import io.cachescope.Json;

import io.cachescope.catalog.Catalog;
import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Union;
import io.cachescope.query.Explain;
import io.cachescope.query.Host;
import io.cachescope.query.Microarchitectures;
import io.cachescope.query.SpecConstraint;
import io.cachescope.query.SpecParser;
import io.cachescope.catalog.SpecFormat;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code cachescope explain SPEC}: is it prebuilt, and if not, what comes closest and why. */
@Command(
    name = "explain",
    description = "Show the binaries matching a spec, or the closest ones and what differs.",
    mixinStandardHelpOptions = true)
public final class ExplainCommand implements Callable<Integer> {

  @Mixin SourceOptions source = new SourceOptions();

  @Parameters(index = "0", paramLabel = "SPEC", description = "A constraint in Spack spec syntax (quote it).")
  String spec;

  @Option(names = "--host", paramLabel = "HOST", description = "Also require that it installs here: 'auto' or 'os=... target=... [platform=...]'.")
  String host;

  @Option(names = "--limit", defaultValue = "5", description = "How many near misses to show (default ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--json", description = "Machine-readable output.")
  boolean json;

  private final PrintStream out;
  private final PrintStream err;

  public ExplainCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  /** One spec as explain prints it. */
  record Shown(String hash, String spec, String arch, String compilers, java.util.List<String> differences) {}

  @Override
  public Integer call() {
    SpecConstraint want = SpecParser.parse(spec);
    Catalog catalog = source.read(err, false);
    Union all = catalog.union();
    Host on = host == null ? null : Host.parse(host);
    Explain.Result r = Explain.explain(want, all, Microarchitectures.builtin(), on, limit);
    if (json) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("query", want.toString());
      doc.put("matches", r.matches().stream().map(n -> shown(n, all)).toList());
      doc.put("nearest", r.nearest().stream().map(n -> shown(n, all)).toList());
      doc.put("suggestions", r.suggestions());
      out.print(Json.write(doc));
      return r.matches().isEmpty() ? 1 : 0;
    }
    if (!r.matches().isEmpty()) {
      out.println(r.matches().size() + " prebuilt " + (r.matches().size() == 1 ? "binary matches" : "binaries match") + " " + want + ":");
      r.matches().forEach(n -> out.println("  " + Terminal.safe(line(shown(n, all)))));
      return 0;
    }
    out.println("No prebuilt binary matches " + want + (on == null ? "" : " on " + on) + ".");
    if (!r.nearest().isEmpty()) {
      out.println("Closest:");
      for (Explain.Near n : r.nearest()) {
        Shown s = shown(n, all);
        out.println("  " + Terminal.safe(line(s)));
        s.differences().forEach(d -> out.println("      - " + Terminal.safe(d)));
      }
    } else if (!r.suggestions().isEmpty()) {
      out.println("The cache has no package " + want.name() + ". Did you mean: " + Terminal.safe(String.join(", ", r.suggestions())) + "?");
    } else if (want.name() != null) {
      out.println("The cache has no package " + want.name() + ".");
    }
    return 1;
  }

  private static Shown shown(Explain.Near n, Union all) {
    ConcreteSpec s = n.spec();
    return new Shown(s.hash(), s.name() + "@" + s.version() + SpecFormat.variants(s.variants(), SpecFormat.Style.SPACK_1),
        s.architecture(), SpecFormat.compilers(s, all::get), n.differences());
  }

  private static String line(Shown s) {
    return s.hash().substring(0, 7) + " " + s.spec() + "  " + s.arch() + " " + s.compilers();
  }
}
