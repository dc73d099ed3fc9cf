package io.cachescope.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Dependency;
import io.cachescope.catalog.Variant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spack's order of the builds of a {@code buildcache list} group (docs/spack-order.md). */
class BuildOrderTest {

  private final Map<String, ConcreteSpec> records = new HashMap<>();

  private ConcreteSpec add(String hash, String name, String version, List<Variant> variants,
      List<Dependency> deps, String packageHash) {
    ConcreteSpec s = new ConcreteSpec(hash, name, version, "builtin", "linux", "ubuntu24.04", "x86_64_v3", null,
        variants, Map.of(), deps, false, null, 5, packageHash);
    records.put(hash, s);
    return s;
  }

  private ConcreteSpec add(String hash, String name, String version, List<Variant> variants) {
    return add(hash, name, version, variants, List.of(), "p");
  }

  private List<String> sorted(ConcreteSpec... specs) {
    List<ConcreteSpec> list = new ArrayList<>(List.of(specs));
    new BuildOrder(records).sort(list);
    return list.stream().map(ConcreteSpec::hash).toList();
  }

  private String listing(ConcreteSpec... specs) {
    return BuildcacheList.render(List.of(specs), records,
        new BuildcacheList.Options(true, false, false, true), false, 80,
        java.util.function.UnaryOperator.identity());
  }

  @Test
  void aFalseBooleanVariantSortsBeforeTrueAsPythonComparesTheirNames() {
    // Printed, "+shared" sorts before "~shared"; Spack compares the values False < True.
    ConcreteSpec on = add("a".repeat(32), "zlib", "1.3", List.of(Variant.bool("shared", true)));
    ConcreteSpec off = add("b".repeat(32), "zlib", "1.3", List.of(Variant.bool("shared", false)));
    assertThat(sorted(on, off)).containsExactly(off.hash(), on.hash());
  }

  @Test
  void valuesCompareAsStringsAndVariantsInNameOrder() {
    ConcreteSpec cmake = add("a".repeat(32), "zlib", "1.3",
        List.of(Variant.single("build_system", "cmake"), Variant.bool("pic", false)));
    ConcreteSpec autotools = add("b".repeat(32), "zlib", "1.3",
        List.of(Variant.single("build_system", "autotools"), Variant.bool("pic", true)));
    ConcreteSpec fewer = add("c".repeat(32), "zlib", "1.3", List.of(Variant.single("build_system", "autotools")));
    // A variant list that is a prefix of another sorts first; then values as strings.
    assertThat(sorted(cmake, autotools, fewer)).containsExactly(fewer.hash(), autotools.hash(), cmake.hash());
  }

  @Test
  void versionsInSpacksOrderNotAsText() {
    ConcreteSpec v10 = add("a".repeat(32), "cmake", "3.10.0", List.of());
    ConcreteSpec v9 = add("b".repeat(32), "cmake", "3.9.6", List.of());
    assertThat(sorted(v10, v9)).containsExactly(v9.hash(), v10.hash());
  }

  @Test
  void buildsThatDifferOnlyInPackageHashSortByIt() {
    ConcreteSpec late = add("a".repeat(32), "zlib", "1.3", List.of(), List.of(), "zzzz");
    ConcreteSpec early = add("b".repeat(32), "zlib", "1.3", List.of(), List.of(), "aaaa");
    ConcreteSpec none = add("c".repeat(32), "zlib", "1.3", List.of(), List.of(), null);
    assertThat(sorted(late, early, none)).containsExactly(none.hash(), early.hash(), late.hash());
  }

  @Test
  void buildsThatPrintAlikeSortByTheirDependencies() {
    ConcreteSpec zlib13 = add("z".repeat(31) + "3", "zlib", "1.3", List.of());
    ConcreteSpec zlib12 = add("z".repeat(31) + "2", "zlib", "1.2", List.of());
    ConcreteSpec bzip = add("y".repeat(32), "bzip2", "1.0.8", List.of());
    ConcreteSpec withNew = add("a".repeat(32), "libpng", "1.6", List.of(),
        List.of(link("zlib", zlib13), link("bzip2", bzip)), "p");
    ConcreteSpec withOld = add("b".repeat(32), "libpng", "1.6", List.of(),
        List.of(link("zlib", zlib12), link("bzip2", bzip)), "p");
    // Direct dependencies are compared in name order: bzip2 ties, then zlib 1.2 < 1.3.
    assertThat(sorted(withNew, withOld)).containsExactly(withOld.hash(), withNew.hash());
    assertThat(listing(withNew, withOld)).isEqualTo(
        "-- linux-ubuntu24.04-x86_64_v3 / no compilers -------------------\n"
            + "bbbbbbb libpng@1.6\n"
            + "aaaaaaa libpng@1.6\n");
  }

  @Test
  void equalBuildsKeepTheIndexOrderAndTheHashIsNoKey() {
    ConcreteSpec first = add("z".repeat(32), "zlib", "1.3", List.of());
    ConcreteSpec second = add("a".repeat(32), "zlib", "1.3", List.of());
    assertThat(sorted(first, second)).containsExactly(first.hash(), second.hash());
    assertThat(sorted(second, first)).containsExactly(second.hash(), first.hash());
  }

  @Test
  void aDagThatIsAPrefixOfAnotherSortsFirst() {
    ConcreteSpec zlib = add("z".repeat(32), "zlib", "1.3", List.of());
    ConcreteSpec alone = add("a".repeat(32), "libpng", "1.6", List.of(), List.of(), "p");
    ConcreteSpec withZlib = add("b".repeat(32), "libpng", "1.6", List.of(), List.of(link("zlib", zlib)), "p");
    assertThat(sorted(withZlib, alone)).containsExactly(alone.hash(), withZlib.hash());
  }

  @Test
  void aDifferenceDeepInTheDagDecides() {
    ConcreteSpec zlib13 = add("z".repeat(31) + "3", "zlib", "1.3", List.of());
    ConcreteSpec zlib12 = add("z".repeat(31) + "2", "zlib", "1.2", List.of());
    ConcreteSpec pngNew = add("p".repeat(31) + "3", "libpng", "1.6", List.of(), List.of(link("zlib", zlib13)), "p");
    ConcreteSpec pngOld = add("p".repeat(31) + "2", "libpng", "1.6", List.of(), List.of(link("zlib", zlib12)), "p");
    ConcreteSpec appNew = add("a".repeat(32), "app", "1.0", List.of(), List.of(link("libpng", pngNew)), "p");
    ConcreteSpec appOld = add("b".repeat(32), "app", "1.0", List.of(), List.of(link("libpng", pngOld)), "p");
    // Root and direct dependency tie; the walk goes on to zlib, where 1.2 < 1.3.
    assertThat(sorted(appNew, appOld)).containsExactly(appOld.hash(), appNew.hash());
  }

  @Test
  void aNodeReachedTwiceIsWalkedOnce() {
    ConcreteSpec z13 = add("z".repeat(31) + "3", "zlib", "1.3", List.of());
    ConcreteSpec z12 = add("z".repeat(31) + "2", "zlib", "1.2", List.of());
    ConcreteSpec a = add("c".repeat(32), "liba", "1", List.of(), List.of(link("zlib", z13)), "p");
    ConcreteSpec b13 = add("d".repeat(32), "libb", "1", List.of(), List.of(link("zlib", z13)), "p");
    ConcreteSpec b12 = add("e".repeat(32), "libb", "1", List.of(), List.of(link("zlib", z12)), "p");
    ConcreteSpec shared = add("a".repeat(32), "app", "1", List.of(), List.of(link("liba", a), link("libb", b13)), "p");
    ConcreteSpec split = add("b".repeat(32), "app", "1", List.of(), List.of(link("liba", a), link("libb", b12)), "p");
    // shared walks app, liba, libb, zlib@1.3 and ends; split goes on to zlib@1.2. Were zlib@1.3
    // walked twice, shared would compare it against zlib@1.2 and sort second.
    assertThat(sorted(split, shared)).containsExactly(shared.hash(), split.hash());
  }

  @Test
  void buildsWithTheSameNodesSortByTheirEdges() {
    ConcreteSpec zlib = add("z".repeat(32), "zlib", "1.3", List.of());
    ConcreteSpec linked = add("a".repeat(32), "app", "1", List.of(), List.of(link("zlib", zlib)), "p");
    ConcreteSpec built = add("b".repeat(32), "app", "1", List.of(),
        List.of(new Dependency("zlib", zlib.hash(), Dependency.BUILD, List.of())), "p");
    // Same walk (app, zlib); the edges' dependency types decide, build (1) before link (2).
    assertThat(sorted(linked, built)).containsExactly(built.hash(), linked.hash());
  }

  @Test
  void groupsSortByThePythonTextOfTheirKey() {
    ConcreteSpec v3 = add("a".repeat(32), "zlib", "1.3", List.of());
    ConcreteSpec generic = new ConcreteSpec("b".repeat(32), "zlib", "1.3", "builtin", "linux", "ubuntu24.04", "x86_64",
        null, List.of(), Map.of(), List.of(), false, null, 5, "p");
    records.put(generic.hash(), generic);
    assertThat(BuildcacheList.groupKey(v3, "%c=gcc@13.2.0"))
        .isEqualTo("(ArchSpec(('linux', 'ubuntu24.04', 'x86_64_v3')), ' %c=gcc@13.2.0')");
    assertThat(BuildcacheList.groupKey(v3, "no compilers"))
        .isEqualTo("(ArchSpec(('linux', 'ubuntu24.04', 'x86_64_v3')), '')");
    // x86_64 before x86_64_v3: the quote that ends 'x86_64' sorts before '_'.
    assertThat(listing(v3, generic)).startsWith("-- linux-ubuntu24.04-x86_64 / no compilers");
  }

  private static Dependency link(String name, ConcreteSpec to) {
    return new Dependency(name, to.hash(), Dependency.LINK, List.of());
  }
}
