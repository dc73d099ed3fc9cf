package io.cachescope.web;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * A bounded map that forgets the least recently used entries first, weighed by entry. Plain LRU
 * on purpose: the records of one package are read together and used together at once, which a
 * frequency-based cache (Caffeine's TinyLFU) refuses to admit when a package is large, reading
 * them again on every use. Thread-safe; every operation is a few map steps under one lock.
 */
final class LruCache<K, V> {
  private final long maxWeight;
  private final ToIntFunction<V> weigher;
  private long weight;
  private final LinkedHashMap<K, V> map = new LinkedHashMap<>(1024, 0.75f, true);

  LruCache(long maxWeight, ToIntFunction<V> weigher) {
    this.maxWeight = maxWeight;
    this.weigher = weigher;
  }

  synchronized V get(K key) {
    return map.get(key);
  }

  synchronized void put(K key, V value) {
    V old = map.put(key, value);
    if (old != null) {
      weight -= weigher.applyAsInt(old);
    }
    weight += weigher.applyAsInt(value);
    var it = map.entrySet().iterator();
    while (weight > maxWeight && it.hasNext()) {
      Map.Entry<K, V> eldest = it.next();
      if (eldest.getKey().equals(key)) {
        break; // never the entry just put
      }
      weight -= weigher.applyAsInt(eldest.getValue());
      it.remove();
    }
  }

  synchronized void putAll(Map<K, V> entries) {
    entries.forEach(this::put);
  }
}
