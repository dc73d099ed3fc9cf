package io.cachescope.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachescope.SourceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OCI distribution API of one repository, as far as a build cache reader needs it: tag
 * lists (paged by {@code Link}), manifests (OCI or Docker, an index resolved to its platform
 * image) and blobs checked against their digest. Anonymous pulls and logins both go through the
 * registry's token flow: a 401 names a realm, the realm gives a bearer token, the request is
 * sent again with it. Blobs are content-addressed, so a blob fetched once is kept on disk by
 * digest and never asked for again.
 */
final class OciRegistry {

  static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
  static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
  private static final String ACCEPT = String.join(", ", OCI_MANIFEST, DOCKER_MANIFEST, OCI_INDEX, DOCKER_LIST);
  private static final int MAX_TAG_PAGES = 100_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
  private static final Pattern LINK_NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

  /** A content descriptor: what a manifest says of a blob. */
  record Descriptor(String mediaType, String digest, long size) {}

  /**
   * An image manifest. {@code digest} is the sha256 of the manifest's bytes.
   *
   * @param description the {@code org.opencontainers.image.description} annotation (Spack puts
   *     the spec string there), or null
   */
  record Image(String digest, Descriptor config, List<Descriptor> layers, String description) {}

  private final OciReference ref;
  private final HttpTransport http;
  private final OciCredentials credentials;
  private final Path blobCache;
  private volatile String authorization;

  OciRegistry(OciReference ref, HttpTransport http, OciCredentials credentials, Path cacheDir) {
    this.ref = ref;
    this.http = http;
    this.credentials = credentials;
    this.blobCache = cacheDir == null ? null : cacheDir.resolve("oci-blobs").resolve("sha256");
  }

  OciReference reference() {
    return ref;
  }

  /** The image a tag (or digest) names, or empty when the registry has no such tag. */
  Optional<Image> image(String tagOrDigest) throws IOException {
    Optional<byte[]> bytes = manifestBytes(tagOrDigest);
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    JsonNode m = parse(bytes.get(), "manifest " + tagOrDigest);
    String mediaType = m.path("mediaType").asText("");
    if (m.path("schemaVersion").asInt(0) != 2 || !(mediaType.isEmpty() || ACCEPT.contains(mediaType))) {
      throw new SourceException(ref.toString(), "manifest " + tagOrDigest, "not an image manifest or index (media type '"
          + mediaType + "', schema version " + m.path("schemaVersion").asText("none") + ")");
    }
    if (m.has("manifests")) {
      String platformImage = platformEntry(m, tagOrDigest);
      return image(platformImage);
    }
    String digest = sha256(bytes.get());
    if (DIGEST.matcher(tagOrDigest).matches() && !tagOrDigest.equals(digest)) {
      throw new SourceException(ref.toString(), "manifest " + tagOrDigest, "digest mismatch: the manifest has " + digest);
    }
    Descriptor config = descriptor(m.path("config"), tagOrDigest + " /config");
    List<Descriptor> layers = new ArrayList<>();
    JsonNode ls = m.path("layers");
    for (int i = 0; i < ls.size(); i++) {
      layers.add(descriptor(ls.get(i), tagOrDigest + " /layers/" + i));
    }
    JsonNode d = m.path("annotations").path("org.opencontainers.image.description");
    return Optional.of(new Image(digest, config, layers, d.isTextual() ? d.asText() : null));
  }

  /** The digest of a tag's manifest (the bytes the registry serves), or empty without the tag. */
  Optional<String> manifestDigest(String tag) throws IOException {
    return manifestBytes(tag).map(OciRegistry::sha256);
  }

  /** Every tag of the repository, following the {@code Link} pages. */
  List<String> tags() throws IOException {
    List<String> tags = new ArrayList<>();
    java.util.Set<URI> seen = new java.util.HashSet<>();
    URI next = URI.create(ref.tagsUri() + "?n=1000");
    for (int page = 0; next != null; page++) {
      if (!seen.add(next)) {
        throw new SourceException(ref.toString(), "tags/list", "the tag pages link back to " + next + " (a loop); stopped");
      }
      if (page == MAX_TAG_PAGES) {
        throw new SourceException(ref.toString(), "tags/list", "more than " + MAX_TAG_PAGES + " pages of tags; stopped");
      }
      HttpTransport.Reply reply = send(next, Map.of("Accept", "application/json"), "tag list");
      if (reply.status() == 404) {
        throw new SourceException(ref.toString(), "tags/list", "no such repository (404)");
      }
      JsonNode list = parse(reply.body().readAllBytes(), "tag list");
      for (JsonNode t : list.path("tags")) {
        tags.add(t.asText());
      }
      next = reply.headers().firstValue("Link").map(this::nextPage).orElse(null);
    }
    return tags;
  }

  /**
   * A blob, checked against its digest; read from the disk cache when fetched before. The
   * stream is the cached file (or, without a cache, a temporary one).
   */
  InputStream blob(Descriptor d) throws IOException {
    String hex = hexOf(d.digest());
    Path cached = blobCache == null ? null : blobCache.resolve(hex.substring(0, 2)).resolve(hex);
    if (cached != null && Files.isRegularFile(cached)) {
      return Files.newInputStream(cached);
    }
    HttpTransport.Reply reply = send(ref.blobUri(d.digest()), Map.of(), "blob " + d.digest());
    if (reply.status() == 404) {
      throw new SourceException(ref.toString(), "blob " + d.digest(), "missing from the registry (404)");
    }
    Path dir = cached != null ? Files.createDirectories(cached.getParent()) : Path.of(System.getProperty("java.io.tmpdir"));
    Path temp = Files.createTempFile(dir, "blob-", ".part");
    MessageDigest sha = MirrorReader.sha256();
    try (Body b = reply.body(); InputStream in = new DigestInputStream(b.stream(), sha);
        OutputStream out = Files.newOutputStream(temp)) {
      in.transferTo(out);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    String got = "sha256:" + HexFormat.of().formatHex(sha.digest());
    if (!got.equals(d.digest())) {
      Files.deleteIfExists(temp);
      throw new SourceException(ref.toString(), "blob " + d.digest(), "digest mismatch: the registry sent " + got);
    }
    if (cached == null) {
      return deleteOnClose(temp);
    }
    Files.move(temp, cached, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return Files.newInputStream(cached);
  }

  /** A small blob whole (a config), at most {@link Body#MAX_SMALL_FILE} bytes. */
  byte[] smallBlob(Descriptor d) throws IOException {
    if (d.size() > Body.MAX_SMALL_FILE) {
      throw new SourceException(ref.toString(), "blob " + d.digest(), "a config of " + d.size() + " bytes; not read");
    }
    try (InputStream in = blob(d)) {
      return in.readNBytes(Body.MAX_SMALL_FILE);
    }
  }

  private Optional<byte[]> manifestBytes(String tagOrDigest) throws IOException {
    HttpTransport.Reply reply = send(ref.manifestUri(tagOrDigest), Map.of("Accept", ACCEPT), "manifest " + tagOrDigest);
    if (reply.status() == 404) {
      return Optional.empty();
    }
    return Optional.of(reply.body().readAllBytes());
  }

  /**
   * Sends a request, logging in when the registry asks; any answer but 200 or 404 is an error
   * that names the repository and what was asked for.
   */
  private HttpTransport.Reply send(URI uri, Map<String, String> headers, String what) throws IOException {
    HttpTransport.Reply reply = fetch(uri, withAuthorization(headers), what);
    if (reply.status() == 401) {
      authorization = login(reply.headers().firstValue("WWW-Authenticate").orElse(""), what);
      reply = fetch(uri, withAuthorization(headers), what);
    }
    switch (reply.status()) {
      case 200:
      case 404:
        return reply;
      case 401:
        throw new SourceException(ref.toString(), what, credentials == null
            ? "the registry refused an anonymous pull (401); give --oci-username and --oci-password-env"
            : "the registry refused the credentials of " + credentials.username() + " (401)");
      case 403:
        throw new SourceException(ref.toString(), what, "access denied (403)");
      default:
        throw new SourceException(ref.toString(), what, reply.status() / 100 == 3
            ? "too many redirects (HTTP " + reply.status() + ")" : "HTTP " + reply.status());
    }
  }

  /** One request; a transfer that failed for good names the repository and what was asked for. */
  private HttpTransport.Reply fetch(URI uri, Map<String, String> headers, String what) throws IOException {
    try {
      return http.fetch(uri, headers);
    } catch (SourceException e) {
      throw new SourceException(ref.toString(), what, e.getMessage());
    }
  }

  private Map<String, String> withAuthorization(Map<String, String> headers) {
    String auth = authorization;
    if (auth == null) {
      return headers;
    }
    Map<String, String> h = new LinkedHashMap<>(headers);
    h.put("Authorization", auth);
    return h;
  }

  /**
   * Answers a challenge: {@code Bearer realm=…,service=…,scope=…} is the token flow (with the
   * credentials as Basic when there are some); {@code Basic} sends the credentials directly.
   */
  private String login(String challenge, String what) throws IOException {
    Map<String, String> params = challengeParameters(challenge);
    String kind = challenge.strip().split("\\s+", 2)[0].toLowerCase(java.util.Locale.ROOT);
    if (kind.equals("basic")) {
      if (credentials == null) {
        throw new SourceException(ref.toString(), what, "the registry wants a login (401); give --oci-username and --oci-password-env");
      }
      return credentials.basic();
    }
    if (!kind.equals("bearer") || !params.containsKey("realm")) {
      throw new SourceException(ref.toString(), what, "401 with a challenge we cannot answer: " + challenge);
    }
    StringBuilder q = new StringBuilder(params.get("realm"));
    char sep = q.indexOf("?") < 0 ? '?' : '&';
    if (params.containsKey("service")) {
      q.append(sep).append("service=").append(URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8));
      sep = '&';
    }
    String scope = params.getOrDefault("scope", "repository:" + ref.repository() + ":pull");
    q.append(sep).append("scope=").append(URLEncoder.encode(scope, StandardCharsets.UTF_8));
    URI realm;
    try {
      realm = URI.create(q.toString());
    } catch (IllegalArgumentException e) {
      throw new SourceException(ref.toString(), what, "the registry's token realm is not a URL: " + params.get("realm"));
    }
    Map<String, String> headers = credentials == null ? Map.of() : Map.of("Authorization", credentials.basic());
    HttpTransport.Reply reply = fetch(realm, headers, "token");
    if (reply.status() == 401 && credentials == null) {
      throw new SourceException(ref.toString(), what,
          "the registry refused an anonymous pull (401); give --oci-username and --oci-password-env");
    }
    if (reply.status() != 200) {
      throw new SourceException(ref.toString(), "token", "the token service " + realm.getHost() + " answered HTTP "
          + reply.status() + (credentials == null ? "" : " for " + credentials.username()));
    }
    JsonNode token = parse(reply.body().readAllBytes(), "token");
    String t = token.path("token").asText(token.path("access_token").asText(""));
    if (t.isEmpty()) {
      throw new SourceException(ref.toString(), "token", "the token service sent no token");
    }
    return "Bearer " + t;
  }

  /** {@code key="value"} pairs of a {@code WWW-Authenticate} header. */
  static Map<String, String> challengeParameters(String challenge) {
    Map<String, String> params = new LinkedHashMap<>();
    Matcher m = Pattern.compile("([A-Za-z]+)=(?:\"([^\"]*)\"|([^,\\s]*))").matcher(challenge);
    while (m.find()) {
      params.put(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2) != null ? m.group(2) : m.group(3));
    }
    return params;
  }

  private URI nextPage(String link) {
    Matcher m = LINK_NEXT.matcher(link);
    if (!m.find()) {
      return null;
    }
    String target = m.group(1);
    return target.startsWith("http://") || target.startsWith("https://") ? URI.create(target) : ref.onRegistry(target);
  }

  /** From an image index, the image for Linux (an attestation entry is not one). */
  private String platformEntry(JsonNode index, String tag) {
    String first = null;
    for (JsonNode e : index.path("manifests")) {
      String os = e.path("platform").path("os").asText("");
      if (first == null && !os.equals("unknown")) {
        first = e.path("digest").asText();
      }
      if (os.equals("linux")) {
        return checkedDigest(e.path("digest").asText(), tag);
      }
    }
    if (first == null) {
      throw new SourceException(ref.toString(), "manifest " + tag, "an image index with no image");
    }
    return checkedDigest(first, tag);
  }

  private String checkedDigest(String digest, String where) {
    if (!DIGEST.matcher(digest).matches()) {
      throw new SourceException(ref.toString(), where, "not a sha256 digest: " + digest);
    }
    return digest;
  }

  private Descriptor descriptor(JsonNode d, String where) {
    if (!d.isObject()) {
      throw new SourceException(ref.toString(), "manifest " + where, "missing");
    }
    return new Descriptor(d.path("mediaType").asText(""), checkedDigest(d.path("digest").asText(""), "manifest " + where),
        d.path("size").asLong(-1));
  }

  private JsonNode parse(byte[] bytes, String what) {
    try {
      JsonNode n = JSON.readTree(bytes);
      if (n == null || !n.isObject()) {
        throw new SourceException(ref.toString(), what, "not a JSON object");
      }
      return n;
    } catch (IOException e) {
      throw new SourceException(ref.toString(), what, "malformed JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
  }

  static String sha256(byte[] bytes) {
    return "sha256:" + HexFormat.of().formatHex(MirrorReader.sha256().digest(bytes));
  }

  private String hexOf(String digest) {
    return checkedDigest(digest, "blob").substring("sha256:".length());
  }

  private static InputStream deleteOnClose(Path file) throws IOException {
    return new java.io.FilterInputStream(Files.newInputStream(file)) {
      @Override
      public void close() throws IOException {
        super.close();
        Files.deleteIfExists(file);
      }
    };
  }
}
