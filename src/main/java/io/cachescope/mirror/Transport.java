package io.cachescope.mirror;

import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Reads files of a mirror by URI: a local directory, HTTPS or S3. Implementations retry what is
 * worth retrying and throw {@link io.cachescope.SourceException} naming the URI when they give up.
 */
public interface Transport extends Closeable {

  /** The body at {@code uri}, or empty when it does not exist (404, no such file). */
  Optional<Body> get(URI uri) throws IOException;

  /**
   * Every file below the directory {@code uri} (recursively), or an empty list if there is none
   * or the transport cannot list (plain HTTPS).
   */
  List<URI> list(URI directory) throws IOException;

  @Override
  default void close() throws IOException {}
}
