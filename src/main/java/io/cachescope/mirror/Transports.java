package io.cachescope.mirror;

/** Picks the transport for a mirror URL. */
public final class Transports {
  private Transports() {}

  public static Transport forUrl(MirrorUrl url, TransportOptions options) {
    if (url.isLocal()) {
      return new FileTransport(java.nio.file.Path.of(url.root()));
    }
    if (url.s3Bucket().isPresent()) {
      return new S3Transport(options, url.s3Bucket().get());
    }
    return new HttpTransport(options);
  }
}
