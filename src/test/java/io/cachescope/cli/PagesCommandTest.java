package io.cachescope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachescope.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PagesCommandTest {

  @TempDir Path tmp;

  @Test
  void sizesComeFromTheV3ManifestsOnlyWhenAsked() throws IOException {
    String mirror = Fixtures.path("fixtures/spack-v3/v3_migrated_unsigned").toString();
    CliRun.Result plain = CliRun.run("pages", "--mirror", mirror, "--out", tmp.resolve("a").toString());
    assertThat(plain.code()).as(plain.err()).isZero();
    String page = Files.readString(tmp.resolve("a/_cache/mirror/libelf/specs.md"));
    assertThat(page).contains("\"size\": \"-\"").doesNotContain("\"size\": 8627");

    CliRun.Result sized =
        CliRun.run("pages", "--sizes", "--mirror", mirror, "--out", tmp.resolve("b").toString());
    assertThat(sized.code()).as(sized.err()).isZero();
    // contentLength of jr3yipy's install tarball in its spec manifest.
    assertThat(Files.readString(tmp.resolve("b/_cache/mirror/libelf/specs.md")))
        .contains("\"hash\": \"jr3yipyxyjulcdvckwwwjrrumis7glpa\", \"os\": \"debian6\", \"platform\": \"test\", \"size\": 8627");
  }

  @Test
  void badInputWritesNothing() {
    Path out = tmp.resolve("site");
    CliRun.Result r = CliRun.run("pages", "--mirror", "/nonexistent", "--out", out.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(out).doesNotExist();
  }
}
