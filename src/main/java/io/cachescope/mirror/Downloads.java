package io.cachescope.mirror;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes downloaded by this process, over every transport and thread: what a progress line shows.
 * Only counted, never used to decide anything.
 */
public final class Downloads {
  private static final AtomicLong BYTES = new AtomicLong();

  private Downloads() {}

  static void add(long bytes) {
    BYTES.addAndGet(bytes);
  }

  public static long total() {
    return BYTES.get();
  }
}
