package io.cachescope.web;

import io.javalin.http.Context;

/** Writes a {@link Response}: its ETag (304 when it matches), cache and security headers, gzip. */
final class Headers {

  /** No inline script or style anywhere: every page's script and CSS come from /static/. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'";

  private Headers() {}

  /** {@code If-None-Match}: a list of tags, weak or strong, or {@code *} (RFC 9110 weak comparison). */
  static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String tag : ifNoneMatch.split(",")) {
      String t = tag.strip();
      if (t.equals("*") || (t.startsWith("W/") ? t.substring(2) : t).equals(etag)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code Accept-Encoding} takes gzip: named, else {@code *}, with a q-value above 0. */
  static boolean acceptsGzip(String acceptEncoding) {
    if (acceptEncoding == null) {
      return false;
    }
    double gzip = -1;
    double any = -1;
    for (String part : acceptEncoding.split(",")) {
      String[] fields = part.split(";");
      String coding = fields[0].strip().toLowerCase(java.util.Locale.ROOT);
      double q = 1;
      for (int i = 1; i < fields.length; i++) {
        String f = fields[i].strip();
        if (f.startsWith("q=")) {
          try {
            q = Double.parseDouble(f.substring(2));
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      if (coding.equals("gzip")) {
        gzip = q;
      } else if (coding.equals("*")) {
        any = q;
      }
    }
    return gzip >= 0 ? gzip > 0 : any > 0;
  }

  static void send(Context ctx, Response r) {
    ctx.status(r.status());
    ctx.header("ETag", r.etag());
    ctx.header("Cache-Control", "public, max-age=60");
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Vary", "Accept-Encoding");
    if (r.status() == 200 && matches(ctx.header("If-None-Match"), r.etag())) {
      ctx.status(304);
      return;
    }
    ctx.contentType(r.type());
    if (r.gzip() != null && acceptsGzip(ctx.header("Accept-Encoding"))) {
      ctx.header("Content-Encoding", "gzip");
      ctx.result(r.gzip());
    } else {
      ctx.result(r.body());
    }
  }
}
