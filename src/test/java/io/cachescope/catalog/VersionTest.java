package io.cachescope.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachescope.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class VersionTest {

  /** Every ordering example of Spack's own version tests (plain versions). */
  @Test
  void spacksOwnExamples() {
    int checked = 0;
    for (String line : Fixtures.read("spack-version-order.txt").split("\n")) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      String[] p = line.split(" ");
      int c = Version.parse(p[1]).compareTo(Version.parse(p[2]));
      switch (p[0]) {
        case "lt" -> assertThat(c).as(line).isNegative();
        case "gt" -> assertThat(c).as(line).isPositive();
        default -> assertThat(c).as(line).isZero();
      }
      checked++;
    }
    assertThat(checked).isGreaterThan(90);
  }

  @Test
  void theOrderUsersExpect() {
    assertThat(Version.compare("1.10", "1.9")).isPositive();
    assertThat(Version.compare("develop", "99999")).isPositive();
    assertThat(Version.compare("main", "develop")).isNegative();
    assertThat(Version.compare("git.abc=1.2", "1.3")).isNegative();
    assertThat(Version.parse("1.2.5").hasPrefix(Version.parse("1.2"))).isTrue();
    assertThat(Version.parse("1.20").hasPrefix(Version.parse("1.2"))).isFalse();
  }

  /** Seeded random versions from realistic pieces: compare is a total order. */
  @Test
  void compareIsATotalOrder() {
    long seed = io.cachescope.Seeds.of("VersionTest", 1);
    SplittableRandom r = new SplittableRandom(seed);
    String[] pieces = {"0", "1", "2", "9", "10", "11", "2024", "a", "b", "rc", "alpha", "beta", "p", "develop", "main", "master", "x"};
    String[] seps = {".", "-", "_", ""};
    List<String> versions = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      StringBuilder b = new StringBuilder(pieces[r.nextInt(4)]);
      for (int n = r.nextInt(4); n > 0; n--) {
        b.append(seps[r.nextInt(seps.length)]).append(pieces[r.nextInt(pieces.length)]);
      }
      versions.add(b.toString());
    }
    for (String a : versions) {
      assertThat(Version.compare(a, a)).isZero();
      for (String b : versions) {
        int ab = Integer.signum(Version.compare(a, b));
        assertThat(ab).as("seed %d: %s vs %s", seed, a, b).isEqualTo(-Integer.signum(Version.compare(b, a)));
      }
    }
    List<String> sorted = new ArrayList<>(versions);
    sorted.sort(Version::compare);
    for (int i = 0; i < sorted.size(); i++) {
      for (int j = i + 1; j < sorted.size(); j++) {
        // Transitivity, checked through the sort: no later element is smaller than an earlier one.
        assertThat(Version.compare(sorted.get(i), sorted.get(j))).as("seed %d", seed).isLessThanOrEqualTo(0);
      }
    }
  }

  @Test
  void aHostileGitVersionIsPeeledWithoutRecursionOrQuadraticWork() {
    String hostile = "git.=".repeat(150_000) + "1.2";
    assertThat(Version.parse(hostile).compareTo(Version.parse("1.2"))).isZero();
    assertThat(Version.compare("git.abc=1.10", "1.9")).isPositive();
    String endless = "1." + "9".repeat(100_000);
    assertThat(Version.parse(endless).compareTo(Version.parse("1.0"))).isPositive();
  }
}
