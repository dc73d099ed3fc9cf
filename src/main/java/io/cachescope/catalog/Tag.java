package io.cachescope.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A release ({@code v1.0.0}) or snapshot ({@code develop-2025-03-30}) and its stacks, in the
 * order the sources list them.
 */
public record Tag(String name, List<Stack> stacks) {

  private static final Pattern SNAPSHOT = Pattern.compile("^develop-(\\d{4}-\\d{2}-\\d{2})$");

  /** The date of a weekly snapshot tag ({@code develop-2025-03-30}), or null for any other tag. */
  public static String snapshotDate(String tagName) {
    Matcher m = SNAPSHOT.matcher(tagName);
    return m.matches() ? m.group(1) : null;
  }

  public Tag {
    stacks = List.copyOf(stacks);
  }

  /** Every record of every stack, each hash once, with what the stacks together say of it. */
  public Union union() {
    Union all = new Union();
    for (Stack stack : stacks) {
      all.add(stack.index());
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
}
