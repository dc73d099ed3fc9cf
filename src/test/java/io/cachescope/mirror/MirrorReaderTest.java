package io.cachescope.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachescope.Fixtures;
import io.cachescope.SourceException;
import io.cachescope.catalog.BuildCacheIndex;
import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Interner;
import io.cachescope.catalog.Layout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MirrorReaderTest {

  @TempDir Path tmp;

  static BuildCacheIndex read(Path root, MirrorReader.Options options) {
    return new MirrorReader(new FileTransport(root), new Interner(), options)
        .read(root.toUri(), root.toString());
  }

  static BuildCacheIndex read(Path root) {
    return read(root, MirrorReader.Options.defaults());
  }

  @Test
  void mixedMirrorRemembersBothLayoutsPerSpec() {
    BuildCacheIndex index = read(Fixtures.path("fixtures/spack-v3/v3_migrated_unsigned"));
    assertThat(index.specs()).hasSize(7);
    assertThat(index.sources()).extracting(s -> s.layout()).containsExactly(Layout.V3, Layout.V2);
    assertThat(index.memberships().values()).allSatisfy(m -> {
      assertThat(m.inLayout(Layout.V3)).isTrue();
      assertThat(m.inLayout(Layout.V2)).isTrue();
    });
    assertThat(index.warnings()).isEmpty();
  }

  @Test
  void tamperedIndexBlobFailsNamingTheBlobAndBothChecksums() throws IOException {
    Path mirror = Fixtures.copy("fixtures/spack-v3/v3_migrated_unsigned", tmp.resolve("m"));
    String expected = "0f0edf0bf52e93dde66d079b627368a9e126eb3c25105e64f74ac3a8a9449d78";
    Path blob = mirror.resolve("blobs/sha256/0f/" + expected);
    byte[] bytes = Files.readAllBytes(blob);
    String text = new String(bytes, StandardCharsets.UTF_8).replace("\"0.8.13\"", "\"0.8.14\"");
    Files.writeString(blob, text);
    assertThatThrownBy(() -> read(mirror))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining(blob.toUri().toString())
        .hasMessageContaining(expected)
        .hasMessageContaining(
            java.util.HexFormat.of()
                .formatHex(MirrorReader.sha256().digest(text.getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void wrongIndexHashIsOnlyAWarningAsInSpack() throws IOException {
    Path mirror = Fixtures.copy("fixtures/spack-testdata/mirrors/v2_layout/unsigned", tmp.resolve("m"));
    Files.writeString(mirror.resolve("build_cache/index.json.hash"), "0".repeat(64) + "\n");
    BuildCacheIndex index = read(mirror);
    assertThat(index.specs()).hasSize(7);
    assertThat(index.warnings()).singleElement().asString().contains("index.json.hash says 000");
  }

  @Test
  void danglingDependencyHashIsAWarning() throws IOException {
    Path mirror = Fixtures.copy("fixtures/spack-testdata/mirrors/v2_layout/unsigned", tmp.resolve("m"));
    Path index = mirror.resolve("build_cache/index.json");
    String text = Files.readString(index).replace("\"hash\":\"izgzpzeljwairalfjm3k6fntbb64nt6n\"},\"ref_count\"", "\"hash\":\"izgzpzeljwairalfjm3k6fntbb64nt6n\"},\"ref_count\"");
    // Drop the gcc-runtime record so that two specs point at a hash the index does not hold.
    String dropped = text.replaceFirst(
        "\"izgzpzeljwairalfjm3k6fntbb64nt6n\":\\{\"spec\":\\{.*?\"in_buildcache\":true\\},", "");
    assertThat(dropped).isNotEqualTo(text);
    Files.writeString(index, dropped);
    Files.delete(mirror.resolve("build_cache/index.json.hash"));
    BuildCacheIndex read = read(mirror);
    assertThat(read.specs()).hasSize(6);
    assertThat(read.warnings())
        .singleElement()
        .asString()
        .contains("missing dependency")
        .contains("gcc-runtime/izgzpzeljwairalfjm3k6fntbb64nt6n");
  }

  @Test
  void mirrorWithoutIndexIsReadFromItsSpecFiles() throws IOException {
    Path mirror = Fixtures.copy("fixtures/spack-v3/v3_migrated_unsigned", tmp.resolve("m"));
    Files.delete(mirror.resolve("v3/manifests/index/index.manifest.json"));
    Files.delete(mirror.resolve("build_cache/index.json"));
    BuildCacheIndex index = read(mirror);
    // Six pushed specs from both trees, plus the external gcc they depend on.
    assertThat(index.all().stream().filter(s -> index.inBuildcache(s.hash())).count()).isEqualTo(6);
    assertThat(index.get("vd7v4ssgnoqdplgxyig3orum67n4vmhq").external()).isTrue();
    var libelf = index.membership("jr3yipyxyjulcdvckwwwjrrumis7glpa");
    assertThat(libelf.inLayout(Layout.V3)).isTrue();
    assertThat(libelf.inLayout(Layout.V2)).isTrue();
    assertThat(libelf.tarballSize()).isEqualTo(8627);
  }

  @Test
  void realVersion5MirrorWithYamlSpecFiles() throws IOException {
    Path mirror = tmp.resolve("m");
    Path bc = Files.createDirectories(mirror.resolve("build_cache"));
    Files.copy(Fixtures.path("real/indices/Paul-Ferrell_clingo-bootstrap__build_cache_index.json"), bc.resolve("index.json"));
    Files.copy(Fixtures.path("real/indices/Paul-Ferrell_clingo-bootstrap__build_cache_index.json.hash"), bc.resolve("index.json.hash"));
    BuildCacheIndex index = read(mirror);
    assertThat(index.warnings()).isEmpty();
    assertThat(index.all().stream().filter(s -> index.inBuildcache(s.hash())).count()).isEqualTo(59);
    Files.delete(bc.resolve("index.json"));
    Files.delete(bc.resolve("index.json.hash"));
    Fixtures.copy("real/indices/Paul-Ferrell_clingo-bootstrap__build_cache", bc);
    BuildCacheIndex fromFiles = read(mirror);
    assertThat(fromFiles.all().stream().filter(s -> fromFiles.inBuildcache(s.hash())).map(ConcreteSpec::hash))
        .containsExactlyInAnyOrderElementsOf(
            index.all().stream().filter(s -> index.inBuildcache(s.hash())).map(ConcreteSpec::hash).toList());
  }

  @Test
  void indexViewIsReadByName() throws IOException {
    Path mirror = Fixtures.copy("fixtures/spack-v3/v3_migrated_unsigned", tmp.resolve("m"));
    Path views = Files.createDirectories(mirror.resolve("v3/manifests/index/e4s"));
    Files.copy(mirror.resolve("v3/manifests/index/index.manifest.json"), views.resolve("index.manifest.json"));
    BuildCacheIndex index = read(mirror, new MirrorReader.Options("e4s", null, false, false));
    assertThat(index.sources()).singleElement().extracting(s -> s.layout()).isEqualTo(Layout.V3);
    assertThatThrownBy(() -> read(mirror, new MirrorReader.Options("nope", null, false, false)))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("index view nope");
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"../../outside", "sha 256", "sha256?x=1#", "%zz", "SHA256"})
  void aManifestNamesOnlyTheKnownChecksumAlgorithm(String algorithm) throws IOException {
    Path mirror = Fixtures.copy("fixtures/spack-v3/v3_migrated_unsigned", tmp.resolve("m"));
    Path manifest = mirror.resolve("v3/manifests/index/index.manifest.json");
    Files.writeString(manifest, Files.readString(manifest)
        .replace("\"checksumAlgorithm\":\"sha256\"", "\"checksumAlgorithm\":\"" + algorithm + "\""));
    MirrorReader.Options v3Only = new MirrorReader.Options(null, "v3/manifests/index/index.manifest.json", false, false);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> read(mirror, v3Only))
        .isInstanceOf(io.cachescope.SourceException.class)
        .hasMessageContaining("index.manifest.json at /data/0/checksumAlgorithm")
        .hasMessageContaining("unsupported checksum algorithm");
  }

  @Test
  void aLinkOutOfAFileMirrorIsNotFollowed() throws IOException {
    Path outside = Files.writeString(tmp.resolve("secret.txt"), "not a mirror file");
    Path mirror = Fixtures.copy("fixtures/spack-v3/v3_migrated_unsigned", tmp.resolve("m"));
    Path index = mirror.resolve("build_cache/index.json");
    Files.delete(index);
    Files.createSymbolicLink(index, outside);
    MirrorReader.Options v2Only = new MirrorReader.Options(null, "build_cache/index.json", false, false);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> read(mirror, v2Only))
        .isInstanceOf(io.cachescope.SourceException.class)
        .hasMessageContaining("outside the mirror");
  }

  @Test
  void anOversizedSmallFileIsAnErrorNamingIt() throws IOException {
    Path mirror = Fixtures.copy("fixtures/spack-v3/v3_migrated_unsigned", tmp.resolve("m"));
    Path hash = mirror.resolve("build_cache/index.json.hash");
    try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(hash.toFile(), "rw")) {
      f.setLength(Body.MAX_SMALL_FILE + 1L); // sparse: no disk used
    }
    MirrorReader.Options v2Only = new MirrorReader.Options(null, "build_cache/index.json", false, false);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> read(mirror, v2Only))
        .isInstanceOf(io.cachescope.SourceException.class)
        .hasMessageContaining("index.json.hash")
        .hasMessageContaining("larger than 64 MiB");
  }
}
