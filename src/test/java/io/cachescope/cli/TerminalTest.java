package io.cachescope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TerminalTest {
  @Test
  void controlCharactersAreEscapedAndTheRestKept() {
    assertThat(Terminal.safe("zlib@1.3\n")).isEqualTo("zlib@1.3\n");
    assertThat(Terminal.safe("a\u001b[2Jb\u0000c\u009bd")).isEqualTo("a\\u001b[2Jb\\u0000c\\u009bd");
    assertThat(Terminal.safe("naïve")).isEqualTo("naïve");
  }
}
