package io.cachescope.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachescope.SourceException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only an empty folder or cachescope's own output is ever replaced. */
class FolderSwapTest {

  @TempDir Path tmp;

  private static int write(Path out) {
    return FolderSwap.replace(out, (fresh, previous) -> {
      Files.writeString(fresh.resolve("index.html"), "new");
      return 1;
    });
  }

  @Test
  void aNewOrEmptyFolderIsWrittenAndMarked() throws Exception {
    write(tmp.resolve("new"));
    assertThat(tmp.resolve("new/index.html")).hasContent("new");
    assertThat(tmp.resolve("new").resolve(FolderSwap.MARKER)).exists();
    Files.createDirectories(tmp.resolve("empty"));
    write(tmp.resolve("empty"));
    assertThat(tmp.resolve("empty/index.html")).exists();
  }

  @Test
  void anEarlierOutputIsReplaced() throws Exception {
    write(tmp.resolve("out"));
    Files.writeString(tmp.resolve("out/index.html"), "old");
    write(tmp.resolve("out"));
    assertThat(tmp.resolve("out/index.html")).hasContent("new");
  }

  @Test
  void aFolderOfTheUsersIsLeftAlone() throws Exception {
    Path project = Files.createDirectories(tmp.resolve("project/src"));
    Files.writeString(project.resolve("Main.java"), "precious");
    assertThatThrownBy(() -> write(tmp.resolve("project")))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("refusing to replace it")
        .hasMessageContaining("project");
    assertThat(project.resolve("Main.java")).hasContent("precious");
  }

  @Test
  void aFileOrTheRootIsRefused() throws Exception {
    Path notes = Files.writeString(tmp.resolve("notes.txt"), "mine");
    assertThatThrownBy(() -> write(notes)).isInstanceOf(SourceException.class).hasMessageContaining("not a folder");
    assertThat(notes).hasContent("mine");
    assertThatThrownBy(() -> write(Path.of("/"))).isInstanceOf(SourceException.class).hasMessageContaining("root");
  }

  @Test
  void anUnmarkedOutputOfAnEarlierVersionIsStillReplaced() throws Exception {
    Path old = Files.createDirectories(tmp.resolve("site/_data"));
    Files.writeString(old.resolve("tags.yaml"), "- develop\n");
    Files.createDirectories(tmp.resolve("site/_cache"));
    write(tmp.resolve("site"));
    assertThat(tmp.resolve("site/index.html")).hasContent("new");
  }
}
