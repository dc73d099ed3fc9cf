package io.cachescope.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachescope.Fixtures;
import io.cachescope.catalog.Catalog;
import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Interner;
import io.cachescope.catalog.Stack;
import io.cachescope.catalog.Tag;
import io.cachescope.catalog.TagSummary;
import io.cachescope.corpus.CorpusGenerator;
import io.cachescope.mirror.CatalogReader;
import io.cachescope.mirror.LockfileReader;
import io.cachescope.mirror.MirrorReader;
import io.cachescope.mirror.Sources;
import io.cachescope.store.CatalogReads;
import io.cachescope.store.CatalogStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every page and API answer read from the catalog database ({@link StoreView}) equals what the
 * in-memory view of the same catalog gives: on a generated two-tag, eight-stack corpus and on
 * the web fixtures (a real Spack mirror and a hostile spec). Run on SQLite and PostgreSQL.
 */
abstract class StoreViewContract {

  @TempDir Path tmp;

  /** A fresh, empty database for one test. */
  abstract String freshDatabase() throws Exception;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aGeneratedCorpusReadsTheSameFromTheStore() throws Exception {
    CorpusGenerator.Summary s = CorpusGenerator.builder().seed(11).layout(CorpusGenerator.Layout.V2).build().writeTo(tmp.resolve("corpus"));
    Catalog catalog = new CatalogReader(MirrorReader.Options.defaults(), w -> {}).read(Sources.read(s.sources()));
    assertSameAnswers(catalog, 40);
  }

  @Test
  void theWebFixturesReadTheSameFromTheStore() throws Exception {
    assertSameAnswers(WebFixtures.catalog(), Integer.MAX_VALUE);
  }

  /** {@code specPages}: how many spec pages to compare (each is a few queries). */
  private void assertSameAnswers(Catalog catalog, int specPages) throws Exception {
    String db = freshDatabase();
    try (CatalogStore store = CatalogStore.open(db)) {
      int position = 0;
      for (Tag t : catalog.tags()) {
        store.publish(t.name(), position++, t.stacks().stream().map(st -> new CatalogStore.ReadStack(st, null)).toList(),
            t.stacks().stream().map(Stack::label).toList());
      }
      store.count();
    }
    MemoryView memory = new MemoryView(catalog);
    try (CatalogReads reads = CatalogReads.open(db, 4)) {
      StoreView stored = new StoreView(reads, 1_000);
      Map<String, String> expected = answers(memory, specPages);
      Map<String, String> actual = answers(stored, specPages);
      assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
      for (String what : expected.keySet()) {
        assertThat(actual.get(what)).as(what).isEqualTo(expected.get(what));
      }
      assertThat(expected).hasSizeGreaterThan(20);
      // A second view of the same state (a new generation is read this way) answers alike too.
      assertThat(answers(new StoreView(reads, 10), 5)).isEqualTo(answers(memory, 5));
    }
  }

  /** Every page and API answer worth comparing, by a name that says what it is. */
  private Map<String, String> answers(CatalogView view, int specPages) throws Exception {
    Pages pages = new Pages(view, null);
    Api api = new Api(view);
    Map<String, String> out = new LinkedHashMap<>();
    out.put("home", pages.home("/"));
    out.put("api home", json(api.home()));
    out.put("api hosts", json(api.hosts()));
    List<String> hashes = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (TagSummary t : view.tags()) {
      out.put("tag " + t.name(), pages.tag(t.name(), "/").orElseThrow());
      out.put("api packages " + t.name(), json(api.packages(t.name()).orElseThrow()));
      out.put("tag feed " + t.name(), Feeds.tag(view, t.name(), "/").orElseThrow().replaceAll(view.loadedAt(), "NOW"));
      String os = t.oss().isEmpty() ? "" : t.oss().get(0);
      String target = t.targets().isEmpty() ? "" : t.targets().get(0);
      out.put("host " + t.name(), pages.host("linux", os, target, t.name(), "/"));
      out.put("api host " + t.name(), json(api.host("linux", os, target, t.name(), pages)));
      for (String name : view.packages(t.name()).keySet()) {
        out.put("package " + t.name() + "/" + name, pages.pkg(t.name(), name, Map.of(), 1, "/").orElseThrow());
        out.put("api package " + t.name() + "/" + name, json(api.pkg(t.name(), name, Map.of(), 1).orElseThrow()));
        out.put("package " + t.name() + "/" + name + "?os", pages.pkg(t.name(), name, Map.of("os", List.of(os)), 1, "/").orElseThrow());
        if (!names.contains(name)) {
          names.add(name);
        }
        view.builds(t.name(), name).forEach(b -> {
          if (!hashes.contains(b.hash())) {
            hashes.add(b.hash());
          }
        });
      }
    }
    for (String name : names) {
      out.put("across " + name, pages.pkgAcross(name, Map.of(), 1, "/").orElseThrow());
      out.put("across " + name + "?release=all", pages.pkgAcross(name, Map.of("release", List.of("all")), 1, "/").orElseThrow());
      out.put("package feed " + name, Feeds.pkg(view, name, "/").orElseThrow().replaceAll(view.loadedAt(), "NOW"));
      out.put("badge " + name, Feeds.badge(view, name, "", ""));
    }
    for (String hash : hashes.subList(0, Math.min(specPages, hashes.size()))) {
      out.put("spec " + hash, pages.spec(hash, "/").orElseThrow());
      out.put("api spec " + hash, json(api.spec(hash).orElseThrow()));
    }
    String some = names.get(names.size() / 2);
    ConcreteSpec first = view.spec(hashes.get(0)).orElseThrow();
    for (String q : List.of("lib", some, some.substring(0, 2) + "$", "/" + hashes.get(0).substring(0, 3), hashes.get(0),
        some + "@0:", some + " os=ubuntu99.04", "+shared", "target=x86_64", "nosuchpackage", some + " %nosuch", "a@@")) {
      out.put("search " + q, pages.search(q, "", "/"));
      out.put("api search " + q, json(api.search(q, "", pages)));
      out.put("api query " + q, json(api.query(q, "", "", pages)));
    }
    out.put("api query on a host", json(api.query(first.name(), "", "linux-" + first.os() + "-" + first.target(), pages)));
    out.put("site feed", Feeds.site(view, "/").replaceAll(view.loadedAt(), "NOW"));
    out.put("not found", pages.packageNotFound(null, some + "x", "/"));
    List<TagSummary> tags = view.tags();
    for (int i = 0; i + 1 < tags.size(); i++) {
      out.put("diff " + i, pages.diff(tags.get(i + 1).name(), tags.get(i).name(), "/").orElseThrow());
    }
    byte[] lock = Files.readAllBytes(Fixtures.path("real/locks/spack_all-pythons__spack.lock"));
    CoverageUpload.Answer coverage = CoverageUpload.answer(view, (b, n) -> new LockfileReader(new Interner()).read(b, n),
        lock, "", "", 20 << 20);
    out.put("coverage", coverage.status() + " " + json(coverage.coverage()));
    return out;
  }

  private static String json(Object o) throws Exception {
    return JSON.writeValueAsString(o);
  }
}
