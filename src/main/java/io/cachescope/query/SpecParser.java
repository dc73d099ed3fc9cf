package io.cachescope.query;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses one constraint argument in Spack's spec syntax into a {@link SpecConstraint}. Errors
 * point at the offending character with a caret, as Spack's parser does.
 */
public final class SpecParser {

  private final String input;
  private int pos;

  private SpecParser(String input) {
    this.input = input;
  }

  public static SpecConstraint parse(String text) {
    SpecParser p = new SpecParser(text);
    SpecConstraint root = p.spec(true);
    if (root.name() == null && root.versions() == null && root.variants().isEmpty() && root.compilers().isEmpty()
        && root.platform() == null && root.os() == null && root.target() == null && root.namespace() == null
        && root.hashPrefix() == null && root.dependencies().isEmpty()) {
      throw new SpecSyntaxException("empty spec", text, 0);
    }
    return root;
  }

  /** Mutable parts of one spec while it is read. */
  private static final class Parts {
    String name;
    VersionConstraint versions;
    final List<SpecConstraint.VariantConstraint> variants = new ArrayList<>();
    final List<SpecConstraint.CompilerConstraint> compilers = new ArrayList<>();
    String platform;
    String os;
    String target;
    String namespace;
    String hash;
    final List<SpecConstraint> dependencies = new ArrayList<>();

    SpecConstraint build() {
      return new SpecConstraint(name, versions, variants, compilers, platform, os, target, namespace, hash, dependencies);
    }
  }

  private SpecConstraint spec(boolean root) {
    Parts parts = new Parts();
    while (true) {
      skipSpaces();
      if (pos >= input.length()) {
        break;
      }
      char c = input.charAt(pos);
      int start = pos;
      if (c == '^') {
        if (!root) {
          break; // the root collects every dependency
        }
        pos++;
        skipSpaces();
        if (pos >= input.length()) {
          throw error("expected a dependency after '^'", start);
        }
        parts.dependencies.add(spec(false));
      } else if (c == '@') {
        pos++;
        if (parts.versions != null) {
          throw error("versions given twice", start);
        }
        parts.versions = versions(start);
      } else if (c == '%') {
        pos++;
        parts.compilers.add(compiler(start));
      } else if (c == '+' || c == '~' || (c == '-' && pos + 1 < input.length() && Character.isLetter(input.charAt(pos + 1)) && atTokenStart())) {
        pos++;
        String name = identifier();
        if (name.isEmpty()) {
          throw error("expected a variant name after '" + c + "'", pos);
        }
        parts.variants.add(new SpecConstraint.VariantConstraint(name, true, false, List.of(c == '+' ? "true" : "false")));
      } else if (c == '/') {
        pos++;
        int s = pos;
        while (pos < input.length() && Character.isLetterOrDigit(input.charAt(pos))) {
          pos++;
        }
        if (pos == s) {
          throw error("expected a hash after '/'", s);
        }
        if (parts.hash != null) {
          throw error("hash given twice", start);
        }
        parts.hash = input.substring(s, pos).toLowerCase(java.util.Locale.ROOT);
      } else if (Character.isLetterOrDigit(c) || c == '_') {
        String word = identifier();
        if (input.startsWith(":=", pos) || input.startsWith("==", pos) || input.startsWith("=", pos)) {
          boolean exact = input.startsWith(":=", pos);
          pos += exact || input.startsWith("==", pos) ? 2 : 1;
          String value = value(start);
          keyValue(parts, word, value, exact, start);
        } else if (parts.name == null && parts.versions == null && parts.variants.isEmpty() && parts.compilers.isEmpty()) {
          parts.name = word;
        } else if (!root && parts.name != null) {
          pos = start;
          break;
        } else {
          throw error("unexpected name '" + word + "' (a spec names one package)", start);
        }
      } else {
        throw error("unexpected '" + c + "'", start);
      }
    }
    return parts.build();
  }

  private boolean atTokenStart() {
    return pos == 0 || Character.isWhitespace(input.charAt(pos - 1));
  }

  private void keyValue(Parts parts, String key, String value, boolean exact, int start) {
    switch (key) {
      case "platform" -> parts.platform = value;
      case "os" -> parts.os = value;
      case "target" -> parts.target = value;
      case "namespace" -> parts.namespace = value;
      case "arch", "architecture" -> {
        String[] p = value.split("-", 3);
        if (p.length != 3) {
          throw error("arch= takes platform-os-target", start);
        }
        parts.platform = p[0];
        parts.os = p[1];
        parts.target = p[2];
      }
      default -> {
        List<String> values = new ArrayList<>(List.of(value.split(",", -1)));
        if (values.stream().anyMatch(String::isEmpty)) {
          throw error("empty value in " + key + "=", start);
        }
        parts.variants.add(new SpecConstraint.VariantConstraint(key, false, exact, values));
      }
    }
  }

  private VersionConstraint versions(int start) {
    int s = pos;
    while (pos < input.length() && "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_.-:=,".indexOf(input.charAt(pos)) >= 0) {
      pos++;
    }
    String text = input.substring(s, pos);
    if (text.isEmpty()) {
      throw error("expected a version after '@'", s);
    }
    List<VersionConstraint.Item> items = new ArrayList<>();
    int offset = s;
    for (String part : text.split(",", -1)) {
      if (part.isEmpty()) {
        throw error("empty version in list", offset);
      }
      int colon = part.indexOf(':');
      if (part.startsWith("=")) {
        if (part.length() == 1 || colon >= 0 || part.indexOf('=', 1) >= 0 && !part.startsWith("=git.")) {
          throw error("malformed exact version '" + part + "'", offset);
        }
        items.add(new VersionConstraint.Item(part.substring(1), null, false, true));
      } else if (colon >= 0) {
        String lo = part.substring(0, colon);
        String hi = part.substring(colon + 1);
        if (hi.contains(":") || lo.contains("=") && !lo.startsWith("git.") || hi.contains("=")) {
          throw error("malformed version range '" + part + "'", offset);
        }
        items.add(new VersionConstraint.Item(lo.isEmpty() ? null : lo, hi.isEmpty() ? null : hi, true, false));
      } else {
        items.add(new VersionConstraint.Item(part, null, false, false));
      }
      offset += part.length() + 1;
    }
    return new VersionConstraint(items);
  }

  private SpecConstraint.CompilerConstraint compiler(int start) {
    int s = pos;
    List<String> virtuals = new ArrayList<>();
    // %c,cxx=gcc: look ahead for "=" before any space or '@'.
    int eq = -1;
    for (int i = pos; i < input.length(); i++) {
      char c = input.charAt(i);
      if (c == '=') {
        eq = i;
        break;
      }
      if (Character.isWhitespace(c) || c == '@' || c == '+' || c == '~' || c == '%' || c == '^') {
        break;
      }
    }
    if (eq >= 0) {
      for (String v : input.substring(pos, eq).split(",", -1)) {
        if (!v.matches("[a-zA-Z_][a-zA-Z0-9_-]*")) {
          throw error("malformed virtual '" + v + "' after '%'", s);
        }
        virtuals.add(v);
      }
      pos = eq + 1;
    }
    String name = identifier();
    if (name.isEmpty()) {
      throw error("expected a compiler name after '%'", pos);
    }
    VersionConstraint versions = null;
    if (pos < input.length() && input.charAt(pos) == '@') {
      int at = pos++;
      versions = versions(at);
    }
    return new SpecConstraint.CompilerConstraint(virtuals, name, versions);
  }

  private String identifier() {
    int s = pos;
    if (pos < input.length() && (Character.isLetterOrDigit(input.charAt(pos)) || input.charAt(pos) == '_')) {
      pos++;
      while (pos < input.length()) {
        char c = input.charAt(pos);
        if (Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.') {
          pos++;
        } else {
          break;
        }
      }
    }
    return input.substring(s, pos);
  }

  private String value(int start) {
    if (pos < input.length() && (input.charAt(pos) == '\'' || input.charAt(pos) == '"')) {
      char quote = input.charAt(pos);
      int close = input.indexOf(quote, pos + 1);
      if (close < 0) {
        throw error("unterminated quote", pos);
      }
      String v = input.substring(pos + 1, close);
      pos = close + 1;
      return v;
    }
    int s = pos;
    while (pos < input.length() && !Character.isWhitespace(input.charAt(pos)) && input.charAt(pos) != '^' && input.charAt(pos) != '%') {
      pos++;
    }
    if (s == pos) {
      throw error("expected a value", s);
    }
    return input.substring(s, pos);
  }

  private void skipSpaces() {
    while (pos < input.length() && Character.isWhitespace(input.charAt(pos))) {
      pos++;
    }
  }

  private SpecSyntaxException error(String message, int at) {
    return new SpecSyntaxException(message, input, at);
  }
}
