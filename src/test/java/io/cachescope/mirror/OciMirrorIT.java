package io.cachescope.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachescope.Fixtures;
import io.cachescope.SourceException;
import io.cachescope.catalog.Stack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading OCI build caches from a real registry: the token flow and what goes wrong. */
class OciMirrorIT {

  static final Path MIRROR = Fixtures.path("fixtures/spack-v3/v3_migrated_unsigned");

  static CatalogReader reader(Path cache, OciCredentials login, boolean sizes) {
    TransportOptions t = TransportOptions.defaults().withCacheDir(cache).withOciCredentials(login)
        .withRetries(2, Duration.ofMillis(10), Duration.ofMillis(50));
    return new CatalogReader(new MirrorReader.Options(null, null, sizes, false), t, w -> {});
  }

  static Stack read(CatalogReader reader, String url) throws Exception {
    return reader.readStack(new Sources.StackSource("root", url, null));
  }

  @Test
  void anAnonymousPullGoesThroughTheTokenFlow(@TempDir Path dir) throws Exception {
    try (TokenService tokens = new TokenService(true); TestRegistry registry = TestRegistry.withTokens(dir, tokens)) {
      new OciPush(registry.hostPort, "public/cache", tokens.pushToken("public/cache")).copyMirror(MIRROR, true);
      Stack s = read(reader(dir.resolve("c"), null, true), registry.url("public/cache"));
      Stack original = read(reader(dir.resolve("c"), null, true), MIRROR.toString());
      assertThat(s.index().specs().keySet()).isEqualTo(original.index().specs().keySet());
      assertThat(s.index().specs()).isEqualTo(original.index().specs());
      original.index().memberships().forEach((hash, m) -> {
        if (m.inBuildcache()) {
          assertThat(s.index().memberships().get(hash).tarballSize()).as(hash).isEqualTo(m.tarballSize()).isPositive();
        }
      });
      assertThat(tokens.logins).isNotEmpty().allMatch("null"::equals);
    }
  }

  @Test
  void aMissingRepositoryIsOneClearError(@TempDir Path dir) throws Exception {
    try (TestRegistry registry = TestRegistry.anonymous(dir)) {
      assertThatThrownBy(() -> read(reader(dir, null, false), registry.url("no/such/repo")))
          .isInstanceOf(SourceException.class)
          .hasMessageContaining("no/such/repo").hasMessageContaining("no such repository");
    }
  }

  @Test
  void aBlobThatDoesNotMatchItsDigestIsRefused(@TempDir Path dir) throws Exception {
    try (TestRegistry registry = TestRegistry.anonymous(dir)) {
      OciPush push = new OciPush(registry.hostPort, "broken/cache", null);
      byte[] database = OciPush.indexOf(MIRROR);
      push.pushIndex(database);
      Path stored = registry.blobFile(OciRegistry.sha256(database));
      byte[] corrupt = Files.readAllBytes(stored);
      corrupt[corrupt.length / 2] ^= 1;
      Files.write(stored, corrupt);
      assertThatThrownBy(() -> read(reader(dir.resolve("c"), null, false), registry.url("broken/cache")))
          .isInstanceOf(SourceException.class)
          .hasMessageContaining("broken/cache").hasMessageContaining("digest mismatch");
      String hex = OciRegistry.sha256(database).substring("sha256:".length());
      assertThat(dir.resolve("c/oci-blobs/sha256/" + hex.substring(0, 2) + "/" + hex)).as("nothing bad is cached").doesNotExist();
    }
  }

  @Test
  void aRegistryThatIsDownIsOneErrorAfterRetries(@TempDir Path dir) throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String url = "oci+http://127.0.0.1:" + port + "/gone/cache";
    assertThatThrownBy(() -> read(reader(dir, null, false), url))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("gone/cache").hasMessageContaining("after 2 attempts");
  }
}
