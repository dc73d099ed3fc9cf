package io.cachescope.mirror;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A mirror served over HTTP on loopback that misbehaves on request: N errors with Retry-After,
 * a connection cut mid-body, a truncated body with the full Content-Length, slow responses.
 * It answers If-None-Match with 304, as real servers do, and records every request.
 */
final class FaultServer implements AutoCloseable {

  enum Kind { STATUS, CUT, SLOW, DRIP, ENDLESS }

  record Fault(Kind kind, int status, String retryAfter, long delayMillis) {
    static Fault status(int code) {
      return new Fault(Kind.STATUS, code, null, 0);
    }

    static Fault status(int code, String retryAfter) {
      return new Fault(Kind.STATUS, code, retryAfter, 0);
    }

    /** The full Content-Length is announced, half the body is sent, the connection closes. */
    static Fault cut() {
      return new Fault(Kind.CUT, 200, null, 0);
    }

    static Fault slow(long millis) {
      return new Fault(Kind.SLOW, 200, null, millis);
    }

    /** Headers at once, then one byte every {@code millis}, for ever. */
    static Fault drip(long millis) {
      return new Fault(Kind.DRIP, 200, null, millis);
    }

    /** A chunked body that never ends. */
    static Fault endless() {
      return new Fault(Kind.ENDLESS, 200, null, 0);
    }
  }

  /** One request as the server saw it. */
  record Seen(String path, String ifNoneMatch, int status) {}

  private final HttpServer server;
  private final Path root;
  private final Map<String, Deque<Fault>> faults = new ConcurrentHashMap<>();
  private final Map<String, Function<String, String>> routes = new ConcurrentHashMap<>();
  final List<Seen> seen = new CopyOnWriteArrayList<>();

  FaultServer(Path root) throws IOException {
    this.root = root;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", this::handle);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Faults for the next requests of this path, in order; later requests are served normally. */
  void inject(String path, Fault... list) {
    faults.computeIfAbsent(path, k -> new ArrayDeque<>()).addAll(List.of(list));
  }

  /** A synthetic answer (e.g. an S3 listing) for requests whose path plus query starts so. */
  void route(String prefix, Function<String, String> answer) {
    routes.put(prefix, answer);
  }

  List<Seen> seen(String path) {
    return seen.stream().filter(s -> s.path().equals(path)).toList();
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getRawPath();
    String full = path + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
    String inm = ex.getRequestHeaders().getFirst("If-None-Match");
    try {
      for (Map.Entry<String, Function<String, String>> r : routes.entrySet()) {
        if (full.startsWith(r.getKey())) {
          byte[] body = r.getValue().apply(ex.getRequestURI().getRawQuery()).getBytes();
          seen.add(new Seen(full, inm, 200));
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          return;
        }
      }
      Deque<Fault> queue = faults.getOrDefault(path, new ArrayDeque<>());
      Fault fault;
      synchronized (queue) {
        fault = queue.pollFirst();
      }
      Path file = root.resolve(path.substring(1)).normalize();
      if (!file.startsWith(root) || !Files.isRegularFile(file)) {
        seen.add(new Seen(path, inm, 404));
        ex.sendResponseHeaders(404, -1);
        return;
      }
      byte[] body = Files.readAllBytes(file);
      String etag = "\"" + HexFormat.of().formatHex(MirrorReader.sha256().digest(body)).substring(0, 16) + "\"";
      if (fault != null && fault.kind() == Kind.STATUS) {
        seen.add(new Seen(path, inm, fault.status()));
        if (fault.retryAfter() != null) {
          ex.getResponseHeaders().add("Retry-After", fault.retryAfter());
        }
        ex.sendResponseHeaders(fault.status(), -1);
        return;
      }
      if (fault != null && fault.kind() == Kind.SLOW) {
        Thread.sleep(fault.delayMillis());
      }
      if (etag.equals(inm)) {
        seen.add(new Seen(path, inm, 304));
        ex.getResponseHeaders().add("ETag", etag);
        ex.sendResponseHeaders(304, -1);
        return;
      }
      ex.getResponseHeaders().add("ETag", etag);
      if (fault != null && (fault.kind() == Kind.DRIP || fault.kind() == Kind.ENDLESS)) {
        seen.add(new Seen(path, inm, -2));
        ex.sendResponseHeaders(200, 0); // chunked
        OutputStream out = ex.getResponseBody();
        byte[] chunk = new byte[fault.kind() == Kind.DRIP ? 1 : 1 << 16];
        java.util.Arrays.fill(chunk, (byte) ' ');
        long until = System.nanoTime() + java.time.Duration.ofSeconds(60).toNanos(); // bounded, as load tests must be
        while (System.nanoTime() < until) {
          out.write(chunk);
          out.flush();
          if (fault.delayMillis() > 0) {
            Thread.sleep(fault.delayMillis());
          }
        }
        return;
      }
      if (fault != null && fault.kind() == Kind.CUT) {
        seen.add(new Seen(path, inm, -1));
        ex.sendResponseHeaders(200, body.length);
        OutputStream out = ex.getResponseBody();
        out.write(body, 0, body.length / 2);
        out.flush();
        // Closing the exchange short of the announced length drops the connection.
        throw new IOException("cut");
      }
      seen.add(new Seen(path, inm, 200));
      ex.sendResponseHeaders(200, body.length);
      ex.getResponseBody().write(body);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      ex.close();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
