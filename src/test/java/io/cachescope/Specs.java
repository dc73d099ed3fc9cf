package io.cachescope;

import io.cachescope.catalog.BuildCacheIndex;
import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Membership;
import io.cachescope.catalog.SignatureState;
import io.cachescope.catalog.Stack;
import io.cachescope.catalog.Union;
import io.cachescope.catalog.Variant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Specs, indices and stacks built in memory, for tests that need a few hand-made records. */
public final class Specs {
  private Specs() {}

  /** A spec with defaults for everything but its hash, name and variants. */
  public static ConcreteSpec spec(String hash, String name, List<Variant> variants) {
    return new ConcreteSpec(hash, name, "1.0", "builtin", "linux", "ubuntu22.04", "x86_64_v3", null,
        variants, Map.of(), List.of(), false, null, 5, null);
  }

  /** An index that holds the binary of every one of these records, unsigned. */
  public static BuildCacheIndex index(String url, Collection<ConcreteSpec> specs) {
    Map<String, ConcreteSpec> byHash = new LinkedHashMap<>();
    Map<String, Membership> held = new LinkedHashMap<>();
    for (ConcreteSpec s : specs) {
      byHash.put(s.hash(), s);
      held.put(s.hash(), Membership.of(true, 0, -1, SignatureState.UNSIGNED));
    }
    return new BuildCacheIndex(url, List.of(), byHash, held, List.of());
  }

  public static Stack stack(String label, ConcreteSpec... specs) {
    return new Stack(label, "mem:", index("mem:", List.of(specs)));
  }

  /** The union of a real index read from a fixture (records marked not in the cache kept so). */
  public static Union union(BuildCacheIndex index) {
    return new Union().add(index);
  }
}
