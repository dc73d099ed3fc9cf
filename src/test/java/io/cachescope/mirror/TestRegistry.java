package io.cachescope.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;

/**
 * A real OCI registry for the tests: Debian's {@code docker-registry} (the CNCF distribution
 * registry) on a loopback port, storing in a temporary folder, anonymous or with {@code auth:
 * token} trusting a {@link TokenService}. Without the binary the test is skipped, except in CI,
 * which installs it (.ci/setup-registry.sh).
 */
public final class TestRegistry implements AutoCloseable {

  static final Path BINARY = Path.of("/usr/bin/docker-registry");

  private final Process process;
  public final Path storage;
  public final String hostPort;

  private TestRegistry(Process process, Path storage, String hostPort) {
    this.process = process;
    this.storage = storage;
    this.hostPort = hostPort;
  }

  /** Skips the test (or fails it in CI) when the registry is not installed. */
  public static void assumeInstalled() {
    boolean present = Files.isExecutable(BINARY);
    if (System.getenv("CI") != null) {
      assertThat(present).as("CI must install docker-registry (.ci/setup-registry.sh)").isTrue();
    }
    Assumptions.assumeTrue(present, "docker-registry is not installed (apt-get install docker-registry)");
  }

  public static TestRegistry anonymous(Path dir) throws IOException, InterruptedException {
    return start(dir, "");
  }

  /** A registry that takes only bearer tokens the service signs. */
  public static TestRegistry withTokens(Path dir, TokenService tokens) throws IOException, InterruptedException {
    return start(dir, """
        auth:
          token:
            realm: %s
            service: %s
            issuer: %s
            rootcertbundle: %s
        """.formatted(tokens.realm(), TokenService.SERVICE, TokenService.ISSUER, tokens.certificate()));
  }

  private static TestRegistry start(Path dir, String auth) throws IOException, InterruptedException {
    assumeInstalled();
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path storage = Files.createDirectories(dir.resolve("registry-data"));
    Path config = dir.resolve("registry.yml");
    Files.writeString(config, """
        version: 0.1
        log:
          level: error
          accesslog:
            disabled: true
        storage:
          filesystem:
            rootdirectory: %s
        http:
          addr: 127.0.0.1:%d
          secret: cachescope-tests
        """.formatted(storage, port) + auth);
    Process p = new ProcessBuilder(BINARY.toString(), "serve", config.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("registry.log").toFile())
        .start();
    TestRegistry r = new TestRegistry(p, storage, "127.0.0.1:" + port);
    r.awaitReady(dir.resolve("registry.log"));
    return r;
  }

  private void awaitReady(Path log) throws IOException, InterruptedException {
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("docker-registry exited: " + Files.readString(log));
      }
      try {
        int status = client.send(HttpRequest.newBuilder(URI.create("http://" + hostPort + "/v2/")).build(),
            HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status == 200 || status == 401) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    throw new IllegalStateException("docker-registry did not start: " + Files.readString(log));
  }

  /** {@code oci+http://host:port/REPO}. */
  public String url(String repository) {
    return "oci+http://" + hostPort + "/" + repository;
  }

  /** The file the registry keeps a blob in (to corrupt it, as a broken disk would). */
  public Path blobFile(String digest) {
    String hex = digest.substring("sha256:".length());
    return storage.resolve("docker/registry/v2/blobs/sha256/" + hex.substring(0, 2) + "/" + hex + "/data");
  }

  @Override
  public void close() {
    process.destroy();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
