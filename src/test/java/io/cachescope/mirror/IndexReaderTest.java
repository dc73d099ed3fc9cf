package io.cachescope.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachescope.Fixtures;
import io.cachescope.SourceException;
import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Dependency;
import io.cachescope.catalog.Interner;
import io.cachescope.catalog.Variant;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

class IndexReaderTest {

  static IndexReader.Result read(String resource) throws IOException {
    try (InputStream in = Files.newInputStream(Fixtures.path(resource))) {
      InputStream body = resource.endsWith(".gz") ? new GZIPInputStream(in) : in;
      return new IndexReader(new Interner()).read(body, resource);
    }
  }

  static IndexReader.Result readText(String json) {
    return new IndexReader(new Interner())
        .read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test.json");
  }

  @Test
  void databaseVersion8FixtureHoldsSpackOneAndMigratedNodes() throws IOException {
    IndexReader.Result r = read("fixtures/spack-v3/v3_migrated_unsigned/build_cache/index.json");
    assertThat(r.databaseVersion()).isEqualTo(8);
    assertThat(r.specs()).hasSize(7);
    ConcreteSpec libelf = r.specs().get("jr3yipyxyjulcdvckwwwjrrumis7glpa");
    assertThat(libelf.name()).isEqualTo("libelf");
    assertThat(libelf.version()).isEqualTo("0.8.13");
    assertThat(libelf.architecture()).isEqualTo("test-debian6-m1");
    assertThat(libelf.specfileVersion()).isEqualTo(5);
    assertThat(libelf.variants()).containsExactly(Variant.single("build_system", "generic"));
    assertThat(libelf.flags()).isEmpty();
    assertThat(libelf.primaryCompiler().name()).isEqualTo("gcc");
    assertThat(libelf.dependencies())
        .extracting(Dependency::name)
        .containsExactly("compiler-wrapper", "gcc", "gcc-runtime");
    assertThat(libelf.dependencies().get(2).typeNames()).containsExactly("link");

    ConcreteSpec migrated = r.specs().get("rqh2vuf6fqwkmipzgi2wjx352mq7y7ez");
    assertThat(migrated.specfileVersion()).isEqualTo(4);
    assertThat(migrated.legacyCompiler().name()).isEqualTo("gcc");
    assertThat(migrated.legacyCompiler().version()).isEqualTo("10.2.1");
    assertThat(migrated.target()).isEqualTo("core2");

    ConcreteSpec gcc = r.specs().get("vd7v4ssgnoqdplgxyig3orum67n4vmhq");
    assertThat(gcc.external()).isTrue();
    assertThat(gcc.externalPath()).isEqualTo("/path");
    assertThat(r.inBuildcache(gcc.hash())).isFalse();
    assertThat(gcc.target()).isEqualTo("aarch64");
    assertThat(gcc.variant("languages"))
        .isEqualTo(Variant.multi("languages", java.util.List.of("c", "c++", "fortran")));
  }

  @Test
  void localInstallDatabaseUpgradedFromVersion7() throws IOException {
    IndexReader.Result r = read("fixtures/spack-testdata/database/index.json.v7_v8.json.gz");
    assertThat(r.specs()).hasSize(8);
    assertThat(r.specs().values()).extracting(ConcreteSpec::name).contains("hdf5", "cmake", "glibc");
    ConcreteSpec hdf5 =
        r.specs().values().stream().filter(s -> s.name().equals("hdf5")).findFirst().orElseThrow();
    assertThat(hdf5.legacyCompiler().toString()).contains("gcc").contains("10.5.0");
    assertThat(r.specs().values().stream().filter(ConcreteSpec::external).map(ConcreteSpec::name))
        .containsExactlyInAnyOrder("glibc", "cmake");
  }

  @Test
  void realVersion5BuildCacheIndexWithNameKeyedNodesAndVersionLast() throws IOException {
    IndexReader.Result r = read("real/indices/Paul-Ferrell_clingo-bootstrap__build_cache_index.json");
    assertThat(r.databaseVersion()).isEqualTo(5);
    assertThat(r.specs()).hasSize(82);
    assertThat(r.specs().keySet().stream().filter(r::inBuildcache).count()).isEqualTo(59);
    assertThat(r.specs().values().stream().filter(ConcreteSpec::external).count()).isEqualTo(23);
    assertThat(r.specs().values()).allSatisfy(s -> assertThat(s.specfileVersion()).isEqualTo(1));
    ConcreteSpec npth = r.specs().get("6vh3jypaf7u2zez3vohn66fvo6znt35l");
    assertThat(npth.name()).isEqualTo("npth");
    assertThat(npth.legacyCompiler()).isEqualTo(new io.cachescope.catalog.Compiler("gcc", "9.3.0"));
  }

  @Test
  void realProductionDatabaseVersion7() throws IOException {
    IndexReader.Result r = read("real/indices/NCAR_spack-derecho__.spack-db_index.json");
    assertThat(r.databaseVersion()).isEqualTo(7);
    assertThat(r.specs()).hasSize(1256);
    assertThat(r.specs().values().stream().map(ConcreteSpec::name).distinct().count()).isEqualTo(507);
    assertThat(r.specs().values().stream().filter(ConcreteSpec::external).count()).isEqualTo(70);
    long edges = r.specs().values().stream().mapToLong(s -> s.dependencies().size()).sum();
    assertThat(edges).isEqualTo(5079);
    assertThat(r.specs().values())
        .allSatisfy(s -> s.dependencies().forEach(d -> assertThat(r.specs()).containsKey(d.hash())));
  }

  @Test
  void stringsAreSharedBetweenRecords() throws IOException {
    IndexReader.Result r = read("real/indices/NCAR_spack-derecho__.spack-db_index.json");
    ConcreteSpec[] specs = r.specs().values().toArray(new ConcreteSpec[0]);
    assertThat(specs[0].os()).isSameAs(specs[specs.length - 1].os());
    // A dependency edge points at the very hash string of the record it names.
    for (ConcreteSpec s : specs) {
      for (Dependency d : s.dependencies()) {
        assertThat(d.hash()).isSameAs(r.specs().get(d.hash()).hash());
      }
    }
  }

  @Test
  void truncatedJsonNamesTheByteOffset() throws IOException {
    byte[] full =
        Files.readAllBytes(Fixtures.path("fixtures/spack-v3/v3_migrated_unsigned/build_cache/index.json"));
    for (int cut : new int[] {1, 100, full.length / 2, full.length - 1}) {
      String truncated = new String(full, 0, cut, StandardCharsets.UTF_8);
      assertThatThrownBy(() -> readText(truncated))
          .isInstanceOf(SourceException.class)
          .hasMessageStartingWith("test.json at ")
          .hasMessageContaining("byte ");
    }
  }

  @Test
  void unknownDatabaseVersionIsRejected() {
    assertThatThrownBy(() -> readText("{\"database\":{\"version\":\"9\",\"installs\":{}}}"))
        .isInstanceOf(SourceException.class)
        .hasMessage("test.json at /database/version: unsupported index database version '9' (cachescope reads 5 to 8)");
  }

  @Test
  void aRecordThatIsNotAnObjectIsNamedByItsPointer() {
    assertThatThrownBy(
            () -> readText("{\"database\":{\"version\":\"8\",\"installs\":{\"abc\":[1]}}}"))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("/database/installs/abc")
        .hasMessageContaining("not an object");
  }

  @Test
  void aSpecWithoutNameIsAnErrorAtItsPlace() {
    assertThatThrownBy(
            () ->
                readText(
                    "{\"database\":{\"version\":\"8\",\"installs\":{\"abc\":{\"spec\":{\"version\":\"1\"}}}}}"))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("/database/installs/abc")
        .hasMessageContaining("no name");
  }

  @Test
  void missingInBuildcacheMeansPresent() {
    IndexReader.Result r =
        readText(
            "{\"database\":{\"version\":\"6\",\"installs\":{\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\":{\"spec\":{\"arch\":{\"platform\":\"linux\",\"platform_os\":\"ubuntu22.04\",\"target\":\"x86_64\"},\"name\":\"zlib\",\"version\":\"1.3\",\"hash\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}}}}}");
    assertThat(r.inBuildcache("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")).isTrue();
    assertThat(r.specs().get("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa").specfileVersion()).isEqualTo(3);
  }

  @Test
  void recordsSpackCouldNotHaveWrittenAreLeftOutWithAWarning() {
    String good = "a".repeat(32);
    String json = "{\"database\":{\"version\":\"8\",\"installs\":{"
        + "\"" + good + "\":{\"spec\":{\"arch\":{\"platform\":\"linux\",\"platform_os\":\"ubuntu22.04\",\"target\":\"x86_64\"},\"name\":\"zlib\",\"version\":\"1.3\",\"hash\":\"" + good + "\"}},"
        + "\"abcdefgh$(touch${IFS}/tmp/x)\":{\"spec\":{\"name\":\"zlib\",\"version\":\"1.3\",\"hash\":\"abcdefgh$(touch${IFS}/tmp/x)\"}},"
        + "\"" + "b".repeat(32) + "\":{\"spec\":{\"name\":\"zlib;touch /tmp/y;\",\"version\":\"1.3\",\"hash\":\"" + "b".repeat(32) + "\"}},"
        + "\"" + "c".repeat(32) + "\":{\"spec\":{\"name\":\"zlib\",\"version\":\"1.3 $(x)\\u001b[31m\",\"hash\":\"" + "c".repeat(32) + "\"}},"
        + "\"" + "d".repeat(32) + "\":{\"spec\":{\"name\":\"zlib\",\"version\":\"1.3\",\"hash\":\"" + "d".repeat(32) + "\"}}"
        + "}}}";
    IndexReader.Result r = readText(json);
    assertThat(r.specs().keySet()).containsExactly(good);
    assertThat(r.warnings()).hasSize(4);
    assertThat(r.warnings().get(0)).contains("at /database/installs/abcdefgh$(touch${IFS}/tmp/x)").contains("not 32 base32 characters");
    assertThat(r.warnings().get(1)).contains("'zlib;touch /tmp/y;' is not a Spack package name");
    assertThat(r.warnings().get(2)).contains("is not a Spack version").contains("\\u001b").doesNotContain("\u001b[31m");
    assertThat(r.warnings().get(3)).contains("/database/installs/" + "d".repeat(32)).contains("no architecture");
  }
}
