package io.cachescope.mirror;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachescope.SourceException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A layout-v3 manifest ({@code *.spec.manifest.json}, {@code index.manifest.json}, key
 * manifests): the blobs that make up one entry. Manifests are small, so a tree parse is fine.
 */
public record Manifest(int version, List<Manifest.Blob> data) {

  /** Spack writes and accepts only this manifest version. */
  public static final int SUPPORTED_VERSION = 3;

  /** One blob: stored at {@code blobs/<algorithm>/<checksum[0:2]>/<checksum>}. */
  public record Blob(
      long contentLength,
      String mediaType,
      String compression,
      String checksumAlgorithm,
      String checksum) {

    /** The blob's path relative to the mirror root. */
    public String path() {
      return "blobs/" + checksumAlgorithm + "/" + checksum.substring(0, 2) + "/" + checksum;
    }
  }

  // The same limits as the index reader: a hostile manifest cannot nest or grow without bound.
  private static final ObjectMapper MAPPER = new ObjectMapper(IndexReader.JSON);

  /** Parses manifest JSON (already taken out of its clear-signature, if it had one). */
  public static Manifest parse(byte[] json, String source) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      long offset = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
      throw new SourceException(
          source, offset >= 0 ? "byte " + offset : "", "malformed manifest: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new SourceException(source, "", "unreadable manifest: " + e.getMessage());
    }
    if (root == null || !root.isObject()) {
      throw new SourceException(source, "", "a manifest must be a JSON object");
    }
    JsonNode version = root.get("version");
    if (version == null || !version.canConvertToInt()) {
      throw new SourceException(source, "/version", "manifest has no version");
    }
    if (version.asInt() != SUPPORTED_VERSION) {
      throw new SourceException(
          source, "/version", "unsupported manifest version " + version.asText() + " (expected 3)");
    }
    JsonNode data = root.get("data");
    if (data == null || !data.isArray()) {
      throw new SourceException(source, "/data", "manifest has no data list");
    }
    List<Blob> blobs = new ArrayList<>();
    for (int i = 0; i < data.size(); i++) {
      JsonNode b = data.get(i);
      String where = "/data/" + i;
      if (!b.isObject()) {
        throw new SourceException(source, where, "a manifest entry must be an object");
      }
      String algorithm = b.path("checksumAlgorithm").asText("sha256");
      if (!algorithm.equals("sha256")) {
        // The algorithm is a path component of the blob: only a known name may go there.
        throw new SourceException(source, where + "/checksumAlgorithm",
            "unsupported checksum algorithm '" + algorithm + "' (cachescope reads sha256)");
      }
      String checksum = text(b, "checksum", source, where);
      if (!checksum.matches("[0-9a-f]{64}")) {
        throw new SourceException(source, where + "/checksum", "not a sha256 checksum: " + checksum);
      }
      blobs.add(
          new Blob(
              b.path("contentLength").asLong(-1),
              text(b, "mediaType", source, where),
              b.path("compression").asText("none"),
              algorithm,
              checksum));
    }
    return new Manifest(version.asInt(), List.copyOf(blobs));
  }

  /** The first blob whose media type starts with {@code prefix}, as Spack matches them. */
  public Optional<Blob> blob(String mediaTypePrefix) {
    return data.stream().filter(b -> b.mediaType().startsWith(mediaTypePrefix)).findFirst();
  }

  private static String text(JsonNode node, String field, String source, String where) {
    JsonNode value = node.get(field);
    if (value == null || !value.isTextual()) {
      throw new SourceException(source, where + "/" + field, "missing " + field);
    }
    return value.asText();
  }
}
