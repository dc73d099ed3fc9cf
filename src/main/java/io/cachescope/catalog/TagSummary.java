package io.cachescope.catalog;

import java.util.List;

/**
 * One tag as the pages list it: its snapshot date (null for a release), its stacks (the union
 * left out), how many packages and in-cache specs it has, the platforms, OSes and targets of
 * those, and the mirror it installs from (its union's URL; signed when any stack has a signed
 * spec).
 */
public record TagSummary(
    String name, String date, List<String> stacks, int packages, int specs,
    List<String> platforms, List<String> oss, List<String> targets, String mirrorUrl, boolean signed) {

  public TagSummary {
    stacks = List.copyOf(stacks);
    platforms = List.copyOf(platforms);
    oss = List.copyOf(oss);
    targets = List.copyOf(targets);
  }
}
