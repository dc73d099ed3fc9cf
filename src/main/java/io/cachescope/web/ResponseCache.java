package io.cachescope.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Rendered responses by URL. Pages are pure functions of the catalog and the URL, so a response
 * is kept until the catalog is swapped. Bounded in bytes: cleared when full, so a flood of
 * distinct URLs cannot grow the heap.
 */
final class ResponseCache {
  private final long maxBytes;
  private final AtomicReference<Map<String, Response>> entries = new AtomicReference<>(new ConcurrentHashMap<>());
  private final AtomicLong bytes = new AtomicLong();

  ResponseCache(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** The response of {@code url}, rendered first when it is not there yet. */
  Response get(String url, Supplier<Response> render) {
    Map<String, Response> map = entries.get();
    Response r = map.get(url);
    if (r == null) {
      r = render.get();
      long size = r.body().length + (r.gzip() == null ? 0 : r.gzip().length) + url.length();
      if (bytes.addAndGet(size) > maxBytes) {
        map.clear();
        bytes.set(size);
      }
      map.put(url, r);
    }
    return r;
  }

  /** Forgets everything (the catalog changed). */
  void clear() {
    entries.set(new ConcurrentHashMap<>());
    bytes.set(0);
  }
}
