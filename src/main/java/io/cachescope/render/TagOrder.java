package io.cachescope.render;

import io.cachescope.catalog.Tag;
import java.util.Comparator;
import java.util.regex.Pattern;

/**
 * The order cache.spack.io lists tags in ({@code tag_sorter}, docs/cache-spack-io.md, "Tags"): {@code develop}
 * first, then releases by {@code -int(name without "v" and ".")} (so {@code v2025.07.0} comes
 * first and {@code v1.0.0} after {@code v0.23.1}: a quirk kept on purpose), then {@code
 * develop-YYYY-MM-DD} snapshots newest first, then anything else by name.
 */
public final class TagOrder {
  private static final Pattern RELEASE = Pattern.compile("^v?[0-9.]+$");

  public static final Comparator<String> UPSTREAM =
      Comparator.comparingInt(TagOrder::group)
          .thenComparing(TagOrder::releaseKey, Comparator.reverseOrder())
          .thenComparing(TagOrder::snapshotDate, Comparator.reverseOrder())
          .thenComparing(PyJson.PYTHON_ORDER);

  private TagOrder() {}

  private static int group(String tag) {
    if (tag.equals("develop")) {
      return 0;
    }
    if (RELEASE.matcher(tag).matches() && !tag.replace("v", "").replace(".", "").isEmpty()) {
      return 1;
    }
    return Tag.snapshotDate(tag) != null ? 2 : 3;
  }

  private static java.math.BigInteger releaseKey(String tag) {
    if (group(tag) != 1) {
      return java.math.BigInteger.ZERO;
    }
    return new java.math.BigInteger(tag.replace("v", "").replace(".", ""));
  }

  private static String snapshotDate(String tag) {
    String date = Tag.snapshotDate(tag);
    return date == null ? "" : date;
  }
}
