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
}
