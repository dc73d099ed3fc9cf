package io.cachescope.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code cachescope} launcher: wires the subcommands by hand. */
@Command(
    name = "cachescope",
    mixinStandardHelpOptions = true,
    version = "cachescope 0.1.0",
    description = "What is prebuilt in Spack binary build caches.",
    subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  @Override
  public void run() {
    CommandLine.usage(this, System.out);
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }
}
