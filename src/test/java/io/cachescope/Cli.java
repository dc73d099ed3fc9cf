package io.cachescope;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the cachescope command line in a child JVM (for kill -9 and multi-process tests). */
public final class Cli {
  private Cli() {}

  public static ProcessBuilder command(String... args) {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.cachescope.cli.Main"));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd);
  }

  /** Starts it with stdout and stderr written to files in {@code dir}. */
  public static Process start(Path dir, String... args) throws IOException {
    return command(args)
        .redirectOutput(new File(dir.resolve("child.out").toString()))
        .redirectError(new File(dir.resolve("child.err").toString()))
        .start();
  }
}
