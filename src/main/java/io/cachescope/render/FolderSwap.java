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
 * end, so a failure or a kill leaves the previous output as it was.
 */
public final class FolderSwap {
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
    String base = target.getFileName().toString();
    Path temp = parent.resolve("." + base + ".tmp-" + ProcessHandle.current().pid());
    try {
      Files.createDirectories(parent);
      recover(parent, base, target);
      deleteTree(temp);
      Files.createDirectories(temp);
      int result = filler.fill(temp, target);
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
