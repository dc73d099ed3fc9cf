package io.cachescope;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Test data copied from ../shared into src/test/resources (see src/test/resources/README). */
public final class Fixtures {
  private Fixtures() {}

  /** A file or directory under src/test/resources. */
  public static Path path(String relative) {
    URL url = Fixtures.class.getClassLoader().getResource(relative);
    if (url == null) {
      throw new IllegalArgumentException("no test resource " + relative);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String read(String relative) {
    try {
      return Files.readString(path(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies a fixture directory into {@code target}, so a test may change it. */
  public static Path copy(String relative, Path target) {
    Path from = path(relative);
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path to = target.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }
}
