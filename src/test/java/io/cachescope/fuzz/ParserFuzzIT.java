package io.cachescope.fuzz;

import static org.assertj.core.api.Assertions.fail;

import io.cachescope.Fixtures;
import io.cachescope.Reliability;
import io.cachescope.SourceException;
import io.cachescope.mirror.ClearSigned;
import io.cachescope.query.SpecParser;
import io.cachescope.query.SpecSyntaxException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Seeded random input to the constraint parser and the clear-signature reader. */
class ParserFuzzIT {

  static final long SEED = io.cachescope.Seeds.of("ParserFuzzIT", 20_251_201L);

  @Test
  void constraintParserGivesAResultOrASyntaxError() {
    SplittableRandom r = new SplittableRandom(SEED);
    String alphabet = "abcz019@%+~-^/=:,. '\"\\\t^é\u0000<>";
    int ok = 0;
    int refused = 0;
    for (int i = 0; i < 20000; i++) {
      StringBuilder b = new StringBuilder();
      for (int n = r.nextInt(40); n > 0; n--) {
        b.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
      try {
        SpecParser.parse(b.toString());
        ok++;
      } catch (SpecSyntaxException e) {
        refused++;
      } catch (RuntimeException | StackOverflowError e) {
        fail("seed " + SEED + " input [" + b + "]: " + e, e);
      }
    }
    Reliability.record("constraint parser fuzz", "20,000 random strings (seed " + SEED + ")", "-",
        "syntax errors only", ok + " parsed, " + refused + " refused with a caret, 0 other", "-");
  }

  @Test
  void clearSignedReaderGivesAResultOrItsOwnError() throws IOException {
    byte[] sig = Files.readAllBytes(Fixtures.path(
        "fixtures/spack-testdata/mirrors/v2_layout/signed/build_cache/test-debian6-m1-none-none-compiler-wrapper-1.0-qeehcxyvluwnihsc2qxstmpomtxo3lrc.spec.json.sig"));
    SplittableRandom r = new SplittableRandom(SEED);
    int ok = 0;
    int refused = 0;
    for (int i = 0; i < 3000; i++) {
      byte[] m = i % 3 == 0 ? java.util.Arrays.copyOf(sig, r.nextInt(sig.length)) : sig.clone();
      for (int n = i % 3 == 0 ? 0 : 1 + r.nextInt(6); n > 0; n--) {
        m[r.nextInt(m.length)] = (byte) r.nextInt(256);
      }
      try {
        ClearSigned.parse(m, "fuzz.sig").verify(io.cachescope.mirror.Keyring.empty());
        ok++;
      } catch (SourceException e) {
        refused++;
      } catch (RuntimeException e) {
        fail("seed " + SEED + " round " + i + ": " + e, e);
      }
    }
    Reliability.record("clear-signature fuzz", "3,000 mutated signed spec files (seed " + SEED + ")", "byte edits, truncations",
        "reader errors only", ok + " read, " + refused + " refused, 0 other", "-");
  }
}
