package io.cachescope.render;

/** Which names from an index may become a folder or file name of generated output. */
public final class SiteWriterNames {
  private SiteWriterNames() {}

  /** Not empty, not hidden, no separators or NUL, so it cannot escape the output folder. */
  public static boolean isSafe(String name) {
    return !name.isEmpty()
        && name.length() <= 200
        && !name.startsWith(".")
        && name.indexOf('/') < 0
        && name.indexOf('\\') < 0
        && name.indexOf('\0') < 0;
  }

  /** The catalog without the tags whose names cannot be folder names; {@code warn} names each, with its mirrors. */
  public static io.cachescope.catalog.Catalog writable(io.cachescope.catalog.Catalog catalog, java.nio.file.Path out,
      java.util.function.Consumer<String> warn) {
    java.util.List<io.cachescope.catalog.Tag> kept = new java.util.ArrayList<>();
    for (io.cachescope.catalog.Tag tag : catalog.tags()) {
      if (isSafe(tag.name())) {
        kept.add(tag);
      } else {
        warn.accept("warning: tag '" + tag.name() + "' ("
            + String.join(", ", tag.stacks().stream().map(io.cachescope.catalog.Stack::url).toList())
            + ") cannot be a folder name; left out of " + out);
      }
    }
    return new io.cachescope.catalog.Catalog(kept);
  }
}
