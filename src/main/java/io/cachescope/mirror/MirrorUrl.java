package io.cachescope.mirror;

import io.cachescope.SourceException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A mirror as the user named it, resolved to what we fetch: a local path or {@code file://},
 * {@code https://} (or {@code http://}), or {@code s3://bucket/prefix} read anonymously over
 * HTTPS ({@code s3://spack-binaries/} is {@code https://binaries.spack.io/}, as cache.spack.io
 * maps it), or an OCI registry ({@code oci://}, {@code oci+http://}). A URL may name an index
 * file directly; then only that index is read.
 *
 * @param root the mirror root we fetch from, without a trailing slash
 * @param display what the user wrote, for messages
 * @param indexFile the index file named directly, relative to the root
 * @param view the index view named by a direct {@code v3/manifests/index/<view>/} link
 * @param s3Bucket the bucket when the mirror came from {@code s3://} (for listing)
 * @param s3Prefix the key prefix of the mirror root in that bucket
 * @param oci the registry repository when the mirror is an OCI build cache
 */
public record MirrorUrl(
    URI root,
    String display,
    Optional<String> indexFile,
    Optional<String> view,
    Optional<String> s3Bucket,
    String s3Prefix,
    Optional<OciReference> oci) {

  /** Public buckets whose HTTPS front is not the S3 default. */
  static final String SPACK_BUCKET = "spack-binaries";

  static final String SPACK_BUCKET_URL = "https://binaries.spack.io";

  private static final Pattern V3_INDEX =
      Pattern.compile("^(.*?)/?v3/manifests/index/(?:([^/]+)/)?index\\.manifest\\.json$");
  private static final Pattern V2_INDEX = Pattern.compile("^(.*?)/?build_cache/index\\.json$");

  public static MirrorUrl parse(String text, String s3Endpoint) {
    if (text == null || text.isBlank()) {
      throw new SourceException(String.valueOf(text), "", "empty mirror URL");
    }
    String t = text.strip();
    if (OciReference.isOci(t)) {
      OciReference ref = OciReference.parse(t);
      URI root = URI.create(ref.scheme() + "://" + ref.host() + "/v2/" + ref.repository());
      return new MirrorUrl(root, text, Optional.empty(), Optional.empty(), Optional.empty(), "", Optional.of(ref));
    }
    int colon = t.indexOf("://");
    String scheme = colon > 0 ? t.substring(0, colon).toLowerCase(java.util.Locale.ROOT) : "";
    Optional<String> bucket = Optional.empty();
    String prefix = "";
    String base;
    switch (scheme) {
      case "":
        base = Path.of(t).toAbsolutePath().normalize().toUri().toString();
        break;
      case "file":
      case "http":
      case "https":
        base = t;
        break;
      case "s3":
        String rest = t.substring(colon + 3);
        int slash = rest.indexOf('/');
        String b = slash < 0 ? rest : rest.substring(0, slash);
        prefix = slash < 0 ? "" : trimSlashes(rest.substring(slash + 1));
        if (b.isEmpty()) {
          throw new SourceException(text, "", "an s3:// URL needs a bucket");
        }
        bucket = Optional.of(b);
        base = bucketUrl(b, s3Endpoint) + (prefix.isEmpty() ? "" : "/" + prefix);
        break;
      default:
        throw new SourceException(
            text, "", "unsupported URL scheme '" + scheme + "' (use a path, file://, https://, s3:// or oci://)");
    }
    base = trimTrailingSlash(base);
    Optional<String> indexFile = Optional.empty();
    Optional<String> view = Optional.empty();
    Matcher v3 = V3_INDEX.matcher(base);
    Matcher v2 = V2_INDEX.matcher(base);
    if (v3.matches()) {
      view = Optional.ofNullable(v3.group(2));
      indexFile = Optional.of(base.substring(v3.group(1).length()).replaceFirst("^/", ""));
      base = trimTrailingSlash(v3.group(1));
    } else if (v2.matches()) {
      indexFile = Optional.of("build_cache/index.json");
      base = trimTrailingSlash(v2.group(1));
    }
    if (bucket.isPresent() && indexFile.isPresent()) {
      prefix = trimSlashes(prefix.substring(0, Math.max(0, prefix.length() - indexFile.get().length())));
    }
    try {
      URI uri = new URI(base);
      if (uri.getScheme() == null || (uri.getHost() == null && !"file".equals(uri.getScheme()))) {
        throw new SourceException(text, "", "not a mirror URL");
      }
      if (uri.getPort() > 65535) {
        throw new SourceException(text, "", "port " + uri.getPort() + " is out of range");
      }
      if ("file".equals(uri.getScheme())) {
        try {
          Path.of(uri); // file://host/… or a query is no local path
        } catch (IllegalArgumentException e) {
          throw new SourceException(text, "", "not a local path (" + e.getMessage() + "); use file:///absolute/path");
        }
      }
      return new MirrorUrl(uri, text, indexFile, view, bucket, prefix, Optional.empty());
    } catch (URISyntaxException e) {
      throw new SourceException(text, "", "malformed URL: " + e.getReason());
    }
  }

  /** The HTTPS base of a bucket: virtual-hosted on AWS, path-style on another endpoint. */
  static String bucketUrl(String bucket, String s3Endpoint) {
    if (s3Endpoint != null && !s3Endpoint.isBlank()) {
      return trimTrailingSlash(s3Endpoint) + "/" + bucket;
    }
    if (bucket.equals(SPACK_BUCKET)) {
      return SPACK_BUCKET_URL;
    }
    return "https://" + bucket + ".s3.amazonaws.com";
  }

  public URI resolve(String relative) {
    return MirrorReader.resolve(root, relative);
  }

  public boolean isLocal() {
    return "file".equals(root.getScheme());
  }

  private static String trimTrailingSlash(String s) {
    return s.endsWith("/") && !s.endsWith(":///") ? s.substring(0, s.length() - 1) : s;
  }

  private static String trimSlashes(String s) {
    String r = s;
    while (r.startsWith("/")) {
      r = r.substring(1);
    }
    while (r.endsWith("/")) {
      r = r.substring(0, r.length() - 1);
    }
    return r;
  }
}
