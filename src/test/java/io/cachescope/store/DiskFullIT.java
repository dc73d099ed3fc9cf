package io.cachescope.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cachescope.Reliability;
import io.cachescope.SourceException;
import io.cachescope.catalog.Catalog;
import io.cachescope.corpus.CorpusGenerator;
import io.cachescope.mirror.CatalogReader;
import io.cachescope.mirror.MirrorReader;
import io.cachescope.mirror.Sources;
import io.cachescope.render.SiteWriter;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk (a small tmpfs, mounted when the test may: root in CI) during an ingest and during
 * page output: the error names the place, and the previous catalog and output stay intact.
 */
class DiskFullIT {

  @TempDir Path tmp;
  Path mount;

  boolean mountTmpfs(Path dir, String size) throws Exception {
    Files.createDirectories(dir);
    Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString())
        .redirectErrorStream(true).start();
    return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  @AfterEach
  void unmount() throws Exception {
    if (mount != null) {
      new ProcessBuilder("umount", mount.toString()).start().waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** Fills the file system until a write fails. */
  static void fill(Path dir) {
    try (OutputStream out = Files.newOutputStream(dir.resolve("filler"))) {
      byte[] block = new byte[64 * 1024];
      while (true) {
        out.write(block);
      }
    } catch (Exception e) {
      // full
    }
  }

  static Map<String, Long> listing(Path dir) throws Exception {
    Map<String, Long> out = new TreeMap<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        out.put(dir.relativize(p).toString(), Files.size(p));
      }
    }
    return out;
  }

  @Test
  void aFullDiskLosesNothing() throws Exception {
    Path small = tmp.resolve("small");
    boolean mounted = mountTmpfs(small, "24m");
    assumeTrue(mounted, "cannot mount a tmpfs here (needs root)");
    mount = small;
    Path corpus = CorpusGenerator.builder().seed(41).layout(CorpusGenerator.Layout.V2).build().writeTo(tmp.resolve("c")).sources();
    Sources all = Sources.read(corpus);
    Sources first = new Sources(List.of(all.tags().get(1)));
    CatalogReader reader = new CatalogReader(MirrorReader.Options.defaults(), w -> {});
    String db = small.resolve("catalog.db").toString();
    try (CatalogStore store = CatalogStore.open(db)) {
      Ingest.run(first, store, reader, m -> {});
    }
    Catalog catalog = reader.read(first);
    Path out = small.resolve("site");
    SiteWriter.write(catalog, out, false);
    Map<String, Long> pagesBefore = listing(out);
    String before;
    try (CatalogStore store = CatalogStore.open(db)) {
      before = store.tags().toString() + store.loadTag(all.tags().get(1).name()).orElseThrow().union().specs().keySet();
    }

    fill(small);
    int failures = 0;
    try (CatalogStore store = CatalogStore.open(db)) {
      Ingest.run(all, store, reader, m -> {});
    } catch (SourceException e) {
      // Opening (SQLite's WAL index cannot grow) or publishing fails: either way, a clear error.
      failures++;
      assertThat(e.getMessage()).contains("catalog.db");
    }
    assertThat(failures).isEqualTo(1);
    assertThatThrownBy(() -> SiteWriter.write(reader.read(all), out, false)).isInstanceOf(SourceException.class)
        .hasMessageContaining(out.toString());
    failures++;
    assertThat(listing(out)).isEqualTo(pagesBefore);
    Files.delete(small.resolve("filler"));
    try (CatalogStore store = CatalogStore.open(db)) {
      String after = store.tags().toString() + store.loadTag(all.tags().get(1).name()).orElseThrow().union().specs().keySet();
      assertThat(after).isEqualTo(before);
    }
    try (Stream<Path> siblings = Files.list(small)) {
      assertThat(siblings.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith(".site."));
    }
    Reliability.record("full disk (24 MB tmpfs)", "an ingest and a pages run onto a full file system", "disk full",
        "clear errors, old catalog and output intact", failures + " errors, catalog and pages unchanged", "none");
  }
}
