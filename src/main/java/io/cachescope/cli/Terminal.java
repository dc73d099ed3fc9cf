package io.cachescope.cli;

/**
 * Text for a terminal: control characters from index values (escape sequences, NUL, stray
 * newlines inside one line) are shown escaped, never sent raw.
 */
final class Terminal {
  private Terminal() {}

  /** The text with every control character but a line's own newline and tab escaped. */
  static String safe(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder b = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control = (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f || (c >= 0x80 && c < 0xa0);
      if (control && b == null) {
        b = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (b != null) {
        if (control) {
          b.append(String.format("\\u%04x", (int) c));
        } else {
          b.append(c);
        }
      }
    }
    return b == null ? text : b.toString();
  }
}
