package io.cachescope.mirror;

import java.net.URI;

/** STUB until the PGP work lands. */
public final class MirrorKeys {
  private MirrorKeys() {}

  public static Keyring load(Transport transport, URI root) {
    return Keyring.empty();
  }
}
