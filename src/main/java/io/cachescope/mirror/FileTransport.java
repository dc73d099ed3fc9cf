package io.cachescope.mirror;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Reads a mirror from the local file system ({@code file://} URIs). */
public final class FileTransport implements Transport {

  private final Path root;

  /** Reads files of the mirror at {@code root}, and nothing outside it. */
  public FileTransport(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public Optional<Body> get(URI uri) throws IOException {
    Path path = inside(Path.of(uri));
    if (!Files.isRegularFile(path)) {
      return Optional.empty();
    }
    try {
      InputStream in = Files.newInputStream(path);
      String etag = Files.size(path) + "-" + Files.getLastModifiedTime(path).toMillis();
      return Optional.of(new Body(uri.toString(), in, Files.size(path), etag));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  /**
   * The path, when it lies inside the mirror, symbolic links followed; anything else (a {@code
   * ..} in a manifest, a link out of the mirror) is an error naming it.
   */
  private Path inside(Path path) throws IOException {
    Path p = path.toAbsolutePath().normalize();
    boolean ok = p.startsWith(root);
    if (ok && Files.exists(p)) {
      Path realRoot = Files.exists(root) ? root.toRealPath() : root;
      ok = p.toRealPath().startsWith(realRoot);
    }
    if (!ok) {
      throw new io.cachescope.SourceException(path.toString(), "", "outside the mirror " + root + "; not read");
    }
    return p;
  }

  @Override
  public List<URI> list(URI directory) throws IOException {
    Path dir = inside(Path.of(directory));
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      // Files.walk does not follow links; a linked file out of the mirror is left out.
      return files.filter(p -> Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).sorted().map(Path::toUri).toList();
    }
  }
}
