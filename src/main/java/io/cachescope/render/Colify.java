package io.cachescope.render;

import java.util.ArrayList;
import java.util.List;

/**
 * Columns as Spack's {@code colify} lays them out: one per line when not on a terminal, else
 * the most variable-width columns (filled top to bottom) that fit the console width.
 */
public final class Colify {
  private Colify() {}

  public static void write(List<String> items, boolean tty, int consoleWidth, StringBuilder out) {
    if (items.isEmpty()) {
      return;
    }
    int padding = 2;
    int[] widths = tty ? fit(items, consoleWidth, padding) : new int[] {0};
    int cols = widths.length;
    int rows = (items.size() + cols - 1) / cols;
    for (int row = 0; row < rows; row++) {
      StringBuilder line = new StringBuilder();
      for (int col = 0; col < cols; col++) {
        int i = col * rows + row;
        if (i >= items.size()) {
          break;
        }
        String item = items.get(i);
        line.append(item);
        if (col < cols - 1 && (col + 1) * rows + row < items.size()) {
          line.append(" ".repeat(Math.max(0, widths[col] - item.length())));
        }
      }
      out.append(line).append('\n');
    }
  }

  /** Spack's {@code config_variable_cols}: the most columns whose widths fit the console. */
  private static int[] fit(List<String> items, int consoleWidth, int padding) {
    int min = items.stream().mapToInt(String::length).min().orElse(1);
    int maxCols = Math.min(items.size(), Math.max(1, consoleWidth / (min + padding)));
    int[] best = null;
    for (int cols = 1; cols <= maxCols; cols++) {
      int rows = (items.size() + cols - 1) / cols;
      int[] widths = new int[cols];
      int lineLength = 0;
      boolean valid = true;
      for (int i = 0; i < items.size() && valid; i++) {
        int col = i / rows;
        int p = col < cols - 1 ? padding : 0;
        int len = items.get(i).length() + p;
        if (widths[col] < len) {
          lineLength += len - widths[col];
          widths[col] = len;
          valid = lineLength < consoleWidth;
        }
      }
      if (valid) {
        best = widths;
      }
    }
    if (best == null) {
      return new int[] {0};
    }
    List<Integer> used = new ArrayList<>();
    for (int w : best) {
      if (w != 0) {
        used.add(w);
      }
    }
    return used.stream().mapToInt(Integer::intValue).toArray();
  }
}
