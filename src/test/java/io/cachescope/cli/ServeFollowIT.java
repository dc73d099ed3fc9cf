package io.cachescope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachescope.Cli;
import io.cachescope.Fixtures;
import io.cachescope.store.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Servers on one catalog while a separate {@code ingest} process publishes into it: they keep
 * answering (the old state, then the new one, never an error or a step back) and show the new
 * tag within seconds, without a restart. On SQLite with one server, on PostgreSQL with two.
 */
class ServeFollowIT {

  @TempDir Path tmp;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void aServerOnSqliteShowsAnotherProcesssPublish() throws Exception {
    followWhileIngesting(tmp.resolve("catalog.db").toString(), 1);
  }

  @Test
  void twoServersOnOnePostgresqlShowAnotherProcesssPublish() throws Exception {
    followWhileIngesting(TestPostgres.emptied(), 2);
  }

  private void followWhileIngesting(String db, int servers) throws Exception {
    String unsigned = Fixtures.path("fixtures/spack-v3/v3_migrated_unsigned").toString();
    String signed = Fixtures.path("fixtures/spack-v3/v3_migrated_signed").toString();
    Path before = tmp.resolve("before.json");
    Files.writeString(before, "{\"old\": [{\"label\": \"root\", \"url\": \"" + unsigned + "\"}]}");
    Path after = tmp.resolve("after.json");
    Files.writeString(after, "{\"old\": [{\"label\": \"root\", \"url\": \"" + unsigned + "\"}],"
        + " \"new\": [{\"label\": \"root\", \"url\": \"" + signed + "\"}]}");
    assertThat(CliRun.run("ingest", "--sources", before.toString(), "--db", db).code()).isZero();

    List<String> bases = new ArrayList<>();
    for (int i = 0; i < servers; i++) {
      bases.add(BackgroundServe.start("serve", "--port", "0", "--rate-limit", "0", "--db", db).base());
    }
    String pkg = JSON.readTree(get(bases.get(0) + "api/tags/old/packages").body()).get(0).path("name").asText();
    List<String> problems = new CopyOnWriteArrayList<>();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> pollers = new ArrayList<>();
    List<AtomicBoolean> sawNew = new ArrayList<>();
    for (String base : bases) {
      AtomicBoolean seen = new AtomicBoolean();
      sawNew.add(seen);
      Thread t = new Thread(() -> {
        while (!stop.get()) {
          try {
            HttpResponse<String> tags = get(base + "api/tags");
            HttpResponse<String> page = get(base + "package/old/" + pkg + "/");
            if (tags.statusCode() != 200 || page.statusCode() != 200) {
              problems.add(base + ": " + tags.statusCode() + " / " + page.statusCode());
              continue;
            }
            List<String> names = new ArrayList<>();
            for (JsonNode tag : JSON.readTree(tags.body())) {
              names.add(tag.path("name").asText());
            }
            if (names.equals(List.of("old", "new"))) {
              seen.set(true);
            } else if (!names.equals(List.of("old")) || seen.get()) {
              problems.add(base + " listed " + names + (seen.get() ? " after the new state" : ""));
            }
          } catch (Exception e) {
            problems.add(base + ": " + e);
          }
        }
      });
      t.start();
      pollers.add(t);
    }
    Process ingest = Cli.start(tmp, "ingest", "--sources", after.toString(), "--db", db);
    assertThat(ingest.waitFor()).as(Files.readString(tmp.resolve("child.err"))).isZero();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (sawNew.stream().anyMatch(s -> !s.get()) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    stop.set(true);
    for (Thread t : pollers) {
      t.join();
    }
    assertThat(problems).isEmpty();
    assertThat(sawNew).allMatch(AtomicBoolean::get);
    for (String base : bases) {
      assertThat(get(base + "package/new/" + pkg + "/").statusCode()).isEqualTo(200);
    }
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
