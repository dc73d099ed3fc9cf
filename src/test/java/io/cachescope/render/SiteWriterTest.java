package io.cachescope.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachescope.Fixtures;
import io.cachescope.SourceException;
import io.cachescope.catalog.Catalog;
import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Tag;
import io.cachescope.catalog.Variant;
import io.cachescope.mirror.CatalogReader;
import io.cachescope.mirror.MirrorReader;
import io.cachescope.mirror.Sources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteWriterTest {

  @TempDir Path tmp;

  Catalog seedCatalog(String layout) throws IOException {
    PageFixture fixture = new PageFixture(Fixtures.path("pages/develop-2025-03-30__py-setuptools__specs.md"));
    Path sources = fixture.writeMirrors(Files.createDirectories(tmp.resolve("mirrors-" + layout)), layout);
    return new CatalogReader(MirrorReader.Options.defaults(), w -> {}).read(Sources.read(sources));
  }

  static ConcreteSpec spec(String hash, String name, List<Variant> variants) {
    return io.cachescope.Specs.spec(hash, name, variants);
  }

  static Tag tag(String name, ConcreteSpec... specs) {
    return new Tag(name, List.of(io.cachescope.Specs.stack("root", specs)));
  }

  @Test
  void writesTheSeedPageAndTheSiteData() throws IOException {
    Path out = tmp.resolve("site");
    int pages = SiteWriter.write(seedCatalog("v3"), out, false);
    assertThat(pages).isGreaterThanOrEqualTo(1);
    assertThat(Files.readString(out.resolve("_cache/develop-2025-03-30/py-setuptools/specs.md")))
        .isEqualTo(Fixtures.read("pages/develop-2025-03-30__py-setuptools__specs.md"));
    assertThat(Files.readString(out.resolve("pages/tags/develop-2025-03-30.md")))
        .isEqualTo("---\nlayout: table\npermalink: /tag/develop-2025-03-30/\ntag: develop-2025-03-30\n---");
    assertThat(Files.readString(out.resolve("_data/tags.yaml")))
        .startsWith("- name: develop-2025-03-30\n  stacks:\n  - bootstrap-aarch64-darwin\n");
    assertThat(Files.readString(out.resolve("api/data/develop-2025-03-30.json")))
        .contains("\"uid\": \"py-setuptools\"")
        .contains("\"rel\": \"package/develop-2025-03-30/py-setuptools/specs/\"")
        .contains("\"num_specs\": 57");
    try (Stream<Path> siblings = Files.list(tmp)) {
      assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".site."));
    }
  }

  @Test
  void aFailureLeavesThePreviousOutputUntouched() throws IOException {
    Path out = tmp.resolve("site");
    SiteWriter.write(seedCatalog("v2"), out, false);
    String before = Files.readString(out.resolve("_cache/develop-2025-03-30/py-setuptools/specs.md"));
    Catalog hostile = new Catalog(List.of(tag("develop-2025-04-06", spec("aaaa", "../../etc", List.of()))));
    assertThatThrownBy(() -> SiteWriter.write(hostile, out, false))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("../../etc");
    assertThat(Files.readString(out.resolve("_cache/develop-2025-03-30/py-setuptools/specs.md"))).isEqualTo(before);
    assertThat(out.resolve("_cache/develop-2025-04-06")).doesNotExist();
    try (Stream<Path> siblings = Files.list(tmp)) {
      assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".site."));
    }
  }

  @Test
  void tagsOfThePreviousOutputAreKeptAndListedInUpstreamOrder() throws IOException {
    Path out = tmp.resolve("site");
    SiteWriter.write(seedCatalog("v3"), out, false);
    Catalog next = new Catalog(List.of(
        tag("develop", spec("bbbb", "zlib", List.of())),
        tag("v0.23.1", spec("cccc", "zlib", List.of())),
        tag("v2025.07.0", spec("dddd", "zlib", List.of())),
        tag("v1.0.0", spec("eeee", "zlib", List.of())),
        tag("develop-2025-07-13", spec("ffff", "zlib", List.of()))));
    SiteWriter.write(next, out, false);
    assertThat(out.resolve("_cache/develop-2025-03-30/py-setuptools/specs.md")).exists();
    assertThat(out.resolve("_cache/develop/zlib/specs.md")).exists();
    List<String> order = SiteData.parseTagsYaml(Files.readString(out.resolve("_data/tags.yaml"))).keySet().stream().toList();
    assertThat(order).containsExactly("develop", "v2025.07.0", "v0.23.1", "v1.0.0", "develop-2025-07-13", "develop-2025-03-30");
  }

  @Test
  void hostileStringsAreEscapedAsPythonWould() {
    ConcreteSpec s = spec("gggg", "evil", List.of(
        Variant.single("quote", "a\"b'c"),
        Variant.single("slash", "back\\slash"),
        Variant.single("accent", "caf\u00e9"),
        Variant.single("script", "</script><script>alert(1)</script>")));
    String page = SpecsPage.renderTag(tag("develop", s), false).get("evil");
    // Values are first quoted as Spack quotes them, then JSON-escaped as Python's json.dumps does.
    assertThat(page)
        .contains("\"accent='caf\\u00e9'\"")
        .contains("\"quote=\\\"a\\\\\\\"b'c\\\"\"")
        .contains("\"script='</script><script>alert(1)</script>'\"")
        .contains("\"slash='back\\\\slash'\"");
  }

  @Test
  void aTagThatCannotBeAFolderIsLeftOutWithAWarning() throws IOException {
    Path out = tmp.resolve("site");
    List<String> warnings = new java.util.ArrayList<>();
    Catalog catalog = new Catalog(List.of(
        tag("../x", spec("a".repeat(32), "zlib", List.of())), tag("ok", spec("b".repeat(32), "zlib", List.of()))));
    SiteWriter.write(catalog, out, false, warnings::add);
    assertThat(out.resolve("_cache/ok/zlib/specs.md")).exists();
    assertThat(tmp.resolve("x")).doesNotExist();
    assertThat(warnings).singleElement().asString().contains("'../x'").contains("mem:").contains("left out");
  }
}
