package io.cachescope.mirror;

/** SHA-256 of bytes, for checksums and ETags. */
public final class Digests {
  private Digests() {}

  public static byte[] sha256(byte[] bytes) {
    return MirrorReader.sha256().digest(bytes);
  }
}
