package io.cachescope.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Whole output or none: a folder is written under a temporary sibling name and swapped in at the
 * end, so a failure or a kill leaves the previous output as it was. Only a folder that is empty
 * or that holds cachescope's own earlier output (marked by {@link #MARKER}) is ever replaced:
 * a user's files are never deleted.
 */
public final class FolderSwap {
  /** The file at the root of every output folder that says cachescope wrote it. */
  public static final String MARKER = ".cachescope-output";

  private FolderSwap() {}

  /** Fills a fresh folder; {@code previous} is the output being replaced (it may not exist). */
  public interface Filler {
    int fill(Path fresh, Path previous) throws IOException;
  }

  /**
   * Replaces the folder {@code out} with what {@code filler} writes, whole or not at all;
   * returns what the filler returns. Errors name {@code out}.
   */
  public static int replace(Path out, Filler filler) {
    Path target = out.toAbsolutePath().normalize();
    Path parent = target.getParent();
    refuseForeign(out, target);
    String base = target.getFileName().toString();
    Path temp = parent.resolve("." + base + ".tmp-" + ProcessHandle.current().pid());
    try {
      Files.createDirectories(parent);
      recover(parent, base, target);
      deleteTree(temp);
      Files.createDirectories(temp);
      int result = filler.fill(temp, target);
      Files.writeString(temp.resolve(MARKER),
          "Written by cachescope. The next run replaces this folder whole; do not keep other files here.\n");
      swap(temp, target, parent.resolve("." + base + ".old-" + ProcessHandle.current().pid()));
      return result;
    } catch (IOException e) {
      deleteQuietly(temp);
      throw new io.cachescope.SourceException(out.toString(), "", "cannot write the output: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      deleteQuietly(temp);
      throw e;
    }
  }

  /** Refuses to replace anything but a missing or empty folder or an earlier output. */
  private static void refuseForeign(Path out, Path target) {
    String why = null;
    if (target.getParent() == null) {
      why = "is the root of the file system";
    } else if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      why = "is not a folder";
    } else if (Files.isDirectory(target) && !Files.exists(target.resolve(MARKER)) && !isEmpty(target)
        && !isUnmarkedOutput(target)) {
      why = "holds files cachescope did not write (give an empty or new folder; an earlier output has a "
          + MARKER + " file)";
    }
    if (why != null) {
      throw new io.cachescope.SourceException(out.toString(), "", "refusing to replace it: it " + why);
    }
  }

  /** What `pages` and `site` wrote at the top of a folder before outputs carried the marker. */
  private static final java.util.Set<String> UNMARKED_OUTPUT = java.util.Set.of(
      "_cache", "_data", "pages", "api", "index.html", "search", "search-index.json", "spec", "static",
      "tag", "package", "host", "diff");

  /** An output of an earlier cachescope (no marker yet): only names it writes, tags.yaml or the search index. */
  private static boolean isUnmarkedOutput(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      boolean onlyOurs = entries.allMatch(p -> UNMARKED_OUTPUT.contains(p.getFileName().toString()));
      return onlyOurs && (Files.isRegularFile(dir.resolve("_data/tags.yaml")) || Files.isRegularFile(dir.resolve("search-index.json")));
    } catch (IOException e) {
      return false;
    }
  }

  private static boolean isEmpty(Path dir) {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new io.cachescope.SourceException(dir.toString(), "", "cannot list: " + e.getMessage(), e);
    }
  }

  /**
   * Moves the new output into place: the old folder is renamed aside first, so at every moment
   * one complete output exists under one of the two names; {@link #recover} puts it back if a
   * kill fell between the two renames.
   */
  public static void swap(Path temp, Path target, Path old) throws IOException {
    if (Files.exists(target)) {
      Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      deleteTree(old);
    } else {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /** After a kill: restores an output that was set aside, and removes stale temporary folders. */
  public static void recover(Path parent, String base, Path target) throws IOException {
    try (Stream<Path> siblings = Files.list(parent)) {
      for (Path p : (Iterable<Path>) siblings::iterator) {
        String name = p.getFileName().toString();
        if (name.startsWith("." + base + ".old-")) {
          if (!Files.exists(target)) {
            Files.move(p, target, StandardCopyOption.ATOMIC_MOVE);
          } else {
            deleteTree(p);
          }
        } else if (name.startsWith("." + base + ".tmp-")) {
          deleteTree(p);
        }
      }
    }
  }

  public static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  public static void deleteQuietly(Path root) {
    try {
      deleteTree(root);
    } catch (IOException | UncheckedIOException e) {
      // Best effort: the next run removes stale temporary folders too.
    }
  }
}
