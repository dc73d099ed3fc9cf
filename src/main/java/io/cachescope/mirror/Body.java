package io.cachescope.mirror;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * An open response body. {@code etag} is the HTTP entity tag (or a stand-in such as the file's
 * modification time), used to skip an index that has not changed; null when unknown.
 */
public record Body(String source, InputStream stream, long length, String etag) implements Closeable {

  /** More than any manifest, key, hash or spec file holds; what is read whole stops here. */
  public static final int MAX_SMALL_FILE = 64 << 20;

  /** Reads the whole body; for small files only (manifests, keys, spec files), at most {@link #MAX_SMALL_FILE}. */
  public byte[] readAllBytes() {
    try (InputStream in = stream) {
      byte[] bytes = in.readNBytes(MAX_SMALL_FILE + 1);
      if (bytes.length > MAX_SMALL_FILE) {
        throw new io.cachescope.SourceException(source, "", "larger than " + (MAX_SMALL_FILE >> 20)
            + " MiB, which no file of this kind is; not read");
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    stream.close();
  }
}
