package io.cachescope.cli;

import io.cachescope.SourceException;
import java.io.PrintStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code cachescope} launcher: wires the subcommands by hand. */
@Command(
    name = "cachescope",
    mixinStandardHelpOptions = true,
    version = "cachescope 0.1.0",
    description = "What is prebuilt in Spack binary build caches.")
public final class Main implements Runnable {

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  /** Builds the command line with every subcommand, writing to the given streams. */
  public static CommandLine commandLine(PrintStream out, PrintStream err) {
    CommandLine cli = new CommandLine(new Main());
    cli.addSubcommand("list", new ListCommand(out, err));
    cli.addSubcommand("pages", new PagesCommand(out, err));
    cli.addSubcommand("ingest", new IngestCommand(out, err));
    cli.addSubcommand("explain", new ExplainCommand(out, err));
    cli.addSubcommand("diff", new DiffCommand(out, err));
    cli.addSubcommand("serve", new ServeCommand(out, err));
    cli.addSubcommand("site", new SiteCommand(out, err));
    cli.addSubcommand("coverage", new CoverageCommand(out, err));
    // A bad option value is one line and exit 1, like any other bad input, before anything starts.
    cli.setParameterExceptionHandler(
        (e, args) -> {
          String command = e.getCommandLine().getCommandName();
          err.println("cachescope: error: " + e.getMessage() + " (see 'cachescope "
              + (command.equals("cachescope") ? "" : command + " ") + "--help')");
          return 1;
        });
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof SourceException || e instanceof SourceOptions.UsageError
              || e instanceof io.cachescope.query.SpecSyntaxException) {
            err.println("cachescope: error: " + Terminal.safe(e.getMessage()));
            return 1;
          }
          // Anything else is a defect of ours; still one line, never a stack trace for a user.
          err.println("cachescope: internal error: " + e.getClass().getSimpleName() + ": "
              + Terminal.safe(io.cachescope.Secrets.redact(String.valueOf(e.getMessage()))) + " (please report it)");
          return 1;
        });
    return cli;
  }

  public static void main(String[] args) {
    System.exit(commandLine(System.out, System.err).execute(args));
  }
}
