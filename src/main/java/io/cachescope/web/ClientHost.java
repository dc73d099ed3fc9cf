package io.cachescope.web;

import io.cachescope.SourceException;
import io.cachescope.query.Host;
import java.util.Optional;

/**
 * A host a client names ({@code os=ubuntu22.04 target=zen3 [platform=linux]}). {@code auto}, the
 * server's own machine, means nothing to a client, so it is refused with the rest.
 */
final class ClientHost {
  private ClientHost() {}

  /** The host, or empty when the text is not one. */
  static Optional<Host> parse(String text) {
    if (text.strip().equals("auto")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Host.parse(text));
    } catch (SourceException e) {
      return Optional.empty();
    }
  }

  static String error(String text) {
    return "host: expected os=... target=... [platform=...], got '" + text + "'";
  }
}
