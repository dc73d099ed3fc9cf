package io.cachescope.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachescope.catalog.Stack;
import io.cachescope.catalog.Tag;
import io.cachescope.corpus.CorpusGenerator;
import io.cachescope.mirror.CatalogReader;
import io.cachescope.mirror.MirrorReader;
import io.cachescope.mirror.Sources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills an ingest (SIGKILL, in a child JVM) at random moments and checks that every tag of the
 * catalog is then entirely the old snapshot or entirely the new one, and that a rerun finishes.
 */
class CrashIT {

  @TempDir Path tmp;

  static Map<String, Map<String, Set<String>>> state(CatalogStore store) {
    Map<String, Map<String, Set<String>>> out = new HashMap<>();
    for (String t : store.tags()) {
      Tag tag = store.loadTag(t).orElseThrow();
      Map<String, Set<String>> stacks = new HashMap<>();
      for (Stack s : tag.stacks()) {
        stacks.put(s.label(), s.index().specs().keySet());
      }
      out.put(t, stacks);
    }
    return out;
  }

  static Map<String, Map<String, Set<String>>> expected(Path sourcesFile) {
    Map<String, Map<String, Set<String>>> out = new HashMap<>();
    for (Tag tag : new CatalogReader(MirrorReader.Options.defaults(), w -> {}).read(Sources.read(sourcesFile)).tags()) {
      Map<String, Set<String>> stacks = new HashMap<>();
      for (Stack s : tag.stacks()) {
        stacks.put(s.label(), s.index().specs().keySet());
      }
      out.put(tag.name(), stacks);
    }
    return out;
  }

  Process ingest(Path sources, String db) throws Exception {
    return io.cachescope.Cli.start(tmp, "ingest", "--sources", sources.toString(), "--db", db);
  }

  @Test
  void aKilledIngestLeavesEachTagOldOrNew() throws Exception {
    long seed = io.cachescope.Seeds.of("CrashIT", 20_251_204L);
    SplittableRandom random = new SplittableRandom(seed);
    Path oldSources = CorpusGenerator.builder().seed(21).layout(CorpusGenerator.Layout.V2).build().writeTo(tmp.resolve("a")).sources();
    Path newSources = CorpusGenerator.builder().seed(22).layout(CorpusGenerator.Layout.V3).build().writeTo(tmp.resolve("b")).sources();
    var before = expected(oldSources);
    var after = expected(newSources);
    String db = tmp.resolve("catalog.db").toString();
    try (CatalogStore store = CatalogStore.open(db)) {
      Ingest.run(Sources.read(oldSources), store, new CatalogReader(MirrorReader.Options.defaults(), w -> {}), m -> {});
    }
    List<String> outcomes = new ArrayList<>();
    int killed = 0;
    // Alternate between the two snapshots, killing each ingest somewhere between JVM start and
    // the end of its publish: every tag must then be entirely one of the two.
    for (int round = 0; round < 8; round++) {
      Process child = ingest(round % 2 == 0 ? newSources : oldSources, db);
      long delay = 150 + round * 250 + random.nextInt(250);
      if (!child.waitFor(delay, TimeUnit.MILLISECONDS)) {
        child.destroyForcibly().waitFor();
        killed++;
      }
      try (CatalogStore store = CatalogStore.open(db)) {
        var now = state(store);
        for (String tag : now.keySet()) {
          boolean isOld = now.get(tag).equals(before.get(tag));
          boolean isNew = now.get(tag).equals(after.get(tag));
          assertThat(isOld || isNew).as("seed %d round %d killed after %d ms: tag %s is a mix", seed, round, delay, tag).isTrue();
          outcomes.add(tag + (isNew ? ":new" : ":old"));
        }
      }
    }
    assertThat(killed).as("seed %d: some ingests must be killed", seed).isPositive();
    io.cachescope.Reliability.record("kill -9 during ingest", "8 ingests alternating two snapshots (seed " + seed + ")",
        killed + " SIGKILLs", "each tag old or new", outcomes.size() + " tag checks, 0 mixed", "none");
    Process last = ingest(newSources, db);
    assertThat(last.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(last.exitValue()).isZero();
    try (CatalogStore store = CatalogStore.open(db)) {
      assertThat(state(store)).isEqualTo(after);
    }
    assertThat(outcomes).isNotEmpty();
  }
}
