package io.cachescope.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachescope.Reliability;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A client that sends half a request and then nothing does not hold the server forever. */
class SlowClientIT {

  @Test
  void silentConnectionsAreClosedAfterTheIdleTimeout() throws Exception {
    Server server = new Server(new MemoryView(WebFixtures.catalog()), "https://binaries.spack.io/develop", 64, Duration.ofSeconds(1));
    int port = server.start("127.0.0.1", 0);
    int closed = 0;
    try {
      for (int i = 0; i < 3; i++) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
          s.setSoTimeout(10_000);
          OutputStream out = s.getOutputStream();
          out.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          long start = System.nanoTime();
          InputStream in = s.getInputStream();
          byte[] buf = new byte[4096];
          while (in.read(buf) >= 0) {
            // drain whatever the server says before closing (an error status, if any)
          }
          long waited = (System.nanoTime() - start) / 1_000_000;
          // Closed by the server, long before the 10 s the client would wait.
          assertThat(waited).isLessThan(9_000);
          closed++;
        }
      }
      assertThat(closed).isEqualTo(3);
    } finally {
      server.stop();
    }
    Reliability.record("slow clients", "3 connections that send half a request, then nothing", "-",
        "closed after the 1 s idle timeout", closed + " closed by the server", "-");
  }
}
