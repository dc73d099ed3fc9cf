package io.cachescope;

/**
 * Seeds of the randomized tests: fixed by default, so a run repeats the last one; {@code
 * -Dseed=N} picks another. Each test prints the seed it used.
 */
public final class Seeds {
  private Seeds() {}

  public static long of(String test, long fixed) {
    long seed = Long.getLong("seed", fixed);
    System.out.println(test + ": seed " + seed + " (rerun with -Dseed=" + seed + ")");
    return seed;
  }
}
