package io.cachescope.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.cachescope.SourceException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registry client against a registry that misbehaves on purpose. */
class OciRegistryTest {

  /** A response the fake registry gives for a path: status, headers, body. */
  record Answer(int status, Map<String, String> headers, byte[] body) {
    static Answer json(String body) {
      return new Answer(200, Map.of("Content-Type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
    }
  }

  HttpServer server;
  final Map<String, List<Answer>> routes = new ConcurrentHashMap<>();
  final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
  @TempDir Path dir;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  /** Answers in turn; the last answer repeats. */
  void route(String pathAndQuery, Answer... answers) {
    routes.put(pathAndQuery, List.of(answers));
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String key = ex.getRequestURI().getRawPath() + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
      int n = hits.computeIfAbsent(key, k -> new AtomicInteger()).getAndIncrement();
      List<Answer> answers = routes.get(key);
      if (answers == null) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      Answer a = answers.get(Math.min(n, answers.size() - 1));
      a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v.replace("$HOST", host())));
      ex.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
      if (a.body().length > 0) {
        try (OutputStream out = ex.getResponseBody()) {
          out.write(a.body());
        }
      }
    }
  }

  String host() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  OciRegistry registry(OciCredentials login) {
    TransportOptions t = TransportOptions.defaults().withCacheDir(dir).withRetries(3, Duration.ofMillis(5), Duration.ofMillis(20));
    return new OciRegistry(OciReference.parse("oci+http://" + host() + "/r/c"), new HttpTransport(t), login, dir);
  }

  static String manifest(String configDigest, String... layers) {
    StringBuilder l = new StringBuilder();
    for (String layer : layers) {
      l.append(l.length() == 0 ? "" : ",").append("{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\",\"digest\":\"")
          .append(layer).append("\",\"size\":7}");
    }
    return "{\"schemaVersion\":2,\"mediaType\":\"" + OciRegistry.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
        + configDigest + "\",\"size\":2},\"layers\":[" + l + "]}";
  }

  static final String D1 = "sha256:" + "1".repeat(64);

  @Test
  void retries429And500ThenReads() throws Exception {
    route("/v2/r/c/manifests/index.spack", new Answer(429, Map.of("Retry-After", "0"), new byte[0]),
        new Answer(500, Map.of(), new byte[0]), Answer.json(manifest(D1, D1)));
    OciRegistry.Image image = registry(null).image("index.spack").orElseThrow();
    assertThat(image.layers()).hasSize(1);
    assertThat(hits.get("/v2/r/c/manifests/index.spack").get()).isEqualTo(3);
  }

  @Test
  void aRegistryThatKeepsFailingIsOneErrorNamingTheRepository() {
    route("/v2/r/c/manifests/index.spack", new Answer(503, Map.of(), new byte[0]));
    assertThatThrownBy(() -> registry(null).image("index.spack")).isInstanceOf(SourceException.class)
        .hasMessageContaining("oci+http://" + host() + "/r/c").hasMessageContaining("HTTP 503 after 3 attempts");
  }

  @Test
  void followsTheBearerChallengeAndSendsTheLoginAsBasicToTheRealm() throws Exception {
    route("/v2/r/c/manifests/index.spack",
        new Answer(401, Map.of("WWW-Authenticate", "Bearer realm=\"http://$HOST/token\",service=\"reg\",scope=\"repository:r/c:pull\""), new byte[0]),
        Answer.json(manifest(D1, D1)));
    route("/token?service=reg&scope=repository%3Ar%2Fc%3Apull", Answer.json("{\"access_token\":\"abc\"}"));
    Map<String, String> auth = new ConcurrentHashMap<>();
    server.removeContext("/");
    server.createContext("/", ex -> {
      auth.put(ex.getRequestURI().getPath(), String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
      handle(ex);
    });
    assertThat(registry(new OciCredentials("me", "pw")).image("index.spack")).isPresent();
    assertThat(auth.get("/token")).isEqualTo(new OciCredentials("me", "pw").basic());
    assertThat(auth.get("/v2/r/c/manifests/index.spack")).isEqualTo("Bearer abc");
  }

  @Test
  void aBasicChallengeWithoutALoginAsksForOne() {
    route("/v2/r/c/tags/list?n=1000", new Answer(401, Map.of("WWW-Authenticate", "Basic realm=\"registry\""), new byte[0]));
    assertThatThrownBy(() -> registry(null).tags()).isInstanceOf(SourceException.class)
        .hasMessageContaining("--oci-username");
  }

  @Test
  void wrongCredentialsAreRefusedWithoutShowingThem() {
    route("/v2/r/c/tags/list?n=1000", new Answer(401, Map.of("WWW-Authenticate", "Basic realm=\"registry\""), new byte[0]));
    assertThatThrownBy(() -> registry(new OciCredentials("me", "hunter2")).tags()).isInstanceOf(SourceException.class)
        .hasMessageContaining("refused the credentials of me").satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
    assertThat(new OciCredentials("me", "hunter2").toString()).doesNotContain("hunter2");
  }

  @Test
  void followsTagPagesByLink() throws Exception {
    route("/v2/r/c/tags/list?n=1000", new Answer(200, Map.of("Link", "</v2/r/c/tags/list?last=b&n=1000>; rel=\"next\""),
        "{\"name\":\"r/c\",\"tags\":[\"a\",\"b\"]}".getBytes(StandardCharsets.UTF_8)));
    route("/v2/r/c/tags/list?last=b&n=1000", Answer.json("{\"name\":\"r/c\",\"tags\":[\"c\"]}"));
    assertThat(registry(null).tags()).containsExactly("a", "b", "c");
  }

  @Test
  void aTagPageThatLinksToItselfStopsWithAnErrorNotAHang() {
    route("/v2/r/c/tags/list?n=1000", new Answer(200, Map.of("Link", "</v2/r/c/tags/list?n=1000>; rel=\"next\""),
        "{\"tags\":[\"a\"]}".getBytes(StandardCharsets.UTF_8)));
    assertThatThrownBy(() -> registry(null).tags()).isInstanceOf(SourceException.class).hasMessageContaining("loop");
  }

  @Test
  void anImageIndexResolvesToItsLinuxImage() throws Exception {
    String body = manifest(D1, D1, D1);
    String digest = OciRegistry.sha256(body.getBytes(StandardCharsets.UTF_8));
    route("/v2/r/c/manifests/zlib-1.3-h.spack", Answer.json("{\"schemaVersion\":2,\"mediaType\":\"" + OciRegistry.OCI_INDEX
        + "\",\"manifests\":[{\"digest\":\"sha256:" + "3".repeat(64) + "\",\"platform\":{\"os\":\"unknown\"}},"
        + "{\"digest\":\"" + digest + "\",\"platform\":{\"os\":\"linux\",\"architecture\":\"amd64\"}}]}"));
    route("/v2/r/c/manifests/" + digest, Answer.json(body));
    assertThat(registry(null).image("zlib-1.3-h.spack").orElseThrow().layers()).hasSize(2);
  }

  @Test
  void aManifestServedForADigestMustHaveThatDigest() {
    String wrong = "sha256:" + "4".repeat(64);
    route("/v2/r/c/manifests/" + wrong, Answer.json(manifest(D1, D1)));
    assertThatThrownBy(() -> registry(null).image(wrong)).isInstanceOf(SourceException.class).hasMessageContaining("digest mismatch");
  }

  @Test
  void malformedWrongTypeAndHugeManifestsAreClearErrors() {
    route("/v2/r/c/manifests/a", Answer.json("{\"schemaVersion\":2,\"config\":"));
    route("/v2/r/c/manifests/b", Answer.json("{\"schemaVersion\":1,\"mediaType\":\"application/vnd.docker.distribution.manifest.v1+prettyjws\"}"));
    route("/v2/r/c/manifests/c", Answer.json("[1,2]"));
    route("/v2/r/c/manifests/d", Answer.json("{\"schemaVersion\":2,\"mediaType\":\"" + OciRegistry.OCI_MANIFEST + "\",\"config\":{\"digest\":\"md5:x\"},\"layers\":[]}"));
    route("/v2/r/c/manifests/e", new Answer(200, Map.of(), new byte[Body.MAX_SMALL_FILE + 10]));
    assertThatThrownBy(() -> registry(null).image("a")).isInstanceOf(SourceException.class).hasMessageContaining("malformed JSON");
    assertThatThrownBy(() -> registry(null).image("b")).isInstanceOf(SourceException.class).hasMessageContaining("not an image manifest");
    assertThatThrownBy(() -> registry(null).image("c")).isInstanceOf(SourceException.class).hasMessageContaining("not a JSON object");
    assertThatThrownBy(() -> registry(null).image("d")).isInstanceOf(SourceException.class).hasMessageContaining("not a sha256 digest");
    assertThatThrownBy(() -> registry(null).image("e")).isInstanceOf(SourceException.class).hasMessageContaining("larger than 64 MiB");
  }

  @Test
  void aRedirectLoopIsAnErrorNotAHang() {
    route("/v2/r/c/manifests/index.spack", new Answer(302, Map.of("Location", "http://$HOST/v2/r/c/manifests/index.spack"), new byte[0]));
    assertThatThrownBy(() -> registry(null).image("index.spack")).isInstanceOf(SourceException.class)
        .hasMessageContaining("r/c").hasMessageContaining("redirect");
  }

  @Test
  void a403IsAccessDenied() {
    route("/v2/r/c/manifests/index.spack", new Answer(403, Map.of(), new byte[0]));
    assertThatThrownBy(() -> registry(null).image("index.spack")).isInstanceOf(SourceException.class).hasMessageContaining("access denied (403)");
  }

  @Test
  void readsChallengeParameters() {
    assertThat(OciRegistry.challengeParameters("Bearer realm=\"https://ghcr.io/token\",service=\"ghcr.io\",scope=\"repository:a/b:pull\""))
        .containsEntry("realm", "https://ghcr.io/token").containsEntry("service", "ghcr.io").containsEntry("scope", "repository:a/b:pull");
  }
}
