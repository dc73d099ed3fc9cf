package io.cachescope.catalog;

import java.util.List;

/**
 * One entry of a node's {@code parameters} that is not a compiler flag: a boolean, single-valued
 * or multi-valued variant. Values are kept as Spack stored them (multi-valued ones sorted, unique).
 */
public record Variant(String name, Kind kind, List<String> values) {

  public enum Kind {
    BOOL,
    SINGLE,
    MULTI
  }

  public Variant {
    values = List.copyOf(values);
  }

  public static Variant bool(String name, boolean value) {
    return new Variant(name, Kind.BOOL, List.of(value ? "true" : "false"));
  }

  public static Variant single(String name, String value) {
    return new Variant(name, Kind.SINGLE, List.of(value));
  }

  public static Variant multi(String name, List<String> values) {
    java.util.TreeSet<String> sorted = new java.util.TreeSet<>(values);
    return new Variant(name, Kind.MULTI, List.copyOf(sorted));
  }

  /** True for {@code +name}; only meaningful for boolean variants. */
  public boolean enabled() {
    return kind == Kind.BOOL && values.get(0).equals("true");
  }

  /** The single value, or the values joined with commas. */
  public String joined() {
    return String.join(",", values);
  }
}
