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
}
