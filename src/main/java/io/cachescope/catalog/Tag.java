package io.cachescope.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A release ({@code v1.0.0}) or snapshot ({@code develop-2025-03-30}) and its stacks, in the
 * order the sources list them.
 */
public record Tag(String name, List<Stack> stacks) {

  public Tag {
    stacks = List.copyOf(stacks);
  }

  /**
   * Every record of every stack by hash; a hash counts as in the build cache when any stack
   * holds its binary.
   */
  public Map<String, ConcreteSpec> union() {
    Map<String, ConcreteSpec> all = new LinkedHashMap<>();
    for (Stack stack : stacks) {
      for (ConcreteSpec spec : stack.index().all()) {
        all.merge(spec.hash(), spec, Tag::merge);
      }
    }
    return all;
  }

  /** Labels of the stacks whose index holds this hash, sorted. */
  public List<String> stacksOf(String hash) {
    TreeSet<String> labels = new TreeSet<>();
    for (Stack stack : stacks) {
      if (stack.holds(hash)) {
        labels.add(stack.label());
      }
    }
    return new ArrayList<>(labels);
  }

  private static ConcreteSpec merge(ConcreteSpec first, ConcreteSpec other) {
    ConcreteSpec merged = first;
    if (!first.inBuildcache() && other.inBuildcache()) {
      merged = merged.withInBuildcache(true);
    }
    if ((first.layouts() | other.layouts()) != first.layouts()) {
      merged = merged.withLayouts(first.layouts() | other.layouts());
    }
    if (first.tarballSize() < 0 && other.tarballSize() >= 0) {
      merged = merged.withTarballSize(other.tarballSize());
    }
    return merged;
  }
}
