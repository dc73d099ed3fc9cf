package io.cachescope.mirror;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How mirrors are fetched: timeouts, retries and the local cache of conditional requests.
 * Immutable; change one setting with the {@code with...} methods.
 *
 * @param cacheDir where fetched files and their ETags are kept (null: no cache)
 * @param s3Endpoint HTTPS endpoint for {@code s3://} buckets other than spack-binaries (null:
 *     {@code https://<bucket>.s3.amazonaws.com})
 */
public record TransportOptions(
    Duration connectTimeout,
    Duration requestTimeout,
    int maxAttempts,
    Duration backoff,
    Duration maxRetryAfter,
    Path cacheDir,
    String s3Endpoint) {

  public static TransportOptions defaults() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path cache =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg, "cachescope")
            : Path.of(System.getProperty("user.home"), ".cache", "cachescope");
    return new TransportOptions(
        Duration.ofSeconds(10), Duration.ofMinutes(10), 5, Duration.ofMillis(200),
        Duration.ofSeconds(30), cache, null);
  }

  public TransportOptions withCacheDir(Path value) {
    return new TransportOptions(connectTimeout, requestTimeout, maxAttempts, backoff, maxRetryAfter, value, s3Endpoint);
  }

  public TransportOptions withS3Endpoint(String value) {
    return new TransportOptions(connectTimeout, requestTimeout, maxAttempts, backoff, maxRetryAfter, cacheDir, value);
  }

  public TransportOptions withRetries(int attempts, Duration base, Duration maxWait) {
    return new TransportOptions(connectTimeout, requestTimeout, attempts, base, maxWait, cacheDir, s3Endpoint);
  }

  public TransportOptions withTimeouts(Duration connect, Duration request) {
    return new TransportOptions(connect, request, maxAttempts, backoff, maxRetryAfter, cacheDir, s3Endpoint);
  }
}
