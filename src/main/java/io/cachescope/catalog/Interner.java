package io.cachescope.catalog;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Shares equal immutable values (strings, lists, variants, edges) between specs. A develop index
 * repeats the same few thousand names, versions, variants and feature lists hundreds of thousands
 * of times; keeping one copy of each is what lets 400,000 records fit in a small heap.
 */
public final class Interner {
  private final ConcurrentHashMap<Object, Object> values = new ConcurrentHashMap<>();

  @SuppressWarnings("unchecked")
  public <T> T intern(T value) {
    if (value == null) {
      return null;
    }
    Object existing = values.get(value);
    if (existing != null) {
      return (T) existing;
    }
    existing = values.putIfAbsent(value, value);
    return existing == null ? value : (T) existing;
  }

  public int size() {
    return values.size();
  }
}
