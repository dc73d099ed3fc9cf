package io.cachescope.catalog;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Everything one mirror holds: its records by hash (every layout merged, in the order first read;
 * dependency records that are not in the cache included), what the mirror says of each (its
 * {@link Membership}, by the same hashes) and where they came from.
 */
public record BuildCacheIndex(
    String url,
    List<IndexSource> sources,
    Map<String, ConcreteSpec> specs,
    Map<String, Membership> memberships,
    List<String> warnings) {

  public BuildCacheIndex {
    url = io.cachescope.Secrets.redact(url);
    sources = List.copyOf(sources);
    specs = java.util.Collections.unmodifiableMap(specs);
    memberships = java.util.Collections.unmodifiableMap(memberships);
    warnings = List.copyOf(warnings);
  }

  public ConcreteSpec get(String hash) {
    return specs.get(hash);
  }

  public Membership membership(String hash) {
    return memberships.get(hash);
  }

  /** Whether this mirror holds the binary of the hash (not just a record of it). */
  public boolean inBuildcache(String hash) {
    Membership m = memberships.get(hash);
    return m != null && m.inBuildcache();
  }

  public Collection<ConcreteSpec> all() {
    return specs.values();
  }
}
