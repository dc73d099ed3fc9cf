package io.cachescope;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Figures of the reliability tests (inputs tried, faults injected, errors expected and seen,
 * data lost), one table row per test, collected into target/reliability.md; .ci/run prints it
 * and bench/reliability.md keeps a copy.
 */
public final class Reliability {
  private Reliability() {}

  public static synchronized void record(String test, String inputs, String faults, String expected, String seen, String lost) {
    Path file = Path.of("target", "reliability.md");
    try {
      Files.createDirectories(file.getParent());
      if (!Files.exists(file)) {
        Files.writeString(file, "| test | inputs | faults injected | errors expected | errors seen | data lost |\n|---|---|---|---|---|---|\n");
      }
      Files.writeString(file, String.join(" | ", "| " + test, inputs, faults, expected, seen, lost) + " |\n",
          StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
