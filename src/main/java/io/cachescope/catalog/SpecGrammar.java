package io.cachescope.catalog;

import java.util.regex.Pattern;

/**
 * What Spack allows in the parts of a spec that cachescope puts into URLs and commands: DAG
 * hashes of 32 lowercase base32 characters, package names of lowercase letters, digits, dashes
 * and underscores, versions of Spack's version characters (plus {@code =} and {@code /} of git
 * versions), and an architecture (platform, OS and target). A record that breaks these is left out where it is read, with a warning.
 */
public final class SpecGrammar {
  private static final Pattern HASH = Pattern.compile("[a-z2-7]{32}");
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");
  private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9_.-][A-Za-z0-9_.=/-]*");

  private SpecGrammar() {}

  public static boolean isHash(String hash) {
    return hash != null && HASH.matcher(hash).matches();
  }

  /** Why Spack would not have written this record, or null when it is well formed. */
  public static String problem(ConcreteSpec s) {
    if (!isHash(s.hash())) {
      return "hash '" + shown(s.hash()) + "' is not 32 base32 characters";
    }
    if (s.name() == null || !NAME.matcher(s.name()).matches()) {
      return "package name '" + shown(s.name()) + "' is not a Spack package name";
    }
    if (!s.version().isEmpty() && !VERSION.matcher(s.version()).matches()) {
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
