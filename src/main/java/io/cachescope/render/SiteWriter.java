package io.cachescope.render;

import io.cachescope.SourceException;
import io.cachescope.catalog.Catalog;
import io.cachescope.catalog.Stack;
import io.cachescope.catalog.Tag;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes cache.spack.io's generated files for every tag of a catalog into an output folder:
 * {@code _cache/<tag>/<package>/specs.md}, {@code pages/tags/<tag>.md}, {@code _data/tags.yaml}
 * and {@code api/data/<tag>.json}. Whole output or none: everything is written into a sibling
 * temporary folder and swapped in at the end, so a failure or a kill leaves the previous output
 * as it was. Tags of the previous output that this run does not write are kept, as upstream
 * keeps its immutable tags.
 */
public final class SiteWriter {

  private SiteWriter() {}

  /** Writes the site; returns how many package pages were written. */
  public static int write(Catalog catalog, Path out, boolean withSizes) {
    return write(catalog, out, withSizes, w -> {});
  }

  /**
   * As above; a tag whose name cannot be a folder name ({@code ../x}, {@code .hidden}) is left
   * out, and {@code warn} says so, naming its mirrors.
   */
  public static int write(Catalog catalog, Path out, boolean withSizes, java.util.function.Consumer<String> warn) {
    Catalog catalogOut = SiteWriterNames.writable(catalog, out, warn);
    return FolderSwap.replace(out, (temp, previous) -> {
      Map<String, List<String>> tagsYaml = new LinkedHashMap<>();
      if (Files.isRegularFile(previous.resolve("_data/tags.yaml"))) {
        tagsYaml.putAll(SiteData.parseTagsYaml(Files.readString(previous.resolve("_data/tags.yaml"))));
        carryOver(previous, temp, tagsYaml.keySet(), catalogOut);
      }
      int pages = 0;
      for (Tag tag : catalogOut.tags()) {
        pages += writeTag(tag, temp, withSizes);
        List<String> labels = new ArrayList<>();
        for (Stack s : tag.stacks()) {
          if (!labels.contains(s.label())) {
            labels.add(s.label());
          }
        }
        tagsYaml.put(tag.name(), labels);
      }
      write(temp.resolve("_data/tags.yaml"), SiteData.tagsYaml(tagsYaml));
      return pages;
    });
  }

  private static int writeTag(Tag tag, Path temp, boolean withSizes) throws IOException {
    Map<String, String> pages = SpecsPage.renderTag(tag, withSizes);
    Path cache = temp.resolve("_cache").resolve(tag.name());
    for (Map.Entry<String, String> page : pages.entrySet()) {
      checkName(page.getKey(), "package");
      write(cache.resolve(page.getKey()).resolve("specs.md"), page.getValue());
    }
    write(temp.resolve("pages/tags").resolve(tag.name() + ".md"), SiteData.tagPage(tag.name()));
    write(temp.resolve("api/data").resolve(tag.name() + ".json"), PyJson.dumps(SiteData.packageSummary(tag)));
    return pages.size();
  }

  /** Keeps the files of tags that the previous output had and this run does not rewrite. */
  private static void carryOver(Path old, Path temp, Iterable<String> oldTags, Catalog catalog)
      throws IOException {
    for (String name : oldTags) {
      if (catalog.tag(name).isPresent() || !SiteWriterNames.isSafe(name)) {
        continue;
      }
      for (String rel : List.of("_cache/" + name, "pages/tags/" + name + ".md", "api/data/" + name + ".json")) {
        Path from = old.resolve(rel);
        if (!Files.exists(from)) {
          continue;
        }
        try (Stream<Path> files = Files.walk(from)) {
          for (Path p : (Iterable<Path>) files::iterator) {
            Path to = temp.resolve(old.relativize(p).toString());
            if (Files.isDirectory(p)) {
              Files.createDirectories(to);
            } else {
              Files.createDirectories(to.getParent());
              link(p, to);
            }
          }
        }
      }
    }
  }

  private static void link(Path from, Path to) throws IOException {
    try {
      Files.createLink(to, from);
    } catch (UnsupportedOperationException | IOException e) {
      if (e instanceof FileAlreadyExistsException) {
        throw (FileAlreadyExistsException) e;
      }
      Files.copy(from, to);
    }
  }


  /** Names from an index become path components: refuse those that could escape the tree. */
  private static void checkName(String name, String what) {
    if (!SiteWriterNames.isSafe(name)) {
      throw new SourceException(what + " name", name, "refusing to write a " + what + " with this name as a path");
    }
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

}
