package io.cachescope.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpecParserTest {

  @Test
  void readsEveryPart() {
    SpecConstraint c = SpecParser.parse("hdf5@1.12:1.14 %c,cxx=gcc@12: +mpi~shared api=v110 languages:=c,cxx platform=linux os=ubuntu22.04 target=x86_64_v3: /abc123 ^zlib@1.3");
    assertThat(c.name()).isEqualTo("hdf5");
    assertThat(c.versions().toString()).isEqualTo("1.12:1.14");
    assertThat(c.compilers()).singleElement().satisfies(x -> {
      assertThat(x.virtuals()).containsExactly("c", "cxx");
      assertThat(x.name()).isEqualTo("gcc");
      assertThat(x.versions().toString()).isEqualTo("12:");
    });
    assertThat(c.variants()).extracting(Object::toString).containsExactly("api=v110", "languages:=c,cxx", "+mpi", "~shared");
    assertThat(c.target()).isEqualTo("x86_64_v3:");
    assertThat(c.hashPrefix()).isEqualTo("abc123");
    assertThat(c.dependencies()).singleElement().extracting(SpecConstraint::name).isEqualTo("zlib");
  }

  @Test
  void malformedInputShowsACaretUnderTheBadToken() {
    assertThatThrownBy(() -> SpecParser.parse("zlib@@1"))
        .isInstanceOf(SpecSyntaxException.class)
        .hasMessage("expected a version after '@'\nzlib@@1\n     ^");
    assertThat(caret("zlib +")).isEqualTo(6);
    assertThat(caret("zlib %")).isEqualTo(6);
    assertThat(caret("zlib ^")).isEqualTo(5);
    assertThat(caret("zlib target=")).isEqualTo(12);
    assertThat(caret("zlib cflags='-O3")).isEqualTo(12);
    assertThat(caret("zlib cmake")).isEqualTo(5);
    assertThat(caret("zlib !")).isEqualTo(5);
    assertThat(caret("")).isEqualTo(0);
  }

  private static int caret(String input) {
    try {
      SpecParser.parse(input);
      throw new AssertionError("parsed: " + input);
    } catch (SpecSyntaxException e) {
      return e.position();
    }
  }

  /** Seeded random constraints from realistic pieces: printing and parsing round-trips. */
  @Test
  void printAndParseRoundTrip() {
    long seed = io.cachescope.Seeds.of("SpecParserTest", 1);
    SplittableRandom r = new SplittableRandom(seed);
    String[] names = {"zlib", "hdf5", "py-numpy", "gcc-runtime", "r-ggplot2", "intel-oneapi-mkl"};
    String[] versions = {"1.2", "=1.2.13", "1.10:", ":2.0", "1.2:1.4", "1.2,1.5:", "develop"};
    String[] compilers = {"%gcc", "%gcc@12:", "%c=gcc@11.4.0", "%c,cxx=llvm@18", "%clang"};
    String[] variants = {"+shared", "~mpi", "build_type=Release", "cuda_arch=80,90", "languages:=c,c++"};
    String[] keys = {"platform=linux", "os=ubuntu22.04", "target=zen3", "target=x86_64_v3:", "namespace=builtin", "/abc1234"};
    for (int i = 0; i < 2000; i++) {
      StringBuilder b = new StringBuilder();
      if (r.nextInt(5) > 0) {
        b.append(names[r.nextInt(names.length)]);
        if (r.nextBoolean()) {
          b.append('@').append(versions[r.nextInt(versions.length)]);
        }
      }
      for (int n = r.nextInt(3); n > 0; n--) {
        b.append(' ').append(variants[r.nextInt(variants.length)]);
      }
      if (r.nextInt(3) == 0) {
        b.append(' ').append(compilers[r.nextInt(compilers.length)]);
      }
      if (r.nextInt(3) == 0) {
        b.append(' ').append(keys[r.nextInt(keys.length)]);
      }
      if (r.nextInt(4) == 0) {
        b.append(" ^").append(names[r.nextInt(names.length)]).append(r.nextBoolean() ? "+shared" : "@1.2:");
      }
      String text = b.toString().strip();
      if (text.isEmpty()) {
        continue;
      }
      SpecConstraint c;
      try {
        c = SpecParser.parse(text);
      } catch (SpecSyntaxException e) {
        continue; // e.g. the same key twice is refused, which is fine
      }
      assertThat(SpecParser.parse(c.toString())).as("seed %d: %s -> %s", seed, text, c).isEqualTo(c);
    }
  }
}
