package io.cachescope.web;

import java.util.regex.Pattern;

/**
 * Quoting for the POSIX shell: every value from an index that goes into a command a user copies
 * is quoted, so a hostile name or URL stays one harmless argument.
 */
final class Shell {
  private static final Pattern BARE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private Shell() {}

  /** The value as one shell word: bare when safe, else single-quoted. */
  static String quote(String value) {
    if (!value.isEmpty() && BARE.matcher(value).matches()) {
      return value;
    }
    return "'" + value.replace("'", "'\\''") + "'";
  }
}
