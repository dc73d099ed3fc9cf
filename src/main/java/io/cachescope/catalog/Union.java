package io.cachescope.catalog;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.ArrayList;

/**
 * The specs of several stacks (a tag) or tags (a catalog) taken together, as Spack merges the
 * indices of its mirrors: each hash once, its record from the first stack that lists it, its
 * {@link Membership} the {@link Membership#union} of what every stack says.
 */
public final class Union {
  // Until a second stack comes, these are the first stack's own read-only maps: a union of one
  // large index (a mirror's root) then costs nothing.
  private Map<String, ConcreteSpec> specs = new LinkedHashMap<>();
  private Map<String, Membership> memberships = new LinkedHashMap<>();
  private boolean borrowed;

  /** Adds what one stack lists; earlier stacks keep their records. */
  public Union add(BuildCacheIndex index) {
    if (specs.isEmpty()) {
      specs = index.specs();
      memberships = index.memberships();
      borrowed = true;
      return this;
    }
    own();
    addTo(specs, memberships, index.specs(), index.memberships());
    return this;
  }

  /** Adds another union; its records come after (and lose to) the ones already here. */
  public Union add(Union other) {
    own();
    addTo(specs, memberships, other.specs, other.memberships);
    return this;
  }

  private void own() {
    if (borrowed) {
      specs = new LinkedHashMap<>(specs);
      memberships = new LinkedHashMap<>(memberships);
      borrowed = false;
    }
  }

  /**
   * Adds records and what is said of them (by the same hashes) to {@code specs} and {@code
   * memberships}: a hash already there keeps its record, and the memberships are united.
   */
  public static void addTo(
      Map<String, ConcreteSpec> specs, Map<String, Membership> memberships,
      Map<String, ConcreteSpec> moreSpecs, Map<String, Membership> moreMemberships) {
    if (specs.isEmpty()) { // the first as it is: one bulk copy of a large index
      specs.putAll(moreSpecs);
      memberships.putAll(moreMemberships);
      return;
    }
    moreSpecs.forEach(specs::putIfAbsent);
    moreMemberships.forEach((h, m) -> memberships.merge(h, m, Membership::union));
  }

  public ConcreteSpec get(String hash) {
    return specs.get(hash);
  }

  public Membership membership(String hash) {
    return memberships.get(hash);
  }

  /** Whether any stack holds the binary of this hash. */
  public boolean inBuildcache(String hash) {
    Membership m = memberships.get(hash);
    return m != null && m.inBuildcache();
  }

  public boolean contains(String hash) {
    return specs.containsKey(hash);
  }

  /** Every record, in the order first listed (dependency-only records included). */
  public Collection<ConcreteSpec> all() {
    return specs.values();
  }

  /** The records by hash, read-only; for lookups of dependency nodes. */
  public Map<String, ConcreteSpec> specs() {
    return java.util.Collections.unmodifiableMap(specs);
  }

  /**
   * The records whose binary some stack holds, by package name in code point order (as Python
   * sorts), each package's records in the order first listed.
   */
  public Map<String, List<ConcreteSpec>> byPackage() {
    Map<String, List<ConcreteSpec>> out = new TreeMap<>(PyStrings.ORDER);
    for (ConcreteSpec s : specs.values()) {
      if (inBuildcache(s.hash())) {
        out.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
      }
    }
    return out;
  }

  public int size() {
    return specs.size();
  }
}
