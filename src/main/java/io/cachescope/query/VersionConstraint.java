package io.cachescope.query;

import io.cachescope.catalog.Version;
import java.util.List;

/**
 * A version constraint as Spack writes it after {@code @}: a comma-separated list of exact
 * versions ({@code =1.2}), versions ({@code 1.2}: 1.2 and every 1.2.x) and ranges ({@code
 * 1.2:1.4}, {@code 1.2:}, {@code :1.4}, both ends inclusive of their prefixes). A version
 * satisfies it when it satisfies any item.
 */
public record VersionConstraint(List<Item> items) {

  /** One item: {@code lo:hi} (either may be null), or a single version (exact or prefix). */
  public record Item(String lo, String hi, boolean range, boolean exact) {

    boolean satisfiedBy(Version v) {
      if (!range) {
        Version only = Version.parse(lo);
        return exact ? v.equals(only) : v.equals(only) || v.hasPrefix(only);
      }
      if (lo != null && v.compareTo(Version.parse(lo)) < 0) {
        return false;
      }
      if (hi != null) {
        Version h = Version.parse(hi);
        return v.compareTo(h) <= 0 || v.hasPrefix(h);
      }
      return true;
    }

    @Override
    public String toString() {
      if (range) {
        return (lo == null ? "" : lo) + ":" + (hi == null ? "" : hi);
      }
      return (exact ? "=" : "") + lo;
    }
  }

  public VersionConstraint {
    items = List.copyOf(items);
  }

  public boolean satisfiedBy(String version) {
    Version v = Version.parse(version);
    return items.stream().anyMatch(i -> i.satisfiedBy(v));
  }

  @Override
  public String toString() {
    return String.join(",", items.stream().map(Item::toString).toList());
  }
}
