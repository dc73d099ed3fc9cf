package io.cachescope.store;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * The same suite on PostgreSQL. CI starts a throwaway server (.ci/setup-postgres.sh) and sets
 * CACHESCOPE_TEST_PG_URL; without it (a developer machine) these tests are skipped.
 */
class PostgresStoreTest extends StoreContract {
  @Override
  String freshDatabase() throws Exception {
    String url = System.getenv("CACHESCOPE_TEST_PG_URL");
    if (System.getenv("CI") != null) {
      org.assertj.core.api.Assertions.assertThat(url).as("CI must provide PostgreSQL").isNotBlank();
    }
    assumeTrue(url != null && !url.isBlank(), "CACHESCOPE_TEST_PG_URL is not set");
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS public CASCADE");
      s.execute("CREATE SCHEMA public");
    }
    return url;
  }

  /** Two separate processes reading one PostgreSQL catalog print the same listing. */
  @org.junit.jupiter.api.Test
  void twoProcessesAnswerTheSameQueryTheSameWay() throws Exception {
    String name;
    try (CatalogStore store = CatalogStore.open(db)) {
      Ingest.run(sources, store, reader(), m -> {});
      name = store.loadTag("develop-2025-03-30").orElseThrow().union().values().stream()
          .filter(s -> s.inBuildcache()).findFirst().orElseThrow().name();
    }
    String java = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
    java.util.List<String> outputs = new java.util.ArrayList<>();
    java.util.List<Process> children = new java.util.ArrayList<>();
    for (int i = 0; i < 2; i++) {
      children.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), "io.cachescope.cli.Main",
          "list", "-a", "-l", "-v", "--db", db, name).redirectErrorStream(true).start());
    }
    for (Process p : children) {
      outputs.add(new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
      org.assertj.core.api.Assertions.assertThat(p.waitFor()).isZero();
    }
    org.assertj.core.api.Assertions.assertThat(outputs.get(0)).isEqualTo(outputs.get(1)).contains(" " + name + "@");
  }
}
