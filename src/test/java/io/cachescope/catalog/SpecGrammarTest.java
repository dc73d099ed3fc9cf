package io.cachescope.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SpecGrammarTest {

  @Test
  void hashesAre32LowercaseBase32Characters() {
    assertThat(SpecGrammar.isHash("abcdefghijklmnopqrstuvwxyz234567")).isTrue();
    assertThat(SpecGrammar.isHash("abcdefghijklmnopqrstuvwxyz234568")).isFalse(); // 8 is not base32
    assertThat(SpecGrammar.isHash("abcdefghijklmnopqrstuvwxyz23456")).isFalse();
    assertThat(SpecGrammar.isHash("Abcdefghijklmnopqrstuvwxyz234567")).isFalse();
    assertThat(SpecGrammar.isHash(null)).isFalse();
  }

  @Test
  void namesAndVersionsFollowSpacksCharacters() {
    assertThat(SpecGrammar.isName("py-numpy")).isTrue();
    assertThat(SpecGrammar.isName("r_base2")).isTrue();
    assertThat(SpecGrammar.isName("-x")).isFalse();
    assertThat(SpecGrammar.isName("Zlib")).isFalse();
    assertThat(SpecGrammar.isName("")).isFalse();
    assertThat(SpecGrammar.isVersion("1.2.13")).isTrue();
    assertThat(SpecGrammar.isVersion("git.0123abcd=develop")).isTrue();
    assertThat(SpecGrammar.isVersion("=1.0")).isFalse();
    assertThat(SpecGrammar.isVersion("1.0;rm")).isFalse();
  }

  /** The character tables say exactly what the regular expressions in their comments say. */
  @Test
  void tablesAgreeWithTheirRegularExpressions() {
    Pattern hash = Pattern.compile("[a-z2-7]{32}");
    Pattern name = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    Pattern version = Pattern.compile("[A-Za-z0-9_.-][A-Za-z0-9_.=/-]*");
    String alphabet = "az27819AZ_-.=/ ;\u00e9\u0000\u017f\u212a";
    SplittableRandom random = new SplittableRandom(10);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder b = new StringBuilder();
      int length = n % 3 == 0 ? 32 : random.nextInt(6);
      for (int i = 0; i < length; i++) {
        // Mostly base32 characters, so that long strings sometimes are hashes.
        b.append(random.nextInt(4) > 0 ? "abcdefghijklmnopqrstuvwxyz234567".charAt(random.nextInt(32))
            : alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String s = b.toString();
      assertThat(SpecGrammar.isHash(s)).as(s).isEqualTo(hash.matcher(s).matches());
      assertThat(SpecGrammar.isName(s)).as(s).isEqualTo(name.matcher(s).matches());
      assertThat(SpecGrammar.isVersion(s)).as(s).isEqualTo(version.matcher(s).matches());
    }
  }
}
