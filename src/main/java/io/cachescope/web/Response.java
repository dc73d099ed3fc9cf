package io.cachescope.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * A response ready to send: body, its gzip form (when worth it), ETag and content type. Built
 * once per URL and catalog, then served from the {@link ResponseCache}.
 */
record Response(int status, byte[] body, byte[] gzip, String etag, String type) {

  static Response of(int status, byte[] body, String type) {
    String etag = "\"" + HexFormat.of().formatHex(sha256(body), 0, 12) + "\"";
    byte[] gzip = null;
    if (body.length > 1024) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 4);
      try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
        gz.write(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      gzip = out.toByteArray();
    }
    return new Response(status, body, gzip, etag, type);
  }

  static Response html(String body) {
    return of(200, body.getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8");
  }

  /** The page, or the plain 404 page when there is none. */
  static Response html(Optional<String> body) {
    return html(body, () -> Pages.notFound("Nothing is at this address.", null, "/"));
  }

  /** The page, or {@code notFound} (a 404 page that helps) when there is none. */
  static Response html(Optional<String> body, java.util.function.Supplier<String> notFound) {
    return body.map(Response::html).orElseGet(() -> of(404, notFound.get().getBytes(StandardCharsets.UTF_8), "text/html; charset=utf-8"));
  }

  /** JSON of a value; an empty {@link Optional} is a 404 with an error object. */
  static Response json(Object value) {
    if (value instanceof Optional<?> o) {
      return o.isEmpty() ? of(404, Api.bytes(Map.of("error", "not found")), "application/json") : json(o.get());
    }
    return of(200, Api.bytes(value), "application/json");
  }

  /** JSON of an answer that carries an {@code error} (a query we cannot read): 400 when it is set. */
  static Response jsonOrBadRequest(Map<String, Object> answer) {
    return of(answer.get("error") != null ? 400 : 200, Api.bytes(answer), "application/json");
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
