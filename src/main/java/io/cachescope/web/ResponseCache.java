package io.cachescope.web;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Rendered responses by URL. Pages are pure functions of the catalog and the URL, so a response
 * is kept until the catalog is swapped. Bounded in bytes (the least useful go first), so a
 * flood of distinct URLs cannot grow the heap.
 */
final class ResponseCache {
  private final long maxBytes;
  private final AtomicReference<Cache<String, Response>> entries = new AtomicReference<>();

  ResponseCache(long maxBytes) {
    this.maxBytes = maxBytes;
    entries.set(fresh());
  }

  private Cache<String, Response> fresh() {
    return Caffeine.newBuilder().maximumWeight(maxBytes)
        .<String, Response>weigher((url, r) -> (int) Math.min(Integer.MAX_VALUE,
            r.body().length + (r.gzip() == null ? 0 : r.gzip().length) + url.length()))
        .build();
  }

  /**
   * The response of {@code url}, rendered first when it is not there yet (outside the cache's
   * locks: a slow page must not hold up others).
   */
  Response get(String url, Supplier<Response> render) {
    Cache<String, Response> cache = entries.get();
    Response r = cache.getIfPresent(url);
    if (r == null) {
      r = render.get();
      cache.put(url, r);
    }
    return r;
  }

  /** Forgets everything (the catalog changed). */
  void clear() {
    entries.set(fresh());
  }
}
