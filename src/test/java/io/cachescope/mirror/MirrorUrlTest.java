package io.cachescope.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachescope.SourceException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MirrorUrlTest {

  @Test
  void schemesResolveToWhatIsFetched() {
    assertThat(MirrorUrl.parse("https://binaries.spack.io/develop/e4s/", null).root())
        .hasToString("https://binaries.spack.io/develop/e4s");
    assertThat(MirrorUrl.parse("s3://spack-binaries/develop/e4s", null).root())
        .hasToString("https://binaries.spack.io/develop/e4s");
    MirrorUrl other = MirrorUrl.parse("s3://my-bucket/cache", null);
    assertThat(other.root()).hasToString("https://my-bucket.s3.amazonaws.com/cache");
    assertThat(other.s3Bucket()).contains("my-bucket");
    assertThat(other.s3Prefix()).isEqualTo("cache");
    assertThat(MirrorUrl.parse("s3://b/p", "http://127.0.0.1:9000/").root()).hasToString("http://127.0.0.1:9000/b/p");
    assertThat(Path.of(MirrorUrl.parse("relative/mirror", null).root()))
        .isEqualTo(Path.of("relative/mirror").toAbsolutePath().normalize());
    assertThat(MirrorUrl.parse("file:///srv/mirror", null).isLocal()).isTrue();
  }

  @Test
  void directIndexLinksNameTheirLayoutAndView() {
    MirrorUrl v2 = MirrorUrl.parse("https://example.org/m/build_cache/index.json", null);
    assertThat(v2.root()).hasToString("https://example.org/m");
    assertThat(v2.indexFile()).contains("build_cache/index.json");
    MirrorUrl v3 = MirrorUrl.parse("https://example.org/m/v3/manifests/index/index.manifest.json", null);
    assertThat(v3.indexFile()).contains("v3/manifests/index/index.manifest.json");
    assertThat(v3.view()).isEmpty();
    MirrorUrl view = MirrorUrl.parse("s3://spack-binaries/develop/v3/manifests/index/e4s/index.manifest.json", null);
    assertThat(view.root()).hasToString("https://binaries.spack.io/develop");
    assertThat(view.view()).isEqualTo(Optional.of("e4s"));
    assertThat(view.s3Prefix()).isEqualTo("develop");
  }

  @Test
  void badUrlsAreRefusedByName() {
    assertThatThrownBy(() -> MirrorUrl.parse("ftp://example.org/m", null))
        .isInstanceOf(SourceException.class).hasMessageContaining("ftp://example.org/m").hasMessageContaining("'ftp'");
    assertThatThrownBy(() -> MirrorUrl.parse("  ", null)).isInstanceOf(SourceException.class);
    assertThatThrownBy(() -> MirrorUrl.parse("s3:///x", null)).isInstanceOf(SourceException.class);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "file://localhost-typo/x | not a local path",
      "file:///x?q | not a local path",
      "http://127.0.0.1:99999/m | port 99999 is out of range",
      "https://exa mple/x | malformed URL",
  })
  void aTypoIsOneErrorNamingTheUrl(String url, String says) {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> MirrorUrl.parse(url, null))
        .isInstanceOf(io.cachescope.SourceException.class)
        .hasMessageStartingWith(url)
        .hasMessageContaining(says);
  }
}
