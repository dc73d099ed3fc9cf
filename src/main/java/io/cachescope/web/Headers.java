package io.cachescope.web;

import io.javalin.http.Context;

/** Writes a {@link Response}: its ETag (304 when it matches), cache and security headers, gzip. */
final class Headers {

  /** No inline script or style anywhere: every page's script and CSS come from /static/. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'";

  private Headers() {}

  static void send(Context ctx, Response r) {
    ctx.status(r.status());
    ctx.header("ETag", r.etag());
    ctx.header("Cache-Control", "public, max-age=60");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Vary", "Accept-Encoding");
    if (r.status() == 200 && r.etag().equals(ctx.header("If-None-Match"))) {
      ctx.status(304);
      return;
    }
    ctx.contentType(r.type());
    String accept = ctx.header("Accept-Encoding");
    if (r.gzip() != null && accept != null && accept.contains("gzip")) {
      ctx.header("Content-Encoding", "gzip");
      ctx.result(r.gzip());
    } else {
      ctx.result(r.body());
    }
  }
}
