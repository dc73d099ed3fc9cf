package io.cachescope.web;

import io.javalin.http.Context;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * Load limits, checked before any route: per client address at most {@code perSecond} requests
 * a second (429 past it; 0 turns it off), and at most {@code maxConcurrent} requests in flight
 * (503 past it, instead of queueing without bound). Both answer with Retry-After.
 */
final class Limits {
  private static final String PERMIT = "cachescope.permit";

  private final Semaphore inFlight;
  private final int perSecond;
  // Per client address: the current one-second window and its request count.
  private final Map<String, long[]> windows = new ConcurrentHashMap<>();

  Limits(int maxConcurrent, int perSecond) {
    this.inFlight = new Semaphore(maxConcurrent);
    this.perSecond = perSecond;
  }

  /** Admits the request, or answers it with 429 or 503 and skips the routes. */
  void before(Context ctx) {
    if (overRate(ctx.ip())) {
      refuse(ctx, 429, "too many requests, retry shortly");
    } else if (!inFlight.tryAcquire()) {
      refuse(ctx, 503, "busy, retry shortly");
    } else {
      ctx.attribute(PERMIT, Boolean.TRUE);
    }
  }

  void after(Context ctx) {
    if (Boolean.TRUE.equals(ctx.attribute(PERMIT))) {
      inFlight.release();
    }
  }

  private static void refuse(Context ctx, int status, String message) {
    ctx.header("Retry-After", "1");
    ctx.status(status);
    ctx.skipRemainingHandlers();
    ctx.result(message);
  }

  private boolean overRate(String client) {
    if (perSecond <= 0) {
      return false;
    }
    long second = System.nanoTime() / 1_000_000_000L;
    if (windows.size() > 100_000) {
      windows.clear(); // bounded memory under a flood of addresses
    }
    long[] w = windows.computeIfAbsent(client, k -> new long[] {second, 0});
    synchronized (w) {
      if (w[0] != second) {
        w[0] = second;
        w[1] = 0;
      }
      return ++w[1] > perSecond;
    }
  }
}
