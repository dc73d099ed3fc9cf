package io.cachescope.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachescope.Specs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnionTest {
  private static final String A = "a".repeat(32);
  private static final String B = "b".repeat(32);

  private static BuildCacheIndex index(String version, boolean aInCache, int layout, ConcreteSpec... more) {
    Map<String, ConcreteSpec> specs = new LinkedHashMap<>();
    Map<String, Membership> held = new LinkedHashMap<>();
    specs.put(A, withVersion(Specs.spec(A, "zlib", List.of()), version));
    held.put(A, Membership.of(aInCache, layout, -1, SignatureState.UNSIGNED));
    for (ConcreteSpec s : more) {
      specs.put(s.hash(), s);
      held.put(s.hash(), Membership.of(true, layout, -1, SignatureState.UNSIGNED));
    }
    return new BuildCacheIndex("mem:" + version, List.of(), specs, held, List.of());
  }

  private static ConcreteSpec withVersion(ConcreteSpec s, String version) {
    return new ConcreteSpec(s.hash(), s.name(), version, s.namespace(), s.platform(), s.os(), s.target(),
        s.legacyCompiler(), s.variants(), s.flags(), s.dependencies(), s.external(), s.externalPath(),
        s.specfileVersion(), s.packageHash());
  }

  @Test
  void theFirstStackKeepsItsRecordAndTheMembershipsAreUnited() {
    BuildCacheIndex first = index("1.0", false, 1);
    BuildCacheIndex second = index("2.0", true, 2, Specs.spec(B, "bzip2", List.of()));
    Union u = new Union().add(first).add(second);
    assertThat(u.get(A).version()).isEqualTo("1.0");
    assertThat(u.membership(A).inBuildcache()).isTrue();
    assertThat(u.membership(A).layouts()).isEqualTo(3);
    assertThat(u.all()).extracting(ConcreteSpec::hash).containsExactly(A, B);
  }

  @Test
  void aUnionOfOneStackIsThatStackAndAddingMoreLeavesTheStackAsItWas() {
    BuildCacheIndex first = index("1.0", true, 1);
    Union u = new Union().add(first);
    assertThat(u.specs()).isEqualTo(first.specs());
    u.add(index("2.0", true, 2, Specs.spec(B, "bzip2", List.of())));
    assertThat(u.size()).isEqualTo(2);
    assertThat(first.specs()).containsOnlyKeys(A);
    assertThat(first.membership(A).layouts()).isEqualTo(1);
  }

  @Test
  void addingAUnionPutsItsRecordsAfter() {
    Union other = new Union().add(index("2.0", true, 2, Specs.spec(B, "bzip2", List.of())));
    Union u = new Union().add(index("1.0", true, 1)).add(other);
    assertThat(u.get(A).version()).isEqualTo("1.0");
    assertThat(u.all()).extracting(ConcreteSpec::hash).containsExactly(A, B);
    assertThat(other.size()).isEqualTo(2);
  }
}
