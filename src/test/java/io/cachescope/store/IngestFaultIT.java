package io.cachescope.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachescope.Fixtures;
import io.cachescope.Reliability;
import io.cachescope.catalog.Tag;
import io.cachescope.mirror.CatalogReader;
import io.cachescope.mirror.MirrorReader;
import io.cachescope.mirror.Sources;
import io.cachescope.mirror.TransportOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A mirror failing for good does not stop an ingest: the good stacks publish, the bad keeps its old state. */
class IngestFaultIT {

  @TempDir Path tmp;

  @Test
  void goodStacksPublishAndAFailingOneKeepsItsLastGoodState() throws Exception {
    Path root = tmp.resolve("mirrors");
    Fixtures.copy("fixtures/spack-testdata/mirrors/v2_layout/unsigned", root.resolve("good"));
    Fixtures.copy("fixtures/spack-v3/v3_migrated_unsigned", root.resolve("bad"));
    try (io.cachescope.mirror.FaultServerAccess server = new io.cachescope.mirror.FaultServerAccess(root)) {
      Sources sources = new Sources(List.of(new Sources.TagSource("develop-2025-03-30", List.of(
          new Sources.StackSource("good", server.uri() + "/good", null),
          new Sources.StackSource("bad", server.uri() + "/bad", null)))));
      TransportOptions quick = TransportOptions.defaults().withCacheDir(tmp.resolve("cache"))
          .withRetries(3, Duration.ofMillis(2), Duration.ofMillis(10)).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(2));
      CatalogReader reader = new CatalogReader(MirrorReader.Options.defaults(), quick, w -> {});
      String db = tmp.resolve("catalog.db").toString();
      try (CatalogStore store = CatalogStore.open(db)) {
        Ingest.Report first = Ingest.run(sources, store, reader, m -> {});
        assertThat(first.failures()).isEmpty();
        Tag before = store.loadTag("develop-2025-03-30").orElseThrow();

        // Both mirrors change; one now fails on every attempt.
        Files.writeString(root.resolve("good/build_cache/index.json.hash"), "changed\n");
        Files.writeString(root.resolve("bad/build_cache/index.json.hash"), "changed\n");
        int injected = 0;
        for (int i = 0; i < 6; i++) {
          server.fail("/bad/build_cache/index.json", i % 2 == 0 ? 503 : 500);
          injected++;
        }
        Ingest.Report second = Ingest.run(sources, store, reader, m -> {});
        assertThat(second.failures()).singleElement().asString().contains("/bad").contains("after 3 attempts");
        assertThat(second.stacksRead()).isEqualTo(1);
        Tag after = store.loadTag("develop-2025-03-30").orElseThrow();
        assertThat(after.stacks()).hasSize(2);
        assertThat(after.stacks().get(1).index().specs().keySet()).isEqualTo(before.stacks().get(1).index().specs().keySet());
        assertThat(after.stacks().get(0).index().specs().keySet()).isEqualTo(before.stacks().get(0).index().specs().keySet());
        Reliability.record("failing mirror during ingest", "2 stacks, 1 failing for good", injected + " (503s and 500s)",
            "1 stack reported, the other published", second.failures().size() + " reported, " + second.stacksRead() + " published",
            "none (the failing stack keeps its last good generation)");
      }
    }
  }
}
