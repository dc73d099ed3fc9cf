package io.cachescope.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.cachescope.Fixtures;
import io.cachescope.SourceException;
import io.cachescope.catalog.Interner;
import io.cachescope.mirror.IndexReader;
import io.cachescope.mirror.Keyring;
import io.cachescope.mirror.Manifest;
import io.cachescope.mirror.SpecFileReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutation tests of the readers: truncations at every offset, random byte edits, deep
 * nesting, huge strings and numbers, invalid UTF-8. The only outcomes allowed are a result or a
 * {@link SourceException}; anything else (another exception, a hang) fails. The seed is in every
 * failure message; rerun with {@code -Dseed=N}.
 */
class ReaderFuzzIT {

  static final long SEED = io.cachescope.Seeds.of("ReaderFuzzIT", 20_251_202L);

  static byte[] fixture(String path) throws IOException {
    byte[] bytes = Files.readAllBytes(Fixtures.path(path));
    if (path.endsWith(".gz")) {
      try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
        return in.readAllBytes();
      }
    }
    return bytes;
  }

  static void index(byte[] bytes) {
    new IndexReader(new Interner()).read(new ByteArrayInputStream(bytes), "fuzz.json");
  }

  static void specFile(byte[] bytes) {
    new SpecFileReader(new Interner()).read(bytes, "fuzz.spec.json", Keyring.empty(), false);
  }

  static void yamlSpecFile(byte[] bytes) {
    new SpecFileReader(new Interner()).read(bytes, "fuzz.spec.yaml", Keyring.empty(), true);
  }

  static void manifest(byte[] bytes) {
    Manifest.parse(bytes, "fuzz.manifest.json");
  }

  /** Runs one input; returns true when the reader gave a result, false on its own error. */
  static boolean attempt(Consumer<byte[]> reader, byte[] input, String what) {
    try {
      reader.accept(input);
      return true;
    } catch (SourceException e) {
      assertThat(e.getMessage()).as("seed %d %s", SEED, what).startsWith("fuzz.");
      return false;
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      fail("seed " + SEED + " " + what + ": " + e, e);
      return false;
    }
  }

  @Test
  void truncationAtEveryOffset() throws IOException {
    check(ReaderFuzzIT::index, fixture("fixtures/spack-v3/v3_migrated_unsigned/build_cache/index.json"), 1);
    check(ReaderFuzzIT::specFile, fixture("fixtures/spack-testdata/specfiles/hdf5.v020.json.gz"), 7);
    check(ReaderFuzzIT::manifest, fixture("fixtures/spack-v3/v3_migrated_unsigned/v3/manifests/index/index.manifest.json"), 1);
    // A YAML document cut after its hash line is still a valid, shorter document: no bound.
    check(
        ReaderFuzzIT::yamlSpecFile,
        fixture("fixtures/spack-testdata/mirrors/legacy_yaml/build_cache/test-debian6-core2-gcc-4.5.0-zlib-1.2.11-t5mczux3tfqpxwmg7egp7axy2jvyulqk.spec.yaml"),
        1,
        Integer.MAX_VALUE);
  }

  private static void check(Consumer<byte[]> reader, byte[] full, int step) {
    check(reader, full, step, Math.max(2, full.length / step / 10));
  }

  private static void check(Consumer<byte[]> reader, byte[] full, int step, int maxComplete) {
    int ok = 0;
    for (int cut = 0; cut < full.length; cut += step) {
      byte[] part = java.util.Arrays.copyOf(full, cut);
      if (attempt(reader, part, "truncated at " + cut)) {
        ok++;
      }
    }
    // Only a complete document (or one cut in its trailing white space) reads.
    assertThat(ok).as("seed %d", SEED).isLessThanOrEqualTo(maxComplete);
    assertThat(attempt(reader, full, "whole")).isTrue();
  }

  @Test
  void randomByteEdits() throws IOException {
    int read = 0;
    SplittableRandom random = new SplittableRandom(SEED);
    byte[][] inputs = {
      fixture("fixtures/spack-v3/v3_migrated_unsigned/build_cache/index.json"),
      fixture("real/indices/Paul-Ferrell_clingo-bootstrap__build_cache_index.json"),
    };
    byte[] specFile = fixture("fixtures/spack-testdata/specfiles/hdf5.v017.json.gz");
    byte[] tokens = " {}[]:,\"\\0123456789eE-+.truefalsnul\u00ff\u00c3".getBytes(StandardCharsets.ISO_8859_1);
    for (int round = 0; round < 1500; round++) {
      byte[] base = round % 3 == 2 ? specFile : inputs[round % 2];
      byte[] mutated = base.clone();
      int edits = 1 + random.nextInt(8);
      for (int e = 0; e < edits; e++) {
        mutated[random.nextInt(mutated.length)] = tokens[random.nextInt(tokens.length)];
      }
      if (attempt(round % 3 == 2 ? ReaderFuzzIT::specFile : ReaderFuzzIT::index, mutated, "round " + round)) {
        read++;
      }
    }
    io.cachescope.Reliability.record("index and spec file fuzz", "1,500 mutated indices and spec files (seed " + SEED + ")",
        "1-8 byte edits each", "reader errors only", read + " read, " + (1500 - read) + " refused, 0 other", "-");
  }

  @Test
  void hostileShapes() {
    String deep = "[".repeat(100_000);
    String deepObject = "{\"database\":{\"version\":\"8\",\"installs\":{\"a\":{\"spec\":" + "{\"x\":".repeat(50_000);
    String hugeString = "{\"database\":{\"version\":\"8\",\"installs\":{\"a\":{\"spec\":{\"name\":\"" + "x".repeat(5_000_000) + "\"}}}}}";
    String hugeNumber = "{\"database\":{\"version\":" + "9".repeat(100_000) + "}}";
    byte[] invalidUtf8 = "{\"database\":{\"version\":\"8\",\"installs\":{\"\u0000a\":{\"spec\":{\"name\":\"\u00ff\"}}}}}".getBytes(StandardCharsets.ISO_8859_1);
    for (String s : new String[] {deep, deepObject, hugeString, hugeNumber, "", "null", "[]", "{}", "\"x\""}) {
      assertThat(attempt(ReaderFuzzIT::index, s.getBytes(StandardCharsets.UTF_8), "hostile")).isFalse();
      assertThat(attempt(ReaderFuzzIT::specFile, s.getBytes(StandardCharsets.UTF_8), "hostile")).isFalse();
      assertThat(attempt(ReaderFuzzIT::manifest, s.getBytes(StandardCharsets.UTF_8), "hostile")).isFalse();
    }
    assertThat(attempt(ReaderFuzzIT::index, invalidUtf8, "invalid utf-8")).isFalse();
  }
}
