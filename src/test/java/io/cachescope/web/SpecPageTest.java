package io.cachescope.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachescope.Specs;
import io.cachescope.catalog.Catalog;
import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Dependency;
import io.cachescope.catalog.Tag;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpecPageTest {

  static Dependency edge(ConcreteSpec to, int types) {
    return new Dependency(to.name(), to.hash(), types, List.of());
  }

  @Test
  void theTreeShowsEachNodeOnceMarksRepeatsAndBuildOnlySubtrees() {
    ConcreteSpec zlib = Specs.spec("z".repeat(32), "zlib", List.of());
    ConcreteSpec cmake = Specs.spec("c".repeat(32), "cmake", List.of()).withDependencies(List.of(edge(zlib, Dependency.LINK)));
    ConcreteSpec app = Specs.spec("a".repeat(32), "app", List.of())
        .withDependencies(List.of(edge(cmake, Dependency.BUILD), edge(zlib, Dependency.LINK | Dependency.RUN)));
    CatalogView view = new MemoryView(new Catalog(List.of(new Tag("t", List.of(Specs.stack("root", app, cmake, zlib))))));

    List<SpecPage.TreeLine> tree = SpecPage.of(app, view).tree();

    assertThat(tree).extracting(SpecPage.TreeLine::name).containsExactly("cmake", "zlib", "zlib");
    assertThat(tree).extracting(SpecPage.TreeLine::depth).containsExactly(0, 1, 0);
    // zlib under cmake is reached through a build-only edge; the direct zlib is not.
    assertThat(tree).extracting(SpecPage.TreeLine::buildOnly).containsExactly(true, true, false);
    assertThat(tree).extracting(SpecPage.TreeLine::repeat).containsExactly(false, false, true);
  }

  @Test
  void rootIsNoStack() {
    ConcreteSpec zlib = Specs.spec("z".repeat(32), "zlib", List.of());
    CatalogView view = new MemoryView(new Catalog(List.of(new Tag("t",
        List.of(Specs.stack("root", zlib), Specs.stack("e4s", zlib))))));
    assertThat(SpecPage.of(zlib, view).stacks()).containsEntry("t", List.of("e4s"));
    assertThat(view.tag("t").orElseThrow().stacks()).containsExactly("e4s");
    assertThat(view.stackCount()).isEqualTo(1);
  }
}
