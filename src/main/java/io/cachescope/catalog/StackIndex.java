package io.cachescope.catalog;



import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which stacks of a tag hold each hash, computed once: a tag has tens of stacks and thousands of
 * specs, and every page and summary asks.
 */
public final class StackIndex {
  private final Map<String, List<String>> labels = new HashMap<>();

  public StackIndex(Tag tag) {
    for (Stack stack : tag.stacks()) {
      for (String hash : stack.index().specs().keySet()) {
        List<String> l = labels.computeIfAbsent(hash, k -> new ArrayList<>(2));
        if (!l.contains(stack.label())) {
          l.add(stack.label());
        }
      }
    }
    labels.values().forEach(l -> l.sort(PyStrings.ORDER));
  }

  /** Sorted labels of the stacks whose index holds the hash. */
  public List<String> of(String hash) {
    return labels.getOrDefault(hash, List.of());
  }
}
