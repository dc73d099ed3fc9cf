package io.cachescope.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachescope.Reliability;
import io.cachescope.corpus.CorpusGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills {@code pages} and {@code site} (SIGKILL, child JVMs) at random moments: the output folder
 * is then always a complete earlier or later output, never a half-written one.
 */
class OutputCrashIT {

  @TempDir Path tmp;

  static Map<String, Long> listing(Path dir) throws Exception {
    Map<String, Long> out = new TreeMap<>();
    if (!Files.exists(dir)) {
      return out;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        out.put(dir.relativize(p).toString(), Files.size(p));
      }
    }
    return out;
  }

  Process run(String... args) throws Exception {
    return io.cachescope.Cli.start(tmp, args);
  }

  @Test
  void killedOutputIsAlwaysAWholeOutput() throws Exception {
    long seed = io.cachescope.Seeds.of("OutputCrashIT", 20_251_203L);
    SplittableRandom random = new SplittableRandom(seed);
    Path sources = CorpusGenerator.builder().seed(31).layout(CorpusGenerator.Layout.V2).build().writeTo(tmp.resolve("c")).sources();
    int kills = 0;
    int rounds = 0;
    for (String command : new String[] {"pages", "site"}) {
      Path out = tmp.resolve(command + "-out");
      Process first = run(command, "--sources", sources.toString(), "--out", out.toString());
      assertThat(first.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(first.exitValue()).as(Files.readString(tmp.resolve("child.err"))).isZero();
      Map<String, Long> complete = listing(out);
      assertThat(complete).isNotEmpty();
      for (int round = 0; round < 5; round++) {
        Process p = run(command, "--sources", sources.toString(), "--out", out.toString());
        long delay = 200 + round * 400 + random.nextInt(300);
        if (!p.waitFor(delay, TimeUnit.MILLISECONDS)) {
          p.destroyForcibly().waitFor();
          kills++;
        }
        rounds++;
        // Same sources each time, so every whole output has the same files.
        assertThat(listing(out)).as("seed %d %s round %d killed after %d ms", seed, command, round, delay).isEqualTo(complete);
      }
      Process last = run(command, "--sources", sources.toString(), "--out", out.toString());
      assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(last.exitValue()).isZero();
      try (Stream<Path> siblings = Files.list(tmp)) {
        assertThat(siblings.map(x -> x.getFileName().toString())).noneMatch(n -> n.startsWith("." + command + "-out."));
      }
    }
    assertThat(kills).as("seed %d: some runs must be killed", seed).isPositive();
    Reliability.record("kill -9 during pages and site", rounds + " runs (seed " + seed + ")", kills + " SIGKILLs",
        "previous output intact", "output always whole", "none");
  }
}
