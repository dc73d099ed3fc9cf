package io.cachescope.catalog;

/**
 * What Spack allows in the parts of a spec that cachescope puts into URLs and commands: DAG
 * hashes of 32 lowercase base32 characters, package names of lowercase letters, digits, dashes
 * and underscores, versions of Spack's version characters (plus {@code =} and {@code /} of git
 * versions), and an architecture (platform, OS and target). A record that breaks these is left out where it is read, with a warning.
 */
public final class SpecGrammar {
  // Checked for every record of every index, so as character tables rather than regular
  // expressions (which were a twentieth of reading a develop index).
  private static final CharClass HASH = new CharClass("a-z2-7");
  private static final CharClass NAME_START = new CharClass("a-z0-9");
  private static final CharClass NAME = new CharClass("a-z0-9_-");
  private static final CharClass VERSION_START = new CharClass("A-Za-z0-9_.-");
  private static final CharClass VERSION = new CharClass("A-Za-z0-9_.=/-");

  private SpecGrammar() {}

  /** 32 characters of {@code [a-z2-7]}. */
  public static boolean isHash(String hash) {
    return hash != null && hash.length() == 32 && HASH.allFrom(hash, 0);
  }

  /** {@code [a-z0-9][a-z0-9_-]*}. */
  static boolean isName(String name) {
    return name != null && !name.isEmpty() && NAME_START.has(name.charAt(0)) && NAME.allFrom(name, 1);
  }

  /** {@code [A-Za-z0-9_.-][A-Za-z0-9_.=/-]*}; {@code =} and {@code /} for git versions. */
  static boolean isVersion(String version) {
    return !version.isEmpty() && VERSION_START.has(version.charAt(0)) && VERSION.allFrom(version, 1);
  }

  /** A set of ASCII characters written as in a regular expression's brackets ({@code a-z_-}). */
  private static final class CharClass {
    private final boolean[] ascii = new boolean[128];

    CharClass(String ranges) {
      for (int i = 0; i < ranges.length(); i++) {
        char from = ranges.charAt(i);
        char to = from;
        if (i + 2 < ranges.length() && ranges.charAt(i + 1) == '-') {
          to = ranges.charAt(i + 2);
          i += 2;
        }
        for (char c = from; c <= to; c++) {
          ascii[c] = true;
        }
      }
    }

    boolean has(char c) {
      return c < 128 && ascii[c];
    }

    boolean allFrom(String s, int start) {
      for (int i = start; i < s.length(); i++) {
        if (!has(s.charAt(i))) {
          return false;
        }
      }
      return true;
    }
  }

  /** Why Spack would not have written this record, or null when it is well formed. */
  public static String problem(ConcreteSpec s) {
    if (!isHash(s.hash())) {
      return "hash '" + shown(s.hash()) + "' is not 32 base32 characters";
    }
    if (!isName(s.name())) {
      return "package name '" + shown(s.name()) + "' is not a Spack package name";
    }
    if (!s.version().isEmpty() && !isVersion(s.version())) {
      return "version '" + shown(s.version()) + "' is not a Spack version";
    }
    if (s.platform() == null || s.os() == null || s.target() == null) {
      // Every concrete spec has one; pages, headers and host checks need all three parts.
      return "no architecture (platform " + s.platform() + ", os " + s.os() + ", target " + s.target() + ")";
    }
    return null;
  }

  /** A bad value as a message may show it: control characters escaped, at most 80 characters. */
  public static String shown(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < value.length() && b.length() < 80; i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return value.length() > 80 ? b + "…" : b.toString();
  }
}
