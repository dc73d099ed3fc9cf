package io.cachescope.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachescope.catalog.Catalog;
import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Stack;
import io.cachescope.catalog.Tag;
import io.cachescope.mirror.CatalogReader;
import io.cachescope.mirror.MirrorReader;
import io.cachescope.mirror.Sources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CorpusGeneratorIT {

  @TempDir Path tmp;

  static Map<String, String> digests(Path root) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        String content = Files.readString(p, java.nio.charset.StandardCharsets.ISO_8859_1).replace(root.toString(), "ROOT");
        out.put(root.relativize(p).toString(),
            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1))));
      }
    }
    return out;
  }

  @Test
  void theSameSeedWritesTheSameBytesAndAnotherSeedDoesNot() throws Exception {
    CorpusGenerator.builder().seed(7).layout(CorpusGenerator.Layout.MIXED).specFiles(true).build().writeTo(tmp.resolve("a"));
    CorpusGenerator.builder().seed(7).layout(CorpusGenerator.Layout.MIXED).specFiles(true).build().writeTo(tmp.resolve("b"));
    CorpusGenerator.builder().seed(8).layout(CorpusGenerator.Layout.MIXED).specFiles(true).build().writeTo(tmp.resolve("c"));
    Map<String, String> a = digests(tmp.resolve("a"));
    assertThat(a).hasSizeGreaterThan(100);
    assertThat(digests(tmp.resolve("b"))).isEqualTo(a);
    assertThat(digests(tmp.resolve("c"))).isNotEqualTo(a);
  }

  @ParameterizedTest
  @EnumSource(CorpusGenerator.Layout.class)
  void everyLayoutReadsBackWithResolvedEdgesAndRealShapes(CorpusGenerator.Layout layout) throws IOException {
    CorpusGenerator.Summary s =
        CorpusGenerator.builder().seed(3).layout(layout).build().writeTo(tmp.resolve("c"));
    Catalog catalog = new CatalogReader(MirrorReader.Options.defaults(), w -> {
      throw new AssertionError("unexpected warning: " + w);
    }).read(Sources.read(s.sources()));
    assertThat(catalog.tags()).extracting(Tag::name).containsExactly("develop-2025-03-30", "develop-2025-03-23");
    for (Tag tag : catalog.tags()) {
      assertThat(tag.stacks()).extracting(Stack::label)
          .containsExactly("root", "e4s", "e4s-neoverse-v2", "ml-darwin-aarch64-mps");
      io.cachescope.catalog.Union union = tag.union();
      // root is the union of the other stacks.
      assertThat(tag.stacks().get(0).index().specs().keySet()).containsExactlyInAnyOrderElementsOf(union.specs().keySet());
      for (ConcreteSpec spec : union.all()) {
        assertThat(spec.hash()).matches("[a-z2-7]{32}");
        spec.dependencies().forEach(d -> assertThat(union.contains(d.hash())).isTrue());
      }
      boolean spack1 = tag.name().equals("develop-2025-03-30");
      assertThat(union.all()).allSatisfy(x -> assertThat(x.specfileVersion()).isEqualTo(spack1 ? 5 : 4));
      assertThat(union.all().stream().filter(ConcreteSpec::external).count()).isEqualTo(spack1 ? 3 : 0);
      assertThat(union.all().stream().filter(x -> !union.inBuildcache(x.hash())).count()).isGreaterThanOrEqualTo(spack1 ? 3 : 0);
      if (spack1) {
        assertThat(union.all().stream().filter(x -> x.primaryCompiler() != null).count()).isGreaterThan(union.size() / 3);
      } else {
        assertThat(union.all()).allSatisfy(x -> assertThat(x.legacyCompiler()).isNotNull());
      }
      assertThat(union.all().stream().mapToInt(x -> x.dependencies().size()).max().orElse(0)).isBetween(5, 40);
    }
    assertThat(s.packages()).isGreaterThan(100);
  }

  @Test
  void indicesCarryTheirChecksums() throws Exception {
    CorpusGenerator.Summary s = CorpusGenerator.builder().seed(5).layout(CorpusGenerator.Layout.MIXED).build().writeTo(tmp.resolve("m"));
    ObjectMapper json = new ObjectMapper();
    Path mirror = s.sources().getParent().resolve("develop-2025-03-30/e4s");
    byte[] index = Files.readAllBytes(mirror.resolve("build_cache/index.json"));
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(index));
    assertThat(Files.readString(mirror.resolve("build_cache/index.json.hash")).strip()).isEqualTo(sha);
    JsonNode manifest = json.readTree(mirror.resolve("v3/manifests/index/index.manifest.json").toFile());
    assertThat(manifest.at("/data/0/checksum").asText()).isEqualTo(sha);
    assertThat(manifest.at("/data/0/contentLength").asLong()).isEqualTo(index.length);
    assertThat(json.readTree(index).at("/database/version").asText()).isEqualTo("8");
  }
}
