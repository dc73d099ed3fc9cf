package io.cachescope.cli;

import io.cachescope.store.Ingest;
import java.io.PrintStream;

/**
 * How {@code ingest} reports progress: on a terminal, one line redrawn in place (stacks done of
 * all, records per second, time left, bytes downloaded); otherwise a plain line per stack read,
 * for logs.
 */
final class IngestProgress implements Ingest.Progress {
  private final PrintStream err;
  private final boolean terminal;
  private final long started = System.nanoTime();
  private final long bytesAtStart = io.cachescope.mirror.Downloads.total();
  private long records;
  private long lastDrawn;

  IngestProgress(PrintStream err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  /** A terminal when the JVM has one and the error stream is the process's own. */
  static IngestProgress forStream(PrintStream err) {
    return new IngestProgress(err, err == System.err && System.console() != null);
  }

  @Override
  public void stack(String tag, String stack, int count, boolean unchanged, int done, int total) {
    records += count;
    if (!terminal) {
      if (!unchanged) {
        err.println(Terminal.safe(tag + "/" + stack) + ": " + count + " records");
      }
      return;
    }
    long now = System.nanoTime();
    if (done < total && now - lastDrawn < 200_000_000L) {
      return; // redraw at most five times a second
    }
    lastDrawn = now;
    double seconds = Math.max(0.001, (now - started) / 1e9);
    long left = Math.round(seconds / done * (total - done));
    long bytes = io.cachescope.mirror.Downloads.total() - bytesAtStart;
    err.print("\r\u001b[K" + line(done, total, records, seconds, left)
        + (bytes > 0 ? String.format(java.util.Locale.ROOT, " · %.1f MB downloaded", bytes / 1e6) : "") + (done == total ? "\n" : ""));
    err.flush();
  }

  /** The progress line: {@code 812/2236 stacks · 41,200 records/s · 1:05 left}. */
  static String line(int done, int total, long records, double seconds, long secondsLeft) {
    return String.format(java.util.Locale.ROOT, "ingest: %d/%d stacks · %,d records/s · %d:%02d left",
        done, total, Math.round(records / seconds), secondsLeft / 60, secondsLeft % 60);
  }
}
