package io.cachescope.mirror;

import io.cachescope.SourceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.GZIPInputStream;

/**
 * Reads mirrors over HTTP(S) with the JDK client: timeouts; retries with exponential backoff and
 * jitter on 5xx, 429 (honouring Retry-After), resets and truncated bodies; and conditional
 * requests: a fetched file is kept with its ETag in the cache folder, and the next request sends
 * {@code If-None-Match}, so an unchanged index is not downloaded again. Bodies go to disk, never
 * whole into memory: indices can be hundreds of megabytes.
 */
public final class HttpTransport implements Transport {

  private final HttpClient client;
  private final TransportOptions options;

  public HttpTransport(TransportOptions options) {
    this.options = options;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(options.connectTimeout())
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();
  }

  @Override
  public Optional<Body> get(URI uri) throws IOException {
    Reply reply = fetch(uri, Map.of());
    int status = reply.status();
    if (status == 200) {
      return Optional.of(reply.body());
    }
    if (status == 404 || status == 403 || status == 410) {
      return Optional.empty(); // S3 answers 403 for a key that does not exist
    }
    throw new SourceException(uri.toString(), "", "HTTP " + status);
  }

  /**
   * What one request brought: its status and headers, and for 200 its body (saved to disk).
   * A 304 from the cache is a 200 with the cached body.
   */
  public record Reply(int status, HttpHeaders headers, Body body) {}

  /**
   * Requests {@code uri} with {@code headers}, retrying 5xx, 429, resets and truncated bodies;
   * returns any other answer for the caller to judge (a registry's 401 carries its challenge).
   */
  public Reply fetch(URI uri, Map<String, String> headers) throws IOException {
    Path cached = options.cacheDir() == null ? null : cacheFile(uri);
    String etag = cached == null ? null : readEtag(cached);
    String last = "no attempt";
    for (int attempt = 1; attempt <= options.maxAttempts(); attempt++) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(uri)
              .timeout(options.requestTimeout())
              .header("Accept-Encoding", "gzip")
              .header("User-Agent", "cachescope");
      headers.forEach(request::header);
      if (etag != null && Files.isRegularFile(cached)) {
        request.header("If-None-Match", etag);
      }
      Path temp = Files.createTempFile(tempDir(), "fetch-", ".part");
      Duration wait = null;
      try {
        HttpResponse<InputStream> response =
            client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        int status = response.statusCode();
        if (status == 200) {
          download(response.body(), temp, uri);
        } else {
          response.body().close();
        }
        if (status == 304 && etag != null && Files.isRegularFile(cached)) {
          Files.deleteIfExists(temp);
          return new Reply(200, response.headers(), open(uri, cached, etag));
        }
        if (status == 429 || status >= 500) {
          last = "HTTP " + status;
          wait = retryAfter(response);
        } else if (status != 200) {
          Files.deleteIfExists(temp);
          return new Reply(status, response.headers(), null);
        } else {
          long expected = response.headers().firstValueAsLong("Content-Length").orElse(-1);
          long got = Files.size(temp);
          if (expected >= 0 && got != expected) {
            last = "truncated body (" + got + " of " + expected + " bytes)";
          } else {
            boolean gzip =
                response.headers().firstValue("Content-Encoding").map(e -> e.equalsIgnoreCase("gzip")).orElse(false);
            if (gzip) {
              temp = gunzip(temp, uri);
            }
            String newTag = response.headers().firstValue("ETag").orElse(null);
            if (cached != null && newTag != null) {
              Files.createDirectories(cached.getParent());
              Files.move(temp, cached, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
              Files.writeString(etagFile(cached), newTag, StandardCharsets.UTF_8);
              return new Reply(200, response.headers(), open(uri, cached, newTag));
            }
            return new Reply(200, response.headers(), openTemporary(uri, temp, newTag));
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        Files.deleteIfExists(temp);
        throw new InterruptedIOException("interrupted while fetching " + uri);
      } catch (IOException e) {
        last = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      }
      Files.deleteIfExists(temp);
      if (attempt < options.maxAttempts()) {
        sleep(wait != null ? wait : backoff(attempt));
      }
    }
    throw new SourceException(uri.toString(), "", last + " after " + options.maxAttempts() + " attempts");
  }

  /** Watches every transfer: one that stalls or runs past its deadline has its body closed. */
  private static final java.util.concurrent.ScheduledExecutorService WATCHDOG =
      java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fetch-watchdog");
        t.setDaemon(true);
        return t;
      });

  /**
   * Copies a body to {@code file} within the transfer limits: the whole-transfer deadline, the
   * stall timeout (no byte for that long) and the size cap. A body past the cap is an error
   * (not retried); a deadline or stall is an IOException like any broken transfer.
   */
  private void download(InputStream body, Path file, URI uri) throws IOException {
    long start = System.nanoTime();
    long[] lastByte = {start};
    String[] why = {null};
    java.util.concurrent.ScheduledFuture<?> watch = WATCHDOG.scheduleAtFixedRate(() -> {
      long now = System.nanoTime();
      if (now - start > options.fetchTimeout().toNanos()) {
        why[0] = "transfer took longer than " + options.fetchTimeout();
      } else if (now - lastByte[0] > options.stallTimeout().toNanos()) {
        why[0] = "no data for " + options.stallTimeout();
      } else {
        return;
      }
      try {
        body.close();
      } catch (IOException e) {
        // closing is all we want
      }
    }, 200, 200, java.util.concurrent.TimeUnit.MILLISECONDS);
    try (InputStream in = body; java.io.OutputStream out = Files.newOutputStream(file)) {
      byte[] buf = new byte[1 << 16];
      long total = 0;
      for (int n; (n = in.read(buf)) >= 0; ) {
        lastByte[0] = System.nanoTime();
        total += n;
        Downloads.add(n);
        if (total > options.maxDownloadBytes()) {
          throw new SourceException(uri.toString(), "", "larger than " + (options.maxDownloadBytes() >> 20)
              + " MiB; not downloaded (--max-index-size raises the limit)");
        }
        out.write(buf, 0, n);
      }
    } catch (IOException e) {
      throw why[0] != null ? new IOException(why[0], e) : e;
    } finally {
      watch.cancel(false);
    }
    if (why[0] != null) {
      throw new IOException(why[0]);
    }
  }

  @Override
  public List<URI> list(URI directory) {
    return List.of(); // plain HTTP has no listing; S3Transport adds one
  }

  private Duration retryAfter(HttpResponse<?> response) {
    Optional<String> header = response.headers().firstValue("Retry-After");
    if (header.isEmpty()) {
      return null;
    }
    try {
      Duration d = Duration.ofSeconds(Long.parseLong(header.get().strip()));
      return d.compareTo(options.maxRetryAfter()) > 0 ? options.maxRetryAfter() : d;
    } catch (NumberFormatException e) {
      return null; // an HTTP date: fall back to our own backoff
    }
  }

  private Duration backoff(int attempt) {
    long base = options.backoff().toMillis() << Math.min(10, attempt - 1);
    return Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base / 2 + 1));
  }

  private static void sleep(Duration d) throws InterruptedIOException {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    }
  }

  private Path tempDir() throws IOException {
    if (options.cacheDir() != null) {
      return Files.createDirectories(options.cacheDir().resolve("tmp"));
    }
    return Path.of(System.getProperty("java.io.tmpdir"));
  }

  private Path cacheFile(URI uri) {
    byte[] sha = MirrorReader.sha256().digest(uri.toString().getBytes(StandardCharsets.UTF_8));
    String key = HexFormat.of().formatHex(sha);
    return options.cacheDir().resolve("http").resolve(key.substring(0, 2)).resolve(key);
  }

  private static Path etagFile(Path cached) {
    return cached.resolveSibling(cached.getFileName() + ".etag");
  }

  private static String readEtag(Path cached) {
    try {
      Path f = etagFile(cached);
      return Files.isRegularFile(f) ? Files.readString(f, StandardCharsets.UTF_8).strip() : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static Body open(URI uri, Path file, String etag) throws IOException {
    return new Body(uri.toString(), Files.newInputStream(file), Files.size(file), etag);
  }

  /** A body read from a temporary file that is deleted when the body is closed. */
  private static Body openTemporary(URI uri, Path file, String etag) throws IOException {
    InputStream in =
        new java.io.FilterInputStream(Files.newInputStream(file)) {
          @Override
          public void close() throws IOException {
            super.close();
            Files.deleteIfExists(file);
          }
        };
    return new Body(uri.toString(), in, Files.size(file), etag);
  }

  /** Inflates a body sent with {@code Content-Encoding: gzip}, no further than the download cap. */
  private Path gunzip(Path file, URI uri) throws IOException {
    Path out = file.resolveSibling(file.getFileName() + ".gunzip");
    try (InputStream in = Compression.capped(new GZIPInputStream(Files.newInputStream(file)), options.maxDownloadBytes(), uri.toString())) {
      Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
    } catch (SourceException | IOException e) {
      Files.deleteIfExists(out);
      Files.deleteIfExists(file);
      throw e;
    }
    Files.delete(file);
    return out;
  }
}
