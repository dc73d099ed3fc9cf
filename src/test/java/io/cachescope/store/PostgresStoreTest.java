package io.cachescope.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The same suite on PostgreSQL. CI starts a throwaway server (.ci/setup-postgres.sh) and sets
 * CACHESCOPE_TEST_PG_URL; without it (a developer machine) these tests are skipped, but under CI
 * its absence is a failure.
 */
class PostgresStoreTest extends StoreContract {
  @Override
  String freshDatabase() throws Exception {
    String url = System.getenv("CACHESCOPE_TEST_PG_URL");
    if (System.getenv("CI") != null) {
      assertThat(url).as("CI must provide PostgreSQL").isNotBlank();
    }
    assumeTrue(url != null && !url.isBlank(), "CACHESCOPE_TEST_PG_URL is not set");
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS public CASCADE");
      s.execute("CREATE SCHEMA public");
    }
    return url;
  }

  /** Two separate processes reading one PostgreSQL catalog print the same listing. */
  @Test
  void twoProcessesAnswerTheSameQueryTheSameWay() throws Exception {
    String name;
    try (CatalogStore store = CatalogStore.open(db)) {
      Ingest.run(sources, store, reader(), m -> {});
      var union = store.loadTag("develop-2025-03-30").orElseThrow().union();
      name = union.all().stream().filter(s -> union.inBuildcache(s.hash())).findFirst().orElseThrow().name();
    }
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> children = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      children.add(new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), "io.cachescope.cli.Main",
          "list", "-a", "-l", "-v", "--db", db, name).redirectErrorStream(true).start());
    }
    List<String> outputs = new ArrayList<>();
    for (Process p : children) {
      outputs.add(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      assertThat(p.waitFor()).isZero();
    }
    assertThat(outputs.get(0)).isEqualTo(outputs.get(1)).contains(" " + name + "@");
  }
}
