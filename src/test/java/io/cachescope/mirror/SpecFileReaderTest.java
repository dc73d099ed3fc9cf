package io.cachescope.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachescope.Fixtures;
import io.cachescope.SourceException;
import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Dependency;
import io.cachescope.catalog.Interner;
import io.cachescope.catalog.SignatureState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SpecFileReaderTest {

  static SpecFile read(String resource) throws IOException {
    byte[] bytes = Files.readAllBytes(Fixtures.path(resource));
    return new SpecFileReader(new Interner())
        .read(bytes, resource, Keyring.empty(), resource.endsWith(".yaml"));
  }

  /** Spack's own test: the stored root hash of every spec file format (docs/spack-formats.md, "Spec files and nodes"). */
  @ParameterizedTest
  @CsvSource({
    "hdf5.v013.json.gz, 1, vglgw4reavn65vx5d4dlqn6rjywnq76d",
    "hdf5.v016.json.gz, 1, stp45yvzte43xdauknaj3auxlxb4xvzs",
    "hdf5.v017.json.gz, 2, xqh5iyjjtrp2jw632cchacn3l7vqzf3m",
    "hdf5.v019.json.gz, 3, iulacrbz7o5v5sbj7njbkyank3juh6d3",
    "hdf5.v020.json.gz, 4, vlirlcgazhvsvtundz4kug75xkkqqgou",
  })
  void everySpecFileFormatReadsWithItsRootHashAndResolvedEdges(
      String file, int format, String hash) throws IOException {
    SpecFile spec = read("fixtures/spack-testdata/specfiles/" + file);
    assertThat(spec.formatVersion()).isEqualTo(format);
    assertThat(spec.root().name()).isEqualTo("hdf5");
    assertThat(spec.root().hash()).isEqualTo(hash);
    assertThat(spec.root().legacyCompiler()).isNotNull();
    Set<String> hashes = spec.nodes().stream().map(ConcreteSpec::hash).collect(Collectors.toSet());
    assertThat(hashes).hasSize(spec.nodes().size());
    for (ConcreteSpec n : spec.nodes()) {
      for (Dependency d : n.dependencies()) {
        assertThat(hashes).as("%s -> %s in %s", n.name(), d.name(), file).contains(d.hash());
      }
    }
  }

  @Test
  void version4EdgesCarryVirtuals() throws IOException {
    SpecFile spec = read("fixtures/spack-testdata/specfiles/hdf5.v020.json.gz");
    assertThat(spec.root().dependencies())
        .anySatisfy(d -> assertThat(d.virtuals()).containsExactly("mpi"));
  }

  @Test
  void yamlSpecFileOfTheLegacyMirror() throws IOException {
    SpecFile spec =
        read(
            "fixtures/spack-testdata/mirrors/legacy_yaml/build_cache/"
                + "test-debian6-core2-gcc-4.5.0-zlib-1.2.11-t5mczux3tfqpxwmg7egp7axy2jvyulqk.spec.yaml");
    assertThat(spec.formatVersion()).isEqualTo(1);
    assertThat(spec.root().hash()).isEqualTo("t5mczux3tfqpxwmg7egp7axy2jvyulqk");
    assertThat(spec.root().version()).isEqualTo("1.2.11");
    assertThat(spec.root().legacyCompiler().version()).isEqualTo("4.5.0");
    assertThat(spec.signature()).isEqualTo(SignatureState.UNSIGNED);
  }

  @Test
  void clearSignedVersion2SpecFile() throws IOException {
    SpecFile spec =
        read(
            "fixtures/spack-testdata/mirrors/signed_json/"
                + "linux-ubuntu18.04-haswell-gcc-8.4.0-zlib-1.2.12-g7otk5dra3hifqxej36m5qzm7uyghqgb.spec.json.sig");
    assertThat(spec.root().name()).isEqualTo("zlib");
    assertThat(spec.root().hash()).isEqualTo("g7otk5dra3hifqxej36m5qzm7uyghqgb");
    assertThat(spec.signature()).isNotEqualTo(SignatureState.UNSIGNED);
  }

  @Test
  void tooNewLayoutVersionIsRejectedEvenAsAString() {
    String json =
        "{\"spec\":{\"_meta\":{\"version\":3},\"nodes\":[{\"name\":\"a\",\"version\":\"1\",\"hash\":\"h\"}]},"
            + "\"buildcache_layout_version\":\"10\"}";
    assertThatThrownBy(
            () ->
                new SpecFileReader(new Interner())
                    .read(json.getBytes(StandardCharsets.UTF_8), "x.spec.json", Keyring.empty(), false))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("x.spec.json at /buildcache_layout_version")
        .hasMessageContaining("'10'");
  }

  @Test
  void unknownSpecFormatIsRejected() {
    String json = "{\"spec\":{\"_meta\":{\"version\":6},\"nodes\":[]}}";
    assertThatThrownBy(
            () ->
                new SpecFileReader(new Interner())
                    .read(json.getBytes(StandardCharsets.UTF_8), "x.spec.json", Keyring.empty(), false))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("unsupported spec file version 6");
  }
}
