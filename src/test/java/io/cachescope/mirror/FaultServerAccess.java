package io.cachescope.mirror;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/** The fault-injecting server, for tests outside the mirror package. */
public final class FaultServerAccess implements AutoCloseable {
  private final FaultServer server;

  public FaultServerAccess(Path root) throws IOException {
    server = new FaultServer(root);
  }

  public URI uri() {
    return server.uri();
  }

  /** The next request of {@code path} fails: with this HTTP status, or (for -1) a cut body. */
  public void fail(String path, int status) {
    server.inject(path, status < 0 ? FaultServer.Fault.cut() : FaultServer.Fault.status(status));
  }

  public java.util.List<String> seen() {
    return server.seen.stream().map(s -> s.path() + "=" + s.status()).toList();
  }

  @Override
  public void close() {
    server.close();
  }
}
