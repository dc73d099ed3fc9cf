package io.cachescope.mirror;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * An open response body. {@code etag} is the HTTP entity tag (or a stand-in such as the file's
 * modification time), used to skip an index that has not changed; null when unknown.
 */
public record Body(InputStream stream, long length, String etag) implements Closeable {

  /** Reads the whole body; for small files only (manifests, keys, spec files). */
  public byte[] readAllBytes() {
    try (InputStream in = stream) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    stream.close();
  }
}
