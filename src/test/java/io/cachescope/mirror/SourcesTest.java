package io.cachescope.mirror;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cachescope.SourceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourcesTest {

  @TempDir Path tmp;

  @Test
  void tagsAndStacksInTheirOrder() throws Exception {
    Path f = Files.writeString(tmp.resolve("s.json"),
        "{\"v1\": [{\"label\": \"root\", \"url\": \"a\"}, {\"label\": \"e4s\", \"url\": \"b\", \"view\": \"x\"}], \"v2\": []}");
    Sources s = Sources.read(f);
    assertThat(s.tags()).extracting(Sources.TagSource::name).containsExactly("v1", "v2");
    assertThat(s.tags().get(0).stacks()).containsExactly(
        new Sources.StackSource("root", "a", null), new Sources.StackSource("e4s", "b", "x"));
  }

  @Test
  void aLabelTwiceInOneTagIsRefusedWithItsPlace() throws Exception {
    Path f = Files.writeString(tmp.resolve("s.json"),
        "{\"v1\": [{\"label\": \"e4s\", \"url\": \"a\"}, {\"label\": \"e4s\", \"url\": \"b\"}]}");
    assertThatThrownBy(() -> Sources.read(f))
        .isInstanceOf(SourceException.class)
        .hasMessageContaining("s.json")
        .hasMessageContaining("/v1/1/label")
        .hasMessageContaining("duplicate stack label 'e4s'");
  }

  @Test
  void theSameLabelInTwoTagsIsFine() throws Exception {
    Path f = Files.writeString(tmp.resolve("s.json"),
        "{\"v1\": [{\"label\": \"e4s\", \"url\": \"a\"}], \"v2\": [{\"label\": \"e4s\", \"url\": \"b\"}]}");
    assertThat(Sources.read(f).tags()).hasSize(2);
  }

  @Test
  void aMirrorGivenTwiceIsRefused() {
    assertThatThrownBy(() -> Sources.ofMirrors(List.of("a", "a"), null)).hasMessageContaining("given twice");
  }

  @Test
  void aTagOrLabelWithAControlCharacterIsRefused() throws Exception {
    Path tag = Files.writeString(tmp.resolve("t.json"), "{\"v1\\n- ghost\": [{\"label\": \"root\", \"url\": \"a\"}]}");
    assertThatThrownBy(() -> Sources.read(tag)).hasMessageContaining("a tag name must be printable text")
        .hasMessageContaining("\\u000a");
    Path label = Files.writeString(tmp.resolve("l.json"), "{\"v1\": [{\"label\": \"e4s\\u001b[2J\", \"url\": \"a\"}]}");
    assertThatThrownBy(() -> Sources.read(label)).hasMessageContaining("a stack label must be printable text");
  }

  @Test
  void anEndlessSourcesFileIsRefused() {
    assertThatThrownBy(() -> Sources.read(Path.of("/dev/zero"))).isInstanceOf(SourceException.class)
        .hasMessageContaining("/dev/zero").hasMessageContaining("not a sources file");
  }
}
