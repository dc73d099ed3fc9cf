package io.cachescope.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachescope.SourceException;
import org.junit.jupiter.api.Test;

class OciReferenceTest {

  @Test
  void parsesSpackMirrorUrlsWithDockerHubDefaults() {
    assertThat(OciReference.parse("oci://ghcr.io/spack/github-actions-buildcache"))
        .isEqualTo(new OciReference("https", "ghcr.io", "spack/github-actions-buildcache"));
    assertThat(OciReference.parse("oci+http://localhost:5000/My/Cache/"))
        .isEqualTo(new OciReference("http", "localhost:5000", "my/cache"));
    assertThat(OciReference.parse("oci://user/img")).isEqualTo(new OciReference("https", "index.docker.io", "user/img"));
    assertThat(OciReference.parse("oci://ubuntu")).isEqualTo(new OciReference("https", "index.docker.io", "library/ubuntu"));
    assertThat(OciReference.parse("oci://ghcr.io/a/b").manifestUri("index.spack"))
        .hasToString("https://ghcr.io/v2/a/b/manifests/index.spack");
    assertThat(OciReference.parse("oci+http://127.0.0.1:5000/a").toString()).isEqualTo("oci+http://127.0.0.1:5000/a");
  }

  @Test
  void refusesWhatIsNoRepository() {
    assertThatThrownBy(() -> OciReference.parse("oci://ghcr.io/a/b:latest")).isInstanceOf(SourceException.class)
        .hasMessageContaining("not an image");
    assertThatThrownBy(() -> OciReference.parse("oci://ghcr.io/a b")).isInstanceOf(SourceException.class);
    assertThatThrownBy(() -> OciReference.parse("oci://")).isInstanceOf(SourceException.class);
  }

  @Test
  void specTagsAreSpacksValidTags() {
    assertThat(OciReference.specTag("ninja", "1.11.1", "yxferyhmrjkosgta5ei6b4lqf6bxbscz"))
        .isEqualTo("ninja-1.11.1-yxferyhmrjkosgta5ei6b4lqf6bxbscz.spack");
    assertThat(OciReference.specTag("py-x", "git.main=1.0", "h")).isEqualTo("py-x-git.main_1.0-h.spack");
    String longName = "a".repeat(120);
    String tag = OciReference.specTag(longName, "1.0", "yxferyhmrjkosgta5ei6b4lqf6bxbscz");
    assertThat(tag).hasSize(128).startsWith("a".repeat(64)).endsWith("1.0-yxferyhmrjkosgta5ei6b4lqf6bxbscz.spack");
    assertThat(OciReference.isSpecTag("index.spack")).isFalse();
    assertThat(OciReference.isSpecTag("zlib-1.3-abc.spack")).isTrue();
    assertThat(OciReference.isSpecTag("latest")).isFalse();
  }
}
