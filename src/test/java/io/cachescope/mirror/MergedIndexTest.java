package io.cachescope.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachescope.Specs;
import io.cachescope.catalog.BuildCacheIndex;
import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Dependency;
import io.cachescope.catalog.IndexSource;
import io.cachescope.catalog.Layout;
import io.cachescope.catalog.Membership;
import io.cachescope.catalog.SignatureState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MergedIndexTest {
  private static final String A = "a".repeat(32);
  private static final String B = "b".repeat(32);
  private static final String C = "c".repeat(32);

  private static MirrorReader.ReadIndex read(Layout layout, Set<String> unresolved, ConcreteSpec... records) {
    Map<String, ConcreteSpec> specs = new LinkedHashMap<>();
    Map<String, Membership> held = new LinkedHashMap<>();
    for (ConcreteSpec s : records) {
      specs.put(s.hash(), s);
      held.put(s.hash(), Membership.of(true, layout.bit(), -1, SignatureState.UNSIGNED));
    }
    IndexSource source = new IndexSource("mem:" + layout, layout, 8, null, null, specs.size(), Instant.EPOCH);
    return new MirrorReader.ReadIndex(source, specs, held, unresolved, new ArrayList<>());
  }

  private static ConcreteSpec dependingOn(String hash, String name, String dep) {
    ConcreteSpec s = Specs.spec(hash, name, List.of());
    return new ConcreteSpec(s.hash(), s.name(), s.version(), s.namespace(), s.platform(), s.os(), s.target(),
        null, s.variants(), s.flags(), List.of(new Dependency("zlib", dep, 1, List.of())), false, null, 5, null);
  }

  @Test
  void aHashBothLayoutsHoldIsOneRecordWithBothLayouts() {
    MergedIndex merged = new MergedIndex();
    merged.add(read(Layout.V3, Set.of(), Specs.spec(A, "zlib", List.of())));
    merged.add(read(Layout.V2, Set.of(), Specs.spec(A, "zlib", List.of()), Specs.spec(B, "bzip2", List.of())));
    BuildCacheIndex index = merged.toIndex("mem:");
    assertThat(index.specs()).containsOnlyKeys(A, B);
    assertThat(index.membership(A).layouts()).isEqualTo(Layout.V3.bit() | Layout.V2.bit());
    assertThat(index.sources()).hasSize(2);
    assertThat(index.warnings()).isEmpty();
  }

  @Test
  void anEdgeOneIndexCouldNotResolveIsFineWhenAnotherHoldsIt() {
    MergedIndex merged = new MergedIndex();
    merged.add(read(Layout.V3, Set.of(A), dependingOn(B, "libpng", A)));
    merged.add(read(Layout.V2, Set.of(), Specs.spec(A, "zlib", List.of())));
    assertThat(merged.toIndex("mem:").warnings()).isEmpty();
  }

  @Test
  void anEdgeNoIndexHoldsIsWarnedAboutOnce() {
    MergedIndex merged = new MergedIndex();
    merged.add(read(Layout.V3, Set.of(C), dependingOn(B, "libpng", C), dependingOn(A, "libtiff", C)));
    assertThat(merged.toIndex("mem:").warnings()).containsExactly(
        "missing dependency not in the index: libpng/" + B + " depends on zlib/" + C + " (and 1 more)");
  }

  @Test
  void listingsThatCollectNoHashesAreCheckedEdgeByEdge() {
    MergedIndex merged = new MergedIndex();
    merged.add(read(Layout.V2, null, dependingOn(B, "libpng", C)));
    assertThat(merged.toIndex("mem:").warnings()).hasSize(1);
  }
}
