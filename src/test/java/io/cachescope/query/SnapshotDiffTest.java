package io.cachescope.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachescope.Fixtures;
import io.cachescope.catalog.BuildCacheIndex;
import io.cachescope.catalog.Interner;
import io.cachescope.catalog.Stack;
import io.cachescope.catalog.Tag;
import io.cachescope.mirror.FileTransport;
import io.cachescope.mirror.MirrorReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotDiffTest {

  @TempDir Path tmp;

  static Tag tag(String name, Path mirror) {
    BuildCacheIndex index =
        new MirrorReader(new FileTransport(mirror), new Interner(), MirrorReader.Options.defaults())
            .read(mirror.toUri(), mirror.toString());
    return new Tag(name, List.of(new Stack("root", mirror.toString(), index)));
  }

  /**
   * A second snapshot: libdwarf/sk2gqqz rebuilt (same configuration, new hash) and libelf/rqh2vuf
   * replaced by libelf 0.8.14 (new hash) that the rebuilt libdwarf links to.
   */
  Path nextSnapshot() throws IOException {
    Path mirror = Fixtures.copy("fixtures/spack-testdata/mirrors/v2_layout/unsigned", tmp.resolve("b"));
    Path index = mirror.resolve("build_cache/index.json");
    String text = Files.readString(index);
    text = text.replace("sk2gqqz4n5njmvktycnd25wq25jxiqkr", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    text = text.replace("rqh2vuf6fqwkmipzgi2wjx352mq7y7ez", "dddddddddddddddddddddddddddddddd");
    String record = "\"dddddddddddddddddddddddddddddddd\":{\"spec\":{\"name\":\"libelf\",\"version\":\"0.8.13\"";
    assertThat(text).contains(record);
    text = text.replace(record, record.replace("0.8.13", "0.8.14"));
    Files.writeString(index, text);
    Files.delete(mirror.resolve("build_cache/index.json.hash"));
    return mirror;
  }

  @Test
  void rebuiltAndBumpedSpecsAreTold() throws IOException {
    Tag a = tag("develop-2025-03-23", Fixtures.path("fixtures/spack-testdata/mirrors/v2_layout/unsigned"));
    Tag b = tag("develop-2025-03-30", nextSnapshot());
    SnapshotDiff diff = SnapshotDiff.compute(a, b, null);
    assertThat(diff.packages()).extracting(SnapshotDiff.PackageChange::name).containsExactly("libdwarf", "libelf");

    SnapshotDiff.PackageChange libdwarf = diff.packages().get(0);
    assertThat(libdwarf.rebuilt()).singleElement().satisfies(r -> {
      assertThat(r.oldHash()).isEqualTo("sk2gqqz4n5njmvktycnd25wq25jxiqkr");
      assertThat(r.newHash()).isEqualTo("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
    });
    assertThat(libdwarf.added()).isEmpty();
    assertThat(libdwarf.versionsChanged()).isFalse();

    SnapshotDiff.PackageChange libelf = diff.packages().get(1);
    assertThat(libelf.kind()).isEqualTo(SnapshotDiff.Kind.CHANGED);
    assertThat(libelf.versionsBefore()).containsExactly("0.8.13");
    assertThat(libelf.versionsAfter()).containsExactly("0.8.13", "0.8.14");
    // The same hash with another version is a new spec in the new index and a gone one in the old.
    assertThat(libelf.added()).extracting(SnapshotDiff.SpecRef::version).containsExactly("0.8.14");
    assertThat(libelf.removed()).extracting(SnapshotDiff.SpecRef::version).containsExactly("0.8.13");
    assertThat(libelf.stacks()).containsEntry("root", new SnapshotDiff.StackChange(1, 1));
    assertThat(diff.specsAdded()).isEqualTo(1);
    assertThat(diff.specsRemoved()).isEqualTo(1);
  }

  @Test
  void identicalSnapshotsHaveNoChangesAndAPackageFilterNarrows() throws IOException {
    Path m = Fixtures.path("fixtures/spack-testdata/mirrors/v2_layout/unsigned");
    assertThat(SnapshotDiff.compute(tag("a", m), tag("b", m), null).packages()).isEmpty();
    SnapshotDiff only = SnapshotDiff.compute(tag("a", m), tag("b", nextSnapshot()), "libelf");
    assertThat(only.packages()).extracting(SnapshotDiff.PackageChange::name).containsExactly("libelf");
  }
}
