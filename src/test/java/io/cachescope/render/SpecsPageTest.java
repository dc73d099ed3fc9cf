package io.cachescope.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachescope.Fixtures;
import io.cachescope.catalog.Catalog;
import io.cachescope.mirror.CatalogReader;
import io.cachescope.mirror.MirrorReader;
import io.cachescope.mirror.Sources;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** Real cache.spack.io pages, reproduced byte for byte from the indices that produced them. */
class SpecsPageTest {

  @TempDir Path tmp;

  @ParameterizedTest
  @CsvSource({
    "develop-2025-03-30__py-setuptools__specs.md, v2",
    "develop-2025-03-30__py-setuptools__specs.md, v3",
    "develop-2025-03-30__amrex__specs.md, v2",
    "develop-2025-03-30__amrex__specs.md, v3",
    "develop-2025-03-30__compiler-wrapper__specs.md, v3",
    "develop-2025-03-30__gcc__specs.md, v2",
    "develop-2025-03-30__gcc__specs.md, v3",
    "develop-2025-03-23__cmake__specs.md, v2",
    "develop-2025-03-23__cmake__specs.md, v3",
  })
  void reproducesTheRealPageByteForByte(String page, String layout) throws IOException {
    PageFixture fixture = new PageFixture(Fixtures.path("pages/" + page));
    Path sources = fixture.writeMirrors(tmp, layout);
    Catalog catalog =
        new CatalogReader(MirrorReader.Options.defaults(), w -> {}).read(Sources.read(sources));
    Map<String, String> pages = SpecsPage.renderTag(catalog.tags().get(0), false);
    assertThat(new ArrayList<>(pages.keySet())).contains(fixture.packageName);
    assertThat(pages.get(fixture.packageName)).isEqualTo(fixture.text);
  }
}
