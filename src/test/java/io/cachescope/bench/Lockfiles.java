package io.cachescope.bench;

import java.io.IOException;
import java.nio.file.Path;

/** Writes a lockfile of the first N records of an index, for the coverage benchmark; prints its path.
 * Arguments: index, N, output file. */
public final class Lockfiles {
  private Lockfiles() {}

  public static void main(String[] args) throws IOException {
    System.out.println(QueryBench.lockfile(Path.of(args[0]), Integer.parseInt(args[1]), Path.of(args[2])));
  }
}
