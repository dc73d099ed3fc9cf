package io.cachescope.web;

/**
 * The mirror a tag's binaries install from, as install commands name it.
 *
 * @param name the name for {@code spack mirror add}, derived from the tag
 * @param url the tag's root stack URL as recorded at ingest, or the {@code --mirror-url} override
 * @param signed whether the mirror publishes signing keys (else it is added {@code --unsigned})
 */
public record Mirror(String name, String url, boolean signed) {

  /** {@code spack-<tag>}, with anything but letters, digits, dot, dash and underscore as a dash. */
  static String nameFor(String tag) {
    return "spack-" + tag.replaceAll("[^A-Za-z0-9._-]", "-");
  }
}
