package io.cachescope.mirror;

import io.cachescope.catalog.BuildCacheIndex;
import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Dependency;
import io.cachescope.catalog.IndexSource;
import io.cachescope.catalog.Membership;
import io.cachescope.catalog.Union;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the indices of one mirror say together while they are read (a v3 and a v2 index, or
 * spec files of both layouts): a hash several of them hold is one record with every layout.
 */
final class MergedIndex {
  // The first index's own maps, taken as they are: most mirrors have one large index.
  private Map<String, ConcreteSpec> specs = new LinkedHashMap<>();
  private Map<String, Membership> memberships = new LinkedHashMap<>();
  private final List<IndexSource> sources = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final List<Set<String>> unresolved = new ArrayList<>();

  /** Adds one index's records; the maps of the first one added become this mirror's. */
  void add(MirrorReader.ReadIndex read) {
    sources.add(read.source());
    unresolved.add(read.unresolved());
    warnings.addAll(read.warnings());
    if (specs.isEmpty() && memberships.isEmpty()) {
      specs = read.specs();
      memberships = read.memberships();
    } else {
      Union.addTo(specs, memberships, read.specs(), read.memberships());
    }
  }

  /** Whether no index (nor listing of spec files) was added yet. */
  boolean isEmpty() {
    return sources.isEmpty();
  }

  Map<String, ConcreteSpec> specs() {
    return specs;
  }

  Map<String, Membership> memberships() {
    return memberships;
  }

  void warn(String warning) {
    warnings.add(warning);
  }

  /** The mirror as read, with a warning when records depend on hashes no index holds. */
  BuildCacheIndex toIndex(String display) {
    danglingWarning();
    return new BuildCacheIndex(display, sources, specs, memberships, warnings);
  }

  /**
   * Spack warns about records whose dependencies are not in the index; so do we. What each
   * index could not resolve itself (usually nothing) makes the common case free: no lookup per edge.
   */
  private void danglingWarning() {
    if (!unresolved.contains(null)
        && unresolved.stream().allMatch(m -> m.stream().allMatch(specs::containsKey))) {
      return;
    }
    int count = 0;
    String first = null;
    for (ConcreteSpec s : specs.values()) {
      for (Dependency d : s.dependencies()) {
        if (!specs.containsKey(d.hash())) {
          if (first == null) {
            first = s.name() + "/" + s.hash() + " depends on " + d.name() + "/" + d.hash();
          }
          count++;
        }
      }
    }
    if (count > 0) {
      warnings.add(
          "missing dependency not in the index: "
              + first
              + (count > 1 ? " (and " + (count - 1) + " more)" : ""));
    }
  }
}
