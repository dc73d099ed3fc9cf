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

  @Override
  public Optional<Body> get(URI uri) throws IOException {
    Path path = Path.of(uri);
    if (!Files.isRegularFile(path)) {
      return Optional.empty();
    }
    try {
      InputStream in = Files.newInputStream(path);
      String etag = Files.size(path) + "-" + Files.getLastModifiedTime(path).toMillis();
      return Optional.of(new Body(in, Files.size(path), etag));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  @Override
  public List<URI> list(URI directory) throws IOException {
    Path dir = Path.of(directory);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).sorted().map(Path::toUri).toList();
    }
  }
}
