package io.cachescope.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.mirror.IndexReaderAccess;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spack's documented `buildcache list` semantics (docs/spack-order.md) on its own fixture index. */
class MatchTest {

  static final Map<String, ConcreteSpec> INDEX =
      IndexReaderAccess.read("fixtures/spack-v3/v3_migrated_unsigned/build_cache/index.json");
  static final io.cachescope.catalog.Union UNION =
      IndexReaderAccess.union("fixtures/spack-v3/v3_migrated_unsigned/build_cache/index.json");
  static final Microarchitectures ARCHSPEC = Microarchitectures.builtin();

  static List<String> matching(String constraint) {
    SpecConstraint c = SpecParser.parse(constraint);
    return INDEX.values().stream()
        .filter(s -> c.matches(s, INDEX::get, ARCHSPEC))
        .map(s -> s.hash().substring(0, 7))
        .sorted()
        .toList();
  }

  @Test
  void constraintsSelectAsSpackDoes() {
    assertThat(matching("libelf target=m1")).containsExactly("jr3yipy");
    assertThat(matching("libelf")).containsExactly("jr3yipy", "rqh2vuf");
    // Spack 1.x: %gcc is a direct dependency named gcc, so gcc-runtime matches too.
    assertThat(matching("%gcc")).containsExactly("izgzpze", "jr3yipy", "rqh2vuf", "sk2gqqz", "u5uz3dc");
    assertThat(matching("%c,cxx=gcc")).containsExactly("u5uz3dc");
    assertThat(matching("%gcc@10:")).contains("jr3yipy", "rqh2vuf");
    assertThat(matching("%gcc@11:")).isEmpty();
    assertThat(matching("^libelf")).containsExactly("sk2gqqz", "u5uz3dc");
    assertThat(matching("/jr3")).containsExactly("jr3yipy");
    assertThat(matching("libdwarf@2013:")).containsExactly("sk2gqqz", "u5uz3dc");
    assertThat(matching("gcc languages=c,fortran")).containsExactly("vd7v4ss");
    assertThat(matching("gcc languages:=c,fortran")).isEmpty();
    assertThat(matching("build_system=generic os=debian6 platform=test")).hasSize(7);
  }

  @Test
  void targetRangesFollowArchspec() {
    // m1 descends from aarch64: a binary for aarch64 matches "target=:m1", one for m1 matches "target=aarch64:".
    assertThat(matching("target=aarch64:")).contains("jr3yipy", "vd7v4ss");
    assertThat(matching("target=:m1")).contains("jr3yipy", "vd7v4ss").doesNotContain("rqh2vuf");
    assertThat(ARCHSPEC.isCompatible("x86_64_v3", "haswell")).isTrue();
    assertThat(ARCHSPEC.isCompatible("zen2", "haswell")).isFalse();
    assertThat(ARCHSPEC.isCompatible("x86_64_v3", "zen3")).isTrue();
    assertThat(ARCHSPEC.isCompatible("icelake", "zen3")).isFalse();
    assertThat(ARCHSPEC.family("neoverse_v2")).isEqualTo("aarch64");
  }

  @Test
  void hostsAcceptAncestorTargets() {
    Host host = Host.parse("os=debian6 target=m1 platform=test");
    List<ConcreteSpec> installable = INDEX.values().stream().filter(s -> host.installs(s, ARCHSPEC)).toList();
    assertThat(installable).extracting(ConcreteSpec::name).contains("gcc", "libelf", "compiler-wrapper");
    assertThat(installable).extracting(ConcreteSpec::target).containsOnly("m1", "aarch64");
    assertThat(Host.osName(List.of("ID=ubuntu", "VERSION_ID=\"22.04\""))).isEqualTo("ubuntu22.04");
    assertThat(Host.osName(List.of("ID=\"rhel\"", "VERSION_ID=\"8.10\""))).isEqualTo("rhel8");
    assertThat(Host.osName(List.of("ID=debian", "VERSION_ID=\"12\""))).isEqualTo("debian12");
  }

  @Test
  void detectsTheMostSpecificTargetFromCpuFlags() {
    Microarchitectures.Target haswell = ARCHSPEC.target("haswell");
    List<String> cpuinfo = List.of("vendor_id\t: GenuineIntel", "flags\t\t: " + String.join(" ", haswell.features()));
    assertThat(Host.target(cpuinfo, "amd64", ARCHSPEC)).isEqualTo("haswell");
    List<String> generic = List.of("vendor_id\t: SomeVendor", "flags\t\t: " + String.join(" ", haswell.features()));
    assertThat(Host.target(generic, "amd64", ARCHSPEC)).isEqualTo("x86_64_v3");
  }

  @Test
  void explainRanksNearMisses() {
    Explain.Result r = Explain.explain(SpecParser.parse("libelf@0.9 target=m1"), UNION, ARCHSPEC, null, 5);
    assertThat(r.matches()).isEmpty();
    assertThat(r.nearest()).extracting(n -> n.spec().hash().substring(0, 7)).containsExactly("jr3yipy", "rqh2vuf");
    assertThat(r.nearest().get(0).differences()).containsExactly("version 0.8.13 (wanted @0.9)");
    Explain.Result typo = Explain.explain(SpecParser.parse("libdwarff"), UNION, ARCHSPEC, null, 5);
    assertThat(typo.suggestions()).startsWith("libdwarf");
  }
}
