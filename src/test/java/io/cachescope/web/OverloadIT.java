package io.cachescope.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachescope.Reliability;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Past its limit of requests in flight the server sheds load with 503 + Retry-After. */
class OverloadIT {

  @Test
  void aFloodGets503WithRetryAfterAndNothingElseFails() throws Exception {
    Server server = new Server(new MemoryView(WebFixtures.catalog()), "https://binaries.spack.io/develop", 2);
    int port = server.start("127.0.0.1", 0);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    int ok = 0;
    int shed = 0;
    int other = 0;
    int sent = 0;
    try {
      for (int round = 0; round < 5 && shed == 0; round++) {
        List<CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
          flood.add(http.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/package/develop-2025-03-30/libdwarf/?target=m1"))
              .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString()));
          sent++;
        }
        for (CompletableFuture<HttpResponse<String>> f : flood) {
          HttpResponse<String> r = f.get();
          if (r.statusCode() == 200) {
            ok++;
          } else if (r.statusCode() == 503 && r.headers().firstValue("Retry-After").isPresent()) {
            shed++;
          } else {
            other++;
          }
        }
      }
      // After the flood the server answers normally again.
      HttpResponse<String> after = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(after.statusCode()).isEqualTo(200);
    } finally {
      server.stop();
    }
    assertThat(other).isZero();
    assertThat(shed).as("a limit of 2 in flight must shed some of 200 parallel requests").isPositive();
    assertThat(ok).isPositive();
    Reliability.record("overload", sent + " parallel requests, limit 2 in flight", "-",
        "503 + Retry-After for the excess", ok + " served, " + shed + " shed, " + other + " other", "none");
  }

  @Test
  void oneClientPastItsRateGets429() throws Exception {
    Server server = new Server(new MemoryView(WebFixtures.catalog()), "https://binaries.spack.io/develop", 64).rateLimit(5);
    int port = server.start("127.0.0.1", 0);
    HttpClient http = HttpClient.newHttpClient();
    int ok = 0;
    int limited = 0;
    try {
      for (int i = 0; i < 30; i++) {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/tags")).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 429) {
          assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
          limited++;
        } else {
          assertThat(r.statusCode()).isEqualTo(200);
          ok++;
        }
      }
    } finally {
      server.stop();
    }
    // 30 requests in well under 6 seconds: at most 5 a second pass.
    assertThat(limited).isPositive();
    assertThat(ok).isGreaterThanOrEqualTo(5);
    Reliability.record("rate limit", "30 sequential requests from one address, limit 5/s", "-",
        "429 + Retry-After past the limit", ok + " served, " + limited + " limited", "-");
  }
}
