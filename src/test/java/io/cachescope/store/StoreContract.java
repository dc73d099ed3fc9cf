package io.cachescope.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachescope.SourceException;
import io.cachescope.catalog.BuildCacheIndex;
import io.cachescope.catalog.ConcreteSpec;
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
import java.util.LinkedHashMap;
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
      ConcreteSpec victim = before.stacks().get(1).index().all().stream()
          .filter(s -> s.inBuildcache() && s.dependencies().isEmpty()).findFirst().orElseThrow();
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
      Map<String, ConcreteSpec> bad = new LinkedHashMap<>(before.stacks().get(1).index().specs());
      ConcreteSpec any = bad.values().iterator().next();
      bad.put("broken", new ConcreteSpec("broken", null, "1", null, null, null, null, null, List.of(), Map.of(), List.of(),
          false, null, true, 5, 0, -1, any.signature()));
      Stack broken = new Stack("e4s", "mem:", new BuildCacheIndex("mem:", List.of(), bad, List.of()));
      assertThatThrownBy(() -> store.publish("develop-2025-03-23", 1,
              List.of(new CatalogStore.ReadStack(broken, "x")), List.of("root", "e4s", "e4s-neoverse-v2", "ml-darwin-aarch64-mps")))
          .isInstanceOf(SourceException.class);
      Tag after = store.loadTag("develop-2025-03-23").orElseThrow();
      assertThat(after.stacks().get(1).index().specs().keySet()).isEqualTo(before.stacks().get(1).index().specs().keySet());
      assertThat(store.fingerprint("develop-2025-03-23", "e4s")).isNotEqualTo(java.util.Optional.of("x"));
    }
  }

  @Test
  void historyOfHashesAndPackages() {
    try (CatalogStore store = CatalogStore.open(db)) {
      Ingest.run(sources, store, reader(), m -> {});
      Tag newer = store.loadTag("develop-2025-03-30").orElseThrow();
      ConcreteSpec some = newer.union().values().stream().filter(ConcreteSpec::inBuildcache).findFirst().orElseThrow();
      assertThat(store.tagsOf(some.hash())).containsExactly("develop-2025-03-30");
      assertThat(store.seen(some.hash())).hasValueSatisfying(s -> assertThat(s).containsExactly("2025-03-30", "2025-03-30"));
      Map<String, Integer> counts = store.countsOverTime(some.name());
      assertThat(counts).containsKey("develop-2025-03-30");
      long expected = newer.union().values().stream().filter(s -> s.inBuildcache() && s.name().equals(some.name())).count();
      assertThat(counts.get("develop-2025-03-30")).isEqualTo((int) expected);
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
      List<String> names = new ArrayList<>(a.union().keySet());
      assertThat(other.tagsOf(names.get(0))).isEqualTo(writer.tagsOf(names.get(0)));
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
