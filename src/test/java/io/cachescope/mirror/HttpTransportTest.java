package io.cachescope.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachescope.Fixtures;
import io.cachescope.SourceException;
import io.cachescope.catalog.Catalog;
import io.cachescope.render.BuildcacheList;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fixture mirrors over real HTTP on loopback, with injected faults. */
class HttpTransportTest {

  @TempDir Path tmp;

  TransportOptions options() {
    return TransportOptions.defaults()
        .withCacheDir(tmp.resolve("cache"))
        .withRetries(5, Duration.ofMillis(5), Duration.ofMillis(50))
        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
  }

  static String listing(Catalog catalog) {
    io.cachescope.catalog.Union all = catalog.union();
    List<io.cachescope.catalog.ConcreteSpec> shown = new ArrayList<>();
    for (var s : all.all()) {
      if (all.inBuildcache(s.hash()) || s.external()) {
        shown.add(s);
      }
    }
    return BuildcacheList.render(shown, all.specs(),
        new BuildcacheList.Options(true, false, false, true), false, 80,
        java.util.function.UnaryOperator.identity());
  }

  Catalog read(String url, TransportOptions options) {
    return new CatalogReader(MirrorReader.Options.defaults(), options, w -> {})
        .read(Sources.ofMirrors(List.of(url), null));
  }

  @Test
  void faultsAreRetriedAndTheListingIsSpacks() throws IOException {
    Path mirror = Fixtures.path("fixtures/spack-v3/v3_migrated_unsigned");
    try (FaultServer server = new FaultServer(mirror)) {
      String manifest = "/v3/manifests/index/index.manifest.json";
      String blob = "/blobs/sha256/0f/0f0edf0bf52e93dde66d079b627368a9e126eb3c25105e64f74ac3a8a9449d78";
      server.inject(manifest, FaultServer.Fault.status(500), FaultServer.Fault.status(503, "1"));
      server.inject(blob, FaultServer.Fault.cut(), FaultServer.Fault.status(429, "1"), FaultServer.Fault.slow(300));
      server.inject("/build_cache/index.json", FaultServer.Fault.cut(), FaultServer.Fault.status(502));
      Catalog catalog = read(server.uri().toString(), options());
      assertThat(listing(catalog)).isEqualTo(Fixtures.read("fixtures/spack-v3/golden_buildcache_list_a_l_v.txt"));
      assertThat(server.seen(manifest)).extracting(FaultServer.Seen::status).containsExactly(500, 503, 200);
      assertThat(server.seen(blob)).extracting(FaultServer.Seen::status).containsExactly(-1, 429, 200);
      io.cachescope.Reliability.record("failing mirror over HTTP", server.seen.size() + " requests", "2 errors 5xx, 1 429, 2 cut bodies, 1 slow, 1 502",
          "retried, same listing as Spack", "all retried, listing equal to the golden", "none");
    }
  }

  @Test
  void anUnchangedIndexIsNotDownloadedAgain() throws IOException {
    Path mirror = Fixtures.path("fixtures/spack-v3/v3_migrated_unsigned");
    try (FaultServer server = new FaultServer(mirror)) {
      String first = listing(read(server.uri().toString(), options()));
      String second = listing(read(server.uri().toString(), options()));
      assertThat(second).isEqualTo(first);
      assertThat(server.seen("/build_cache/index.json"))
          .extracting(FaultServer.Seen::status)
          .containsExactly(200, 304);
      assertThat(server.seen("/build_cache/index.json").get(1).ifNoneMatch()).isNotNull();
    }
  }

  @Test
  void permanentErrorsNameTheUrlAndMissingFilesAreEmpty() throws IOException {
    Path mirror = Fixtures.path("fixtures/spack-v3/v3_migrated_unsigned");
    try (FaultServer server = new FaultServer(mirror)) {
      HttpTransport http = new HttpTransport(options());
      assertThat(http.get(server.uri().resolve("/no/such/file"))).isEmpty();
      String manifest = "/v3/manifests/index/index.manifest.json";
      for (int i = 0; i < 5; i++) {
        server.inject(manifest, FaultServer.Fault.status(500));
      }
      assertThatThrownBy(() -> http.get(server.uri().resolve(manifest)))
          .isInstanceOf(SourceException.class)
          .hasMessageContaining(server.uri().resolve(manifest).toString())
          .hasMessageContaining("HTTP 500 after 5 attempts");
    }
  }

  @Test
  void anUnreachableMirrorIsAOneLineError() {
    TransportOptions quick = options().withRetries(2, Duration.ofMillis(1), Duration.ofMillis(1));
    assertThatThrownBy(() -> read("http://127.0.0.1:9/mirror", quick))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("http://127.0.0.1:9/mirror")
        .hasMessageContaining("after 2 attempts");
  }

  @Test
  void s3MirrorsAreListedPageByPageWhenTheyHaveNoIndex() throws IOException {
    Path bucket = tmp.resolve("bucket");
    Path mirror = Fixtures.copy("fixtures/spack-v3/v3_migrated_unsigned", bucket.resolve("bucket/develop/e4s"));
    Files.delete(mirror.resolve("v3/manifests/index/index.manifest.json"));
    Files.delete(mirror.resolve("build_cache/index.json"));
    List<String> keys = new ArrayList<>();
    try (var files = Files.walk(mirror)) {
      files.filter(Files::isRegularFile).forEach(p -> keys.add(bucket.resolve("bucket").relativize(p).toString()));
    }
    try (FaultServer server = new FaultServer(bucket)) {
      // Two pages: the first names a continuation token, the second ends the listing.
      server.route("/bucket/?list-type=2", query -> {
        boolean second = query.contains("continuation-token");
        String prefix = java.net.URLDecoder.decode(query.replaceAll(".*prefix=([^&]*).*", "$1"), java.nio.charset.StandardCharsets.UTF_8);
        List<String> matching = keys.stream().filter(k -> k.startsWith(prefix)).sorted().toList();
        List<String> page = second ? matching.subList(matching.size() / 2, matching.size()) : matching.subList(0, matching.size() / 2);
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\"?><ListBucketResult>");
        xml.append("<IsTruncated>").append(!second).append("</IsTruncated>");
        if (!second) {
          xml.append("<NextContinuationToken>t2</NextContinuationToken>");
        }
        page.forEach(k -> xml.append("<Contents><Key>").append(k).append("</Key></Contents>"));
        return xml.append("</ListBucketResult>").toString();
      });
      TransportOptions s3 = options().withS3Endpoint(server.uri().toString());
      Catalog catalog = read("s3://bucket/develop/e4s", s3);
      assertThat(catalog.tags().get(0).stacks().get(0).index().memberships().values().stream().filter(m -> m.inBuildcache()).count())
          .isEqualTo(6);
      assertThat(server.seen).anyMatch(s -> s.path().contains("continuation-token=t2"));
    }
  }

  @Test
  void anS3ListingThatRepeatsItsTokenStops() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("loop/bucket"));
    try (FaultServer server = new FaultServer(empty.getParent())) {
      server.route("/bucket/?list-type=2", query ->
          "<?xml version=\"1.0\"?><ListBucketResult><IsTruncated>true</IsTruncated>"
              + "<NextContinuationToken>same</NextContinuationToken></ListBucketResult>");
      TransportOptions s3 = options().withS3Endpoint(server.uri().toString());
      long start = System.nanoTime();
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> read("s3://bucket/develop/e4s", s3))
          .isInstanceOf(io.cachescope.SourceException.class)
          .hasMessageContaining("repeats continuation token 'same'");
      assertThat(System.nanoTime() - start).isLessThan(java.time.Duration.ofSeconds(30).toNanos());
    }
  }

  @Test
  void aStallingADrippingAndAnEndlessBodyAllStop() throws Exception {
    Path root = Fixtures.copy("fixtures/spack-v3/v3_migrated_unsigned", tmp.resolve("slow"));
    try (FaultServer server = new FaultServer(root)) {
      URI index = URI.create(server.uri() + "/build_cache/index.json");
      TransportOptions once = options().withRetries(1, Duration.ofMillis(1), Duration.ofMillis(1));

      server.inject("/build_cache/index.json", FaultServer.Fault.drip(3_000));
      long t0 = System.nanoTime();
      try (Transport t = new HttpTransport(once.withTransferLimits(Duration.ofMinutes(5), Duration.ofSeconds(1), 1 << 30))) {
        assertThatThrownBy(() -> t.get(index)).hasMessageContaining("no data for PT1S");
      }
      server.inject("/build_cache/index.json", FaultServer.Fault.drip(200));
      try (Transport t = new HttpTransport(once.withTransferLimits(Duration.ofSeconds(2), Duration.ofSeconds(10), 1 << 30))) {
        assertThatThrownBy(() -> t.get(index)).hasMessageContaining("transfer took longer than PT2S");
      }
      server.inject("/build_cache/index.json", FaultServer.Fault.endless());
      try (Transport t = new HttpTransport(once.withTransferLimits(Duration.ofMinutes(5), Duration.ofSeconds(10), 1 << 20))) {
        assertThatThrownBy(() -> t.get(index)).isInstanceOf(SourceException.class).hasMessageContaining("larger than 1 MiB");
      }
      assertThat(System.nanoTime() - t0).isLessThan(Duration.ofSeconds(30).toNanos());
    }
  }
}
