package io.cachescope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachescope.Fixtures;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cachescope serve}: what it reads, and options refused before it starts. */
class ServeCommandTest {

  @TempDir Path tmp;

  @Test
  void aBadRefreshIsOneLineAndExitOneBeforeAnyPortIsBound() {
    CliRun.Result r = CliRun.run("serve", "--refresh", "abc", "--port", "0",
        "--mirror", Fixtures.path("fixtures/spack-v3/v3_migrated_unsigned").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).contains("--refresh").contains("'abc'");
    assertThat(r.out()).doesNotContain("serving");
  }

  @Test
  void aTagFilterOnADatabaseAloneIsRefusedNotIgnored() throws Exception {
    Path db = tmp.resolve("t.db");
    String mirror = Fixtures.path("fixtures/spack-v3/v3_migrated_unsigned").toString();
    assertThat(CliRun.run("ingest", "--mirror", mirror, "--db", db.toString()).code()).isZero();
    CliRun.Result r = CliRun.run("serve", "--port", "0", "--db", db.toString(), "--tag", "mirror");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).contains("--tag");
    assertThat(r.out()).doesNotContain("serving");
  }

  @Test
  void aMirrorAndADatabaseServeTheMirrorAfterIngestingIt() throws Exception {
    Path db = tmp.resolve("c.db");
    String mirror = Fixtures.path("fixtures/spack-v3/v3_migrated_unsigned").toString();
    BackgroundServe serving = BackgroundServe.start("serve", "--port", "0", "--mirror", mirror, "--db", db.toString());
    assertThat(serving.specs()).isEqualTo(6);
    HttpResponse<String> home = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(serving.base() + "api/tags")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.body()).contains("\"mirror\"");
    assertThat(Files.size(db)).as("the mirror was ingested into --db").isPositive();
    CliRun.Result listed = CliRun.run("list", "-a", "-l", "--db", db.toString());
    assertThat(listed.out()).isEqualTo(
        CliRun.run("list", "-a", "-l", "--mirror", mirror).out());
  }

  @Test
  void portsAndAddressesThatCannotWorkAreOneLine() throws Exception {
    String mirror = Fixtures.path("fixtures/spack-v3/v3_migrated_unsigned").toString();
    CliRun.Result range = CliRun.run("serve", "--port", "99999", "--mirror", mirror);
    assertThat(range.code()).isEqualTo(1);
    assertThat(range.err()).contains("--port 99999 is out of range").hasLineCount(1);
    CliRun.Result bind = CliRun.run("serve", "--bind", "no-such-host.invalid", "--port", "0", "--mirror", mirror);
    assertThat(bind.code()).isEqualTo(1);
    assertThat(bind.err()).contains("--bind").hasLineCount(1);
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      CliRun.Result inUse = CliRun.run("serve", "--port", String.valueOf(taken.getLocalPort()), "--mirror", mirror);
      assertThat(inUse.code()).isEqualTo(1);
      assertThat(inUse.err()).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort()).hasLineCount(1);
    }
  }

  @Test
  void aFailedRefreshIsLoggedShownInTheApiAndRetried() throws Exception {
    Path mirror = Fixtures.copy("fixtures/spack-v3/v3_migrated_unsigned", tmp.resolve("m"));
    Path manifest = mirror.resolve("v3/manifests/index/index.manifest.json");
    String good = Files.readString(manifest);
    BackgroundServe serving = BackgroundServe.start("serve", "--port", "0", "--refresh", "1s", "--mirror", mirror.toString());
    ByteArrayOutputStream out = serving.log();
    String base = serving.base();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Files.writeString(manifest, "{ this is not json");
    String home = "";
    while (!home.contains("malformed manifest")) {
      assertThat(System.nanoTime()).as("no refresh error shown: " + home).isLessThan(deadline);
      Thread.sleep(200);
      home = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "api/home")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("refresh failed (serving the last good catalog)");
    Files.writeString(manifest, good);
    while (home.contains("malformed manifest")) {
      assertThat(System.nanoTime()).as("the refresh did not recover: " + home).isLessThan(deadline + Duration.ofSeconds(30).toNanos());
      Thread.sleep(200);
      home = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "api/home")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
    }
    assertThat(home).contains("\"last_error\":null");
  }
}
