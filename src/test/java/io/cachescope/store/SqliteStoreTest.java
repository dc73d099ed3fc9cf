package io.cachescope.store;

class SqliteStoreTest extends StoreContract {
  @Override
  String freshDatabase() {
    return tmp.resolve("catalog.db").toString();
  }
}
