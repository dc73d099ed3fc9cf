package io.cachescope.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Everything one mirror holds: its records by hash (every layout merged, in the order first read;
 * dependency records that are not in the cache included) and where they came from.
 */
public record BuildCacheIndex(
    String url, List<IndexSource> sources, Map<String, ConcreteSpec> specs, List<String> warnings) {

  public BuildCacheIndex {
    sources = List.copyOf(sources);
    specs = java.util.Collections.unmodifiableMap(specs);
    warnings = List.copyOf(warnings);
  }

  public ConcreteSpec get(String hash) {
    return specs.get(hash);
  }

  public Collection<ConcreteSpec> all() {
    return specs.values();
  }
}
