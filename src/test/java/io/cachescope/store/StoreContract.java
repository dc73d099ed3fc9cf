package io.cachescope.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachescope.Fixtures;
import io.cachescope.SourceException;
import io.cachescope.catalog.BuildCacheIndex;
import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Layout;
import io.cachescope.catalog.Membership;
import io.cachescope.catalog.SignatureState;
import io.cachescope.catalog.Stack;
import io.cachescope.catalog.Tag;
import io.cachescope.corpus.CorpusGenerator;
import io.cachescope.mirror.CatalogReader;
import io.cachescope.mirror.MirrorReader;
import io.cachescope.mirror.Sources;
import io.cachescope.render.SpecsPage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog store's behaviour, run against SQLite and PostgreSQL by the two subclasses. */
abstract class StoreContract {

  @TempDir Path tmp;

  /** A fresh, empty database for one test. */
  abstract String freshDatabase() throws Exception;

  String db;
  Sources sources;

  @BeforeEach
  void setUp() throws Exception {
    db = freshDatabase();
    CorpusGenerator.Summary s = CorpusGenerator.builder().seed(11).layout(CorpusGenerator.Layout.V2).build().writeTo(tmp.resolve("corpus"));
    sources = Sources.read(s.sources());
  }

  CatalogReader reader() {
    return new CatalogReader(MirrorReader.Options.defaults(), w -> {});
  }

  @Test
  void aTagReadBackRendersTheSamePagesAsTheMirrors() {
    try (CatalogStore store = CatalogStore.open(db)) {
      Ingest.Report r = Ingest.run(sources, store, reader(), m -> {});
      assertThat(r.stacksRead()).isEqualTo(8);
      assertThat(store.tags()).containsExactly("develop-2025-03-30", "develop-2025-03-23");
      for (Tag direct : reader().read(sources).tags()) {
        Tag stored = store.loadTag(direct.name()).orElseThrow();
        assertThat(stored.stacks()).extracting(Stack::label).containsExactlyElementsOf(direct.stacks().stream().map(Stack::label).toList());
        for (int i = 0; i < direct.stacks().size(); i++) {
          assertThat(stored.stacks().get(i).index().specs().keySet())
              .containsExactlyInAnyOrderElementsOf(direct.stacks().get(i).index().specs().keySet());
        }
        assertThat(SpecsPage.renderTag(stored, false)).isEqualTo(SpecsPage.renderTag(direct, false));
      }
    }
  }

  /** A sources file of two tags, one stack each: {@code old} and {@code new}. */
  private Sources twoTags(String oldUrl, String newUrl) throws IOException {
    Path file = tmp.resolve("two-tags.json");
    Files.writeString(file, "{\"old\": [{\"label\": \"root\", \"url\": \"" + oldUrl + "\"}],"
        + " \"new\": [{\"label\": \"root\", \"url\": \"" + newUrl + "\"}]}");
    return Sources.read(file);
  }

  private static Membership held(CatalogStore store, String tag, String hash) {
    return store.loadTag(tag).orElseThrow().stacks().get(0).index().membership(hash);
  }

  @Test
  void aReingestWithVerifyReadsAgainAndRecordsTheSignatures() {
    String signed = Fixtures.path("fixtures/spack-v3/v3_migrated_signed").toString();
    Sources one = Sources.ofMirrors(List.of(signed), null);
    try (CatalogStore store = CatalogStore.open(db)) {
      Ingest.run(one, store, reader(), m -> {});
      BuildCacheIndex first = store.loadTag(Sources.MIRROR_TAG).orElseThrow().stacks().get(0).index();
      List<String> cached = first.all().stream().map(ConcreteSpec::hash).filter(first::inBuildcache).toList();
      assertThat(cached).hasSize(6);
      assertThat(cached).allSatisfy(h -> assertThat(first.membership(h).signature()).isEqualTo(SignatureState.UNVERIFIED));

      CatalogReader verifying = new CatalogReader(new MirrorReader.Options(null, null, true, false), w -> {});
      Ingest.Report again = Ingest.run(one, store, verifying, m -> {});
      assertThat(again.stacksRead()).as("other read options, so read again").isEqualTo(1);
      BuildCacheIndex second = store.loadTag(Sources.MIRROR_TAG).orElseThrow().stacks().get(0).index();
      assertThat(cached).allSatisfy(h -> {
        assertThat(second.membership(h).signature()).isEqualTo(SignatureState.VERIFIED);
        assertThat(second.membership(h).tarballSize()).isPositive();
        assertThat(second.membership(h).signer()).isEqualTo("8272A1555C46DFB0B68315E112DF5F2E30831FA1");
      });
      assertThat(Ingest.run(one, store, verifying, m -> {}).stacksRead()).isZero();
    }
  }

  @Test
  void layoutsBelongToEachTagNotToTheSpec() throws IOException {
    String v2 = Fixtures.path("fixtures/spack-testdata/mirrors/v2_layout/unsigned").toString();
    String v3 = Fixtures.path("fixtures/spack-v3/v3_migrated_unsigned/v3/manifests/index/index.manifest.json").toString();
    try (CatalogStore store = CatalogStore.open(db)) {
      Ingest.run(twoTags(v2, v3), store, reader(), m -> {});
      BuildCacheIndex old = store.loadTag("old").orElseThrow().stacks().get(0).index();
      String hash = old.all().stream().map(ConcreteSpec::hash).filter(old::inBuildcache).findFirst().orElseThrow();
      assertThat(held(store, "old", hash).layouts()).isEqualTo(Layout.V2.bit());
      assertThat(held(store, "new", hash).layouts()).isEqualTo(Layout.V3.bit());
    }
  }

  @Test
  void writersOfDifferentTagsOnOneFreshCatalogAllPublish() throws Exception {
    int writers = 3;
    int tagsEach = 2;
    String mirror = Fixtures.path("fixtures/spack-v3/v3_migrated_unsigned").toString();
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
    List<java.util.concurrent.Future<?>> done = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      done.add(pool.submit(() -> {
        // Each writer its own connection, migrating the fresh catalog as it opens it.
        try (CatalogStore store = CatalogStore.open(db)) {
          for (int t = 0; t < tagsEach; t++) {
            Path file = tmp.resolve("w" + writer + "-" + t + ".json");
            Files.writeString(file, "{\"tag-" + writer + "-" + t + "\": [{\"label\": \"root\", \"url\": \"" + mirror + "\"}]}");
            Ingest.Report r = Ingest.run(Sources.read(file), store, reader(), m -> {});
            assertThat(r.failures()).isEmpty();
          }
        }
        return null;
      }));
    }
    pool.shutdown();
    for (var f : done) {
      f.get(120, java.util.concurrent.TimeUnit.SECONDS);
    }
    try (CatalogStore store = CatalogStore.open(db)) {
      assertThat(store.tags()).hasSize(writers * tagsEach);
      for (String tag : store.tags()) {
        assertThat(store.loadTag(tag).orElseThrow().stacks().get(0).index().specs()).hasSize(7);
      }
    }
  }

  @Test
  void unchangedStacksAreNotReadAgainAndAChangedOneIsReplaced() throws IOException {
    try (CatalogStore store = CatalogStore.open(db)) {
      Ingest.run(sources, store, reader(), m -> {});
      Ingest.Report again = Ingest.run(sources, store, reader(), m -> {});
      assertThat(again.stacksRead()).isZero();
      assertThat(again.stacksUnchanged()).isEqualTo(8);

      // Rewrite one stack's index without one of its in-cache records.
      Sources.StackSource e4s = sources.tags().get(0).stacks().get(1);
      Path index = Path.of(e4s.url()).resolve("build_cache/index.json");
      Tag before = store.loadTag("develop-2025-03-30").orElseThrow();
      var e4sIndex = before.stacks().get(1).index();
      ConcreteSpec victim = e4sIndex.all().stream()
          .filter(s -> e4sIndex.inBuildcache(s.hash()) && s.dependencies().isEmpty()).findFirst().orElseThrow();
      String text = Files.readString(index);
      int start = text.indexOf("\"" + victim.hash() + "\":{");
      int end = text.indexOf("\"in_buildcache\":true}", start) + "\"in_buildcache\":true}".length();
      String cut = text.substring(0, start) + text.substring(end + (text.charAt(end) == ',' ? 1 : 0));
      Files.writeString(index, cut.replace(",}}}", "}}}"));
      Files.writeString(index.resolveSibling("index.json.hash"), "changed\n");

      Ingest.Report third = Ingest.run(sources, store, reader(), m -> {});
      assertThat(third.stacksRead()).isEqualTo(1);
      Tag after = store.loadTag("develop-2025-03-30").orElseThrow();
      assertThat(after.stacks().get(1).index().specs()).doesNotContainKey(victim.hash())
          .hasSize(before.stacks().get(1).index().specs().size() - 1);
      assertThat(after.stacks().get(0).index().specs().keySet()).isEqualTo(before.stacks().get(0).index().specs().keySet());
    }
  }

  @Test
  void aFailedPublishLeavesNoRowBehind() {
    try (CatalogStore store = CatalogStore.open(db)) {
      Ingest.run(sources, store, reader(), m -> {});
      Tag before = store.loadTag("develop-2025-03-23").orElseThrow();
      List<ConcreteSpec> bad = new ArrayList<>(before.stacks().get(1).index().all());
      bad.add(new ConcreteSpec("broken", null, "1", null, null, null, null, null, List.of(), Map.of(), List.of(),
          false, null, 5, null));
      Stack broken = new Stack("e4s", "mem:", io.cachescope.Specs.index("mem:", bad));
      assertThatThrownBy(() -> store.publish("develop-2025-03-23", 1,
              List.of(new CatalogStore.ReadStack(broken, "x")), List.of("root", "e4s", "e4s-neoverse-v2", "ml-darwin-aarch64-mps")))
          .isInstanceOf(SourceException.class);
      Tag after = store.loadTag("develop-2025-03-23").orElseThrow();
      assertThat(after.stacks().get(1).index().specs().keySet()).isEqualTo(before.stacks().get(1).index().specs().keySet());
      assertThat(store.fingerprint("develop-2025-03-23", "e4s")).isNotEqualTo(java.util.Optional.of("x"));
    }
  }

  @Test
  void twoStoresOnOneDatabaseAnswerAlike() {
    try (CatalogStore writer = CatalogStore.open(db); CatalogStore other = CatalogStore.open(db)) {
      Ingest.run(sources, writer, reader(), m -> {});
      assertThat(other.tags()).isEqualTo(writer.tags());
      Tag a = writer.loadTag("develop-2025-03-30").orElseThrow();
      Tag b = other.loadTag("develop-2025-03-30").orElseThrow();
      assertThat(SpecsPage.renderTag(b, false)).isEqualTo(SpecsPage.renderTag(a, false));
      assertThat(b.union().specs().keySet()).isEqualTo(a.union().specs().keySet());
    }
  }

  @Test
  void droppingAStackFromTheSourcesUnpublishesIt() {
    try (CatalogStore store = CatalogStore.open(db)) {
      Ingest.run(sources, store, reader(), m -> {});
      List<Sources.TagSource> fewer = new ArrayList<>();
      for (Sources.TagSource t : sources.tags()) {
        fewer.add(new Sources.TagSource(t.name(), t.stacks().subList(0, 2)));
      }
      Ingest.run(new Sources(fewer), store, reader(), m -> {});
      assertThat(store.stacks("develop-2025-03-30")).containsExactly("root", "e4s");
      store.vacuum();
      assertThat(store.loadTag("develop-2025-03-30").orElseThrow().stacks()).hasSize(2);
    }
  }
}
