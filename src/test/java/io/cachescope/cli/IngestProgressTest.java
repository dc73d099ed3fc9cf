package io.cachescope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IngestProgressTest {

  @Test
  void theTerminalLineSaysStacksRateAndTimeLeft() {
    assertThat(IngestProgress.line(812, 2236, 4_120_000, 100, 175)).isEqualTo("ingest: 812/2236 stacks · 41,200 records/s · 2:55 left");
  }

  @Test
  void withoutATerminalEachStackReadIsALineAndUnchangedOnesAreQuiet() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    IngestProgress p = new IngestProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
    p.stack("v1.0.0", "e4s", 420, false, 1, 3);
    p.stack("v1.0.0", "hep", 0, true, 2, 3);
    p.stack("v1.0.0", "x\u001b[2J", 7, false, 3, 3);
    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("v1.0.0/e4s: 420 records\nv1.0.0/x\\u001b[2J: 7 records\n");
  }

  @Test
  void onATerminalTheLineIsRedrawnInPlaceAndEndsWithANewline() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    IngestProgress p = new IngestProgress(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
    p.stack("v1.0.0", "e4s", 420, false, 1, 2);
    p.stack("v1.0.0", "hep", 10, false, 2, 2);
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out).startsWith("\r\u001b[Kingest: 1/2 stacks").endsWith("left\n").contains("\r\u001b[Kingest: 2/2 stacks");
  }
}
