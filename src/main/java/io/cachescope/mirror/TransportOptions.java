package io.cachescope.mirror;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How mirrors are fetched: timeouts, retries, limits and the local cache of conditional
 * requests. Immutable; change one setting with the {@code with...} methods.
 *
 * @param requestTimeout how long to wait for a response's headers
 * @param fetchTimeout how long one whole transfer may take, body included
 * @param stallTimeout how long a body may send nothing before the transfer is dropped
 * @param maxDownloadBytes the most bytes one download may bring
 * @param cacheDir where fetched files and their ETags are kept (null: no cache)
 * @param s3Endpoint HTTPS endpoint for {@code s3://} buckets other than spack-binaries (null:
 *     {@code https://<bucket>.s3.amazonaws.com})
 * @param ociCredentials the login for OCI registries, or null for anonymous pulls
 */
public record TransportOptions(
    Duration connectTimeout,
    Duration requestTimeout,
    Duration fetchTimeout,
    Duration stallTimeout,
    long maxDownloadBytes,
    int maxAttempts,
    Duration backoff,
    Duration maxRetryAfter,
    Path cacheDir,
    String s3Endpoint,
    OciCredentials ociCredentials) {

  public static TransportOptions defaults() {
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path cache =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg, "cachescope")
            : Path.of(System.getProperty("user.home"), ".cache", "cachescope");
    return new TransportOptions(
        Duration.ofSeconds(10), Duration.ofMinutes(2), Duration.ofMinutes(30), Duration.ofSeconds(60),
        MirrorReader.Options.DEFAULT_MAX_INDEX_BYTES, 5, Duration.ofMillis(200), Duration.ofSeconds(30), cache, null, null);
  }

  public TransportOptions withCacheDir(Path value) {
    return new TransportOptions(connectTimeout, requestTimeout, fetchTimeout, stallTimeout, maxDownloadBytes,
        maxAttempts, backoff, maxRetryAfter, value, s3Endpoint, ociCredentials);
  }

  public TransportOptions withS3Endpoint(String value) {
    return new TransportOptions(connectTimeout, requestTimeout, fetchTimeout, stallTimeout, maxDownloadBytes,
        maxAttempts, backoff, maxRetryAfter, cacheDir, value, ociCredentials);
  }

  public TransportOptions withRetries(int attempts, Duration base, Duration maxWait) {
    return new TransportOptions(connectTimeout, requestTimeout, fetchTimeout, stallTimeout, maxDownloadBytes,
        attempts, base, maxWait, cacheDir, s3Endpoint, ociCredentials);
  }

  public TransportOptions withTimeouts(Duration connect, Duration request) {
    return new TransportOptions(connect, request, fetchTimeout, stallTimeout, maxDownloadBytes,
        maxAttempts, backoff, maxRetryAfter, cacheDir, s3Endpoint, ociCredentials);
  }

  /** A whole-transfer deadline and a stall timeout. */
  public TransportOptions withTransferLimits(Duration fetch, Duration stall, long maxBytes) {
    return new TransportOptions(connectTimeout, requestTimeout, fetch, stall, maxBytes,
        maxAttempts, backoff, maxRetryAfter, cacheDir, s3Endpoint, ociCredentials);
  }

  public TransportOptions withOciCredentials(OciCredentials value) {
    return new TransportOptions(connectTimeout, requestTimeout, fetchTimeout, stallTimeout, maxDownloadBytes,
        maxAttempts, backoff, maxRetryAfter, cacheDir, s3Endpoint, value);
  }
}
