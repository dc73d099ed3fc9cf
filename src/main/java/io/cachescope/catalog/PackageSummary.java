package io.cachescope.catalog;

import java.util.List;

/**
 * One package in one tag: how many builds the tag's build cache holds and what they span
 * (versions newest first; the other lists sorted; stacks without the tag's union).
 */
public record PackageSummary(
    String name, String tag, int builds, List<String> versions, List<String> compilers,
    List<String> oss, List<String> targets, List<String> stacks) {

  public PackageSummary {
    versions = List.copyOf(versions);
    compilers = List.copyOf(compilers);
    oss = List.copyOf(oss);
    targets = List.copyOf(targets);
    stacks = List.copyOf(stacks);
  }
}
