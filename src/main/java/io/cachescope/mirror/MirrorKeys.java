package io.cachescope.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cachescope.SourceException;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The signing keys a mirror publishes: {@code build_cache/_pgp/index.json} and its {@code
 * <FPR>.pub} files (v2), {@code v3/manifests/key/keys.manifest.json} and its key manifests (v3),
 * whose blobs are checked against their manifest checksums.
 */
public final class MirrorKeys {
  private static final ObjectMapper JSON = new ObjectMapper();

  private MirrorKeys() {}

  public static Keyring load(Transport transport, URI root) {
    try {
      return v2(transport, root).plus(v3(transport, root));
    } catch (IOException e) {
      throw new SourceException(root.toString(), "", "cannot read the mirror's keys: " + e.getMessage(), e);
    }
  }

  private static Keyring v2(Transport transport, URI root) throws IOException {
    URI indexUri = MirrorReader.resolve(root, "build_cache/_pgp/index.json");
    Optional<Body> index = transport.get(indexUri);
    if (index.isEmpty()) {
      return Keyring.empty();
    }
    List<byte[]> keys = new ArrayList<>();
    for (String fpr : fingerprints(index.get().readAllBytes(), indexUri.toString())) {
      URI key = MirrorReader.resolve(root, "build_cache/_pgp/" + fpr + ".pub");
      transport.get(key).ifPresent(b -> keys.add(b.readAllBytes()));
    }
    return Keyring.of(keys, indexUri.toString());
  }

  private static Keyring v3(Transport transport, URI root) throws IOException {
    URI indexUri = MirrorReader.resolve(root, "v3/manifests/key/keys.manifest.json");
    Optional<Body> index = transport.get(indexUri);
    if (index.isEmpty()) {
      return Keyring.empty();
    }
    byte[] keyIndex = blob(transport, root, index.get().readAllBytes(), indexUri, "application/vnd.spack.keyindex");
    List<byte[]> keys = new ArrayList<>();
    for (String fpr : fingerprints(keyIndex, indexUri.toString())) {
      URI manifest = MirrorReader.resolve(root, "v3/manifests/key/" + fpr + ".key.manifest.json");
      Optional<Body> m = transport.get(manifest);
      if (m.isPresent()) {
        keys.add(blob(transport, root, m.get().readAllBytes(), manifest, "application/pgp-keys"));
      }
    }
    return Keyring.of(keys, indexUri.toString());
  }

  /** The blob a key manifest names, checked against its checksum. */
  private static byte[] blob(Transport transport, URI root, byte[] manifestBytes, URI manifestUri, String mediaType)
      throws IOException {
    Manifest manifest = Manifest.parse(manifestBytes, manifestUri.toString());
    Manifest.Blob blob =
        manifest.blob(mediaType).orElseThrow(() -> new SourceException(manifestUri.toString(), "/data", "no " + mediaType + " blob"));
    URI blobUri = MirrorReader.resolve(root, blob.path());
    byte[] bytes =
        transport.get(blobUri)
            .orElseThrow(() -> new SourceException(blobUri.toString(), "", "key blob named by " + manifestUri + " is missing"))
            .readAllBytes();
    String actual = HexFormat.of().formatHex(MirrorReader.sha256().digest(bytes));
    if (!actual.equals(blob.checksum())) {
      throw new SourceException(blobUri.toString(), "",
          "checksum mismatch: manifest " + manifestUri + " says sha256 " + blob.checksum() + ", the blob has " + actual);
    }
    return bytes;
  }

  private static List<String> fingerprints(byte[] keyIndex, String source) throws IOException {
    JsonNode keys;
    try {
      keys = JSON.readTree(keyIndex).path("keys");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new SourceException(source, "", "malformed key index: " + e.getOriginalMessage());
    }
    List<String> out = new ArrayList<>();
    keys.fieldNames().forEachRemaining(f -> {
      if (!f.matches("[0-9A-Fa-f]{16,64}")) {
        throw new SourceException(source, "/keys/" + f, "not a key fingerprint");
      }
      out.add(f);
    });
    return out;
  }
}
