package io.cachescope.render;

import io.cachescope.catalog.PyStrings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON exactly as Python's {@code json.dumps(obj, sort_keys=True)} does: separators
 * {@code ", "} and {@code ": "}, every character outside printable ASCII escaped as lowercase
 * {@code \}{@code uXXXX} (astral ones as surrogate pairs), {@code /} left alone, and keys sorted
 * by code point, which is how cache.spack.io's pages were written.
 */
public final class PyJson {
  private PyJson() {}

  /** Python's string order (one home: {@link io.cachescope.catalog.PyStrings#ORDER}). */
  public static final Comparator<String> PYTHON_ORDER = io.cachescope.catalog.PyStrings.ORDER;

  /** Serialises maps, lists, strings, integers, booleans and null. */
  public static String dumps(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      string(s, out);
    } else if (value instanceof Boolean b) {
      out.append(b ? "true" : "false");
    } else if (value instanceof Integer || value instanceof Long) {
      out.append(value);
    } else if (value instanceof Map<?, ?> map) {
      List<String> keys = new ArrayList<>();
      for (Object k : map.keySet()) {
        keys.add((String) k);
      }
      keys.sort(PYTHON_ORDER);
      out.append('{');
      for (int i = 0; i < keys.size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        string(keys.get(i), out);
        out.append(": ");
        write(map.get(keys.get(i)), out);
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(", ");
        }
        write(list.get(i), out);
      }
      out.append(']');
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass());
    }
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  static void string(String s, StringBuilder out) {
    PyStrings.json(s, out);
  }
}
