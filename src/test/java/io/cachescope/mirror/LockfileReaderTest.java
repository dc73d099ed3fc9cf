package io.cachescope.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachescope.Fixtures;
import io.cachescope.SourceException;
import io.cachescope.catalog.Interner;
import io.cachescope.catalog.Lockfile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockfileReaderTest {

  @TempDir Path tmp;

  private static Lockfile read(Path file) {
    return new LockfileReader(new Interner()).read(file);
  }

  @Test
  void realLockfilesOfEachVersionRead() {
    for (String v : new String[] {"v1", "v2", "v3"}) {
      Lockfile lock = read(Fixtures.path("fixtures/spack-testdata/legacy_env/" + v + ".lock"));
      assertThat(lock.specs()).as(v).isNotEmpty();
      assertThat(lock.roots()).as(v).isNotEmpty();
    }
  }

  @Test
  void aRootThatIsNotAnObjectIsAnErrorAtItsPlace() throws Exception {
    String text = Files.readString(Fixtures.path("fixtures/spack-testdata/legacy_env/v3.lock"));
    Path bad = Files.writeString(tmp.resolve("spack.lock"), text.replaceFirst("\"roots\":\\s*\\[", "\"roots\": [\"zlib\", "));
    assertThatThrownBy(() -> read(bad))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("spack.lock at /roots/0")
        .hasMessageContaining("a root must be an object");
  }

  @Test
  void aQuotedLockfileVersionIsItsNumber() throws Exception {
    String text = Files.readString(Fixtures.path("fixtures/spack-testdata/legacy_env/v3.lock"));
    Path quoted = Files.writeString(tmp.resolve("spack.lock"), text.replaceFirst("\"lockfile-version\":\\s*3", "\"lockfile-version\": \"3\""));
    assertThat(read(quoted).version()).isEqualTo(3);
    assertThat(read(quoted).specs()).hasSameSizeAs(read(Fixtures.path("fixtures/spack-testdata/legacy_env/v3.lock")).specs());
  }
}
