package io.cachescope.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachescope.Fixtures;
import io.cachescope.catalog.Catalog;
import io.cachescope.mirror.CatalogReader;
import io.cachescope.mirror.MirrorReader;
import io.cachescope.mirror.Sources;
import io.cachescope.mirror.TestRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Real cache.spack.io pages, reproduced byte for byte from their specs pushed to a real registry. */
class OciPagesIT {

  @TempDir static Path dir;
  static TestRegistry registry;

  @BeforeAll
  static void start() throws Exception {
    registry = TestRegistry.anonymous(dir);
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  @ParameterizedTest
  @CsvSource({
    "develop-2025-03-30__py-setuptools__specs.md, true",
    "develop-2025-03-30__py-setuptools__specs.md, false",
    "develop-2025-03-30__gcc__specs.md, true",
    "develop-2025-03-30__gcc__specs.md, false",
    "develop-2025-03-23__cmake__specs.md, true",
    "develop-2025-03-23__cmake__specs.md, false",
  })
  void reproducesTheRealPageFromAnOciCache(String page, boolean withIndex) throws Exception {
    PageFixture fixture = new PageFixture(Fixtures.path("pages/" + page));
    Path work = Files.createDirectories(dir.resolve(page + "-" + withIndex));
    Path sources = fixture.pushOci(registry, work, withIndex);
    Catalog catalog = new CatalogReader(MirrorReader.Options.defaults(), w -> {}).read(Sources.read(sources));
    Map<String, String> pages = SpecsPage.renderTag(catalog.tags().get(0), false);
    assertThat(pages.get(fixture.packageName)).isEqualTo(fixture.text);
  }
}
