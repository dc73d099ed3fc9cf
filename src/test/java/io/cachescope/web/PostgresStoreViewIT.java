package io.cachescope.web;

import io.cachescope.store.TestPostgres;

/** {@link StoreViewContract} on a real PostgreSQL ({@link TestPostgres}): never skipped. */
class PostgresStoreViewIT extends StoreViewContract {
  @Override
  String freshDatabase() throws Exception {
    return TestPostgres.emptied();
  }
}
