package io.cachescope.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Pushes build caches to a registry over its HTTP API, shaped as {@code spack buildcache push}
 * shapes them (docs/spack-formats.md, "OCI registries"): per spec an image tagged {@code
 * <name>-<version>-<hash>.spack} whose config is the image config merged with the spec file and
 * whose layers are the dependencies' tarballs then its own; and {@code index.spack}, an empty
 * config with the index database as its one layer.
 */
public final class OciPush {

  public static final String LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
  public static final String CONFIG = "application/vnd.oci.image.config.v1+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client = HttpClient.newHttpClient();
  private final String base;
  private final String token;

  /** {@code token}: a bearer token that may push, or null for an anonymous registry. */
  public OciPush(String hostPort, String repository, String token) {
    this.base = "http://" + hostPort + "/v2/" + repository;
    this.token = token;
  }

  /** One spec of a mirror: its spec file (plain JSON) and its tarball. */
  public record Entry(String hash, byte[] specFile, byte[] tarball) {}

  /** Copies a fixture mirror (v2 or v3 layout) to the registry, with or without its index. */
  public void copyMirror(Path mirror, boolean withIndex) throws Exception {
    Map<String, Entry> entries = entries(mirror);
    for (Entry e : entries.values()) {
      pushSpec(e, entries);
    }
    if (withIndex) {
      pushIndex(indexOf(mirror));
    }
  }

  /** The spec image Spack pushes for {@code e}; returns its manifest. */
  public ObjectNode pushSpec(Entry e, Map<String, Entry> all) throws Exception {
    JsonNode spec = JSON.readTree(e.specFile());
    JsonNode nodes = spec.path("spec").path("nodes");
    JsonNode root = nodes.get(0);
    ObjectNode config = JSON.createObjectNode();
    config.put("created", "2026-01-01T00:00:00.000000Z");
    config.put("architecture", "amd64");
    config.put("os", "linux");
    ArrayNode layers = JSON.createArrayNode();
    ArrayNode diffIds = JSON.createArrayNode();
    for (int i = nodes.size() - 1; i >= 1; i--) {
      Entry dep = all.get(nodes.get(i).path("hash").asText());
      if (dep != null) {
        layers.add(pushBlob(dep.tarball(), LAYER));
        diffIds.add(OciRegistry.sha256(dep.tarball()));
      }
    }
    layers.add(pushBlob(e.tarball(), LAYER));
    diffIds.add(OciRegistry.sha256(e.tarball()));
    config.putObject("rootfs").put("type", "layers").set("diff_ids", diffIds);
    config.putObject("config").putArray("Env");
    spec.fields().forEachRemaining(f -> config.set(f.getKey(), f.getValue()));
    config.put("buildcache_layout_version", 3);
    config.put("binary_cache_checksum", JSON.createObjectNode().put("hash_algorithm", "sha256")
        .put("hash", OciRegistry.sha256(e.tarball()).substring(7)));
    config.put("archive_size", e.tarball().length);
    config.put("archive_timestamp", "2026-01-01T00:00:00Z");
    config.put("archive_compression", "gzip");
    ObjectNode manifest = manifest(pushBlob(JSON.writeValueAsBytes(config), CONFIG), layers);
    manifest.putObject("annotations").put("org.opencontainers.image.description",
        root.path("name").asText() + "@" + root.path("version").asText() + " /" + e.hash());
    pushManifest(OciReference.specTag(root.path("name").asText(), root.path("version").asText(), e.hash()), manifest);
    return manifest;
  }

  public void pushIndex(byte[] database) throws Exception {
    ArrayNode layers = JSON.createArrayNode().add(pushBlob(database, LAYER));
    pushManifest(OciReference.INDEX_TAG, manifest(pushBlob("{}".getBytes(), CONFIG), layers));
  }

  public ObjectNode manifest(ObjectNode config, ArrayNode layers) {
    ObjectNode m = JSON.createObjectNode();
    m.put("schemaVersion", 2);
    m.put("mediaType", OciRegistry.OCI_MANIFEST);
    m.set("config", config);
    m.set("layers", layers);
    return m;
  }

  /** Uploads a blob (monolithic POST then PUT) and returns its descriptor. */
  public ObjectNode pushBlob(byte[] bytes, String mediaType) throws Exception {
    String digest = OciRegistry.sha256(bytes);
    HttpResponse<String> start = send(HttpRequest.newBuilder(URI.create(base + "/blobs/uploads/"))
        .POST(HttpRequest.BodyPublishers.noBody()), 202);
    String location = start.headers().firstValue("Location").orElseThrow();
    URI upload = URI.create(base).resolve(location);
    String sep = upload.getRawQuery() == null ? "?" : "&";
    send(HttpRequest.newBuilder(URI.create(upload + sep + "digest=" + digest))
        .header("Content-Type", "application/octet-stream")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)), 201);
    return JSON.createObjectNode().put("mediaType", mediaType).put("digest", digest).put("size", bytes.length);
  }

  public void pushManifest(String tag, JsonNode manifest) throws Exception {
    pushManifest(tag, JSON.writeValueAsBytes(manifest), manifest.path("mediaType").asText(OciRegistry.OCI_MANIFEST));
  }

  public void pushManifest(String tag, byte[] bytes, String mediaType) throws Exception {
    send(HttpRequest.newBuilder(URI.create(base + "/manifests/" + tag))
        .header("Content-Type", mediaType)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)), 201);
  }

  private HttpResponse<String> send(HttpRequest.Builder request, int expected) throws Exception {
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != expected) {
      throw new IOException(r.request().method() + " " + r.uri() + ": HTTP " + r.statusCode() + " " + r.body());
    }
    return r;
  }

  /** The database of a mirror: its v3 index blob, else its v2 index.json. */
  static byte[] indexOf(Path mirror) throws IOException {
    Path v3 = mirror.resolve("v3/manifests/index/index.manifest.json");
    if (Files.exists(v3)) {
      Manifest m = Manifest.parse(Signed.payload(Files.readAllBytes(v3), v3.toString()), v3.toString());
      return Compression.gunzipIfNeeded(Files.readAllBytes(mirror.resolve(m.blob(MirrorReader.DB_MEDIA_TYPE).get().path())), v3.toString());
    }
    return Files.readAllBytes(mirror.resolve("build_cache/index.json"));
  }

  /** Every spec file of a mirror with its tarball: v3 spec manifests, else v2 spec files. */
  static Map<String, Entry> entries(Path mirror) throws IOException {
    Map<String, Entry> entries = new LinkedHashMap<>();
    Path v3 = mirror.resolve("v3/manifests/spec");
    if (Files.isDirectory(v3)) {
      for (Path f : files(v3, ".spec.manifest.json")) {
        Manifest m = Manifest.parse(Signed.payload(Files.readAllBytes(f), f.toString()), f.toString());
        byte[] spec = Compression.gunzipIfNeeded(
            Files.readAllBytes(mirror.resolve(m.blob(MirrorReader.SPEC_MEDIA_TYPE).get().path())), f.toString());
        byte[] tarball = Files.readAllBytes(mirror.resolve(m.blob(MirrorReader.INSTALL_MEDIA_TYPE).get().path()));
        String name = f.getFileName().toString();
        String hash = name.substring(name.length() - ".spec.manifest.json".length() - 32, name.length() - ".spec.manifest.json".length());
        entries.put(hash, new Entry(hash, spec, tarball));
      }
      return entries;
    }
    Path bc = mirror.resolve("build_cache");
    List<Path> all = files(bc, "");
    for (Path f : all) {
      String name = f.getFileName().toString();
      String ext = name.endsWith(".spec.json.sig") ? ".spec.json.sig" : name.endsWith(".spec.json") ? ".spec.json" : null;
      if (ext == null) {
        continue;
      }
      String hash = name.substring(name.length() - ext.length() - 32, name.length() - ext.length());
      byte[] spec = Signed.payload(Files.readAllBytes(f), f.toString());
      Path tarball = all.stream().filter(p -> p.getFileName().toString().endsWith("-" + hash + ".spack")).findFirst().orElseThrow();
      entries.put(hash, new Entry(hash, spec, Files.readAllBytes(tarball)));
    }
    return entries;
  }

  private static List<Path> files(Path dir, String suffix) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    }
  }
}
