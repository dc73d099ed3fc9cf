package io.cachescope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A {@code serve} command running in this JVM's background (it serves until the JVM exits). */
record BackgroundServe(ByteArrayOutputStream log, int specs, String base) {

  /** Starts {@code args} and waits (up to 30 s) for its "serving N specs on URL" line. */
  static BackgroundServe start(String... args) throws InterruptedException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    Thread serving = new Thread(() -> Main.commandLine(o, o).execute(args));
    serving.setDaemon(true);
    serving.start();
    Matcher m = Pattern.compile("serving (\\d+) specs on (http://\\S+)").matcher("");
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!m.reset(out.toString(StandardCharsets.UTF_8)).find()) {
      assertThat(System.nanoTime()).as("serve did not start: " + out).isLessThan(deadline);
      Thread.sleep(50);
    }
    return new BackgroundServe(out, Integer.parseInt(m.group(1)), m.group(2));
  }
}
