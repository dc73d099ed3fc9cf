package io.cachescope.web;

import io.cachescope.store.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/** {@link StoreViewContract} on a real PostgreSQL ({@link TestPostgres}): never skipped. */
class PostgresStoreViewIT extends StoreViewContract {
  @Override
  String freshDatabase() throws Exception {
    String url = TestPostgres.url();
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS public CASCADE");
      s.execute("CREATE SCHEMA public");
    }
    return url;
  }
}
