package io.cachescope.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachescope.Specs;
import io.cachescope.catalog.Catalog;
import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Tag;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchTest {

  static final ConcreteSpec OLD_ZLIB = Specs.spec("a".repeat(32), "zlib", List.of());
  static final ConcreteSpec NEW_ZLIB = Specs.spec("b".repeat(32), "zlib", List.of());
  static final ConcreteSpec NEW_ONLY = Specs.spec("bc" + "d".repeat(30), "zlib-ng", List.of());
  static final CatalogView VIEW = new MemoryView(new Catalog(List.of(
      new Tag("v0.23.0", List.of(Specs.stack("root", OLD_ZLIB))),
      new Tag("v1.0.0", List.of(Specs.stack("root", NEW_ZLIB, NEW_ONLY))))));

  static Search.Result run(String q) {
    return Search.run(VIEW, q, Search.newestFirst(VIEW.tags()));
  }

  @Test
  void getStartedNamesTheNewestReleaseBySpacksVersionOrder() {
    // cache.spack.io joins a release's digits (0.23.1 -> 231 > 1.1.0 -> 110); Spack's order does not.
    CatalogView view = new MemoryView(new Catalog(List.of(
        new Tag("v1.1.0", List.of(Specs.stack("root", NEW_ZLIB))),
        new Tag("v0.23.1", List.of(Specs.stack("root", OLD_ZLIB))),
        new Tag("develop-2025-08-31", List.of(Specs.stack("root", NEW_ONLY))))));
    assertThat(view.newestRelease()).map(io.cachescope.catalog.TagSummary::name).contains("v1.1.0");
  }

  @Test
  void aNameIsFoundInEveryTagNewestFirst() {
    Search.Result r = run("zlib");
    assertThat(r.kind()).isEqualTo(Search.Kind.NAME);
    assertThat(r.tags()).containsExactly("v1.0.0", "v0.23.0");
    assertThat(r.packages()).extracting(h -> h.newest().name()).containsExactly("zlib", "zlib-ng");
    assertThat(r.packages().get(0).newest().tag()).isEqualTo("v1.0.0");
    assertThat(r.packages().get(0).alsoIn()).containsExactly("v0.23.0");
    // Only in the newer release, yet found by default (the oldest tag used to be searched).
    assertThat(run("zlib-ng").packages()).hasSize(1);
  }

  @Test
  void aHashOrPrefixNamesItsSpecs() {
    assertThat(run("/" + "b".repeat(7)).onlyHash()).isEqualTo(NEW_ZLIB.hash());
    assertThat(run("b".repeat(32)).onlyHash()).isEqualTo(NEW_ZLIB.hash());
    Search.Result both = run("/b");
    assertThat(both.kind()).isEqualTo(Search.Kind.HASH);
    assertThat(both.specs()).extracting(h -> h.spec().hash()).containsExactly(NEW_ZLIB.hash(), NEW_ONLY.hash());
    assertThat(both.onlyHash()).isNull();
    assertThat(run("/zzzz").specs()).isEmpty();
  }

  @Test
  void specSyntaxIsAConstraintQueryWithCaretErrors() {
    Search.Result r = run("zlib@1.0 os=ubuntu22.04");
    assertThat(r.kind()).isEqualTo(Search.Kind.SPEC);
    assertThat(r.specs()).extracting(h -> h.tag() + " " + h.spec().hash().charAt(0)).containsExactly("v1.0.0 b", "v0.23.0 a");
    assertThat(run("zlib@2:").specs()).isEmpty();
    Search.Result bad = run("zlib@@1");
    assertThat(bad.error()).contains("zlib@@1").contains("^");
    assertThat(bad.specs()).isEmpty();
  }
}
