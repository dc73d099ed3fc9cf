package io.cachescope.web;

/** {@link StoreViewContract} on an SQLite file. */
class SqliteStoreViewTest extends StoreViewContract {
  @Override
  String freshDatabase() {
    return tmp.resolve("catalog.db").toString();
  }
}
