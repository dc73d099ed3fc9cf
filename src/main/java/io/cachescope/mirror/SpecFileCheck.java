package io.cachescope.mirror;

import io.cachescope.SourceException;
import io.cachescope.catalog.Compiler;
import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Layout;
import io.cachescope.catalog.Membership;
import io.cachescope.catalog.SignatureState;
import java.io.IOException;
import java.net.URI;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the per-spec files an index points to (v3 spec manifests, v2 {@code .spec.json.sig}) to
 * learn what an index cannot say: whether each spec's signature verifies, and the size of its
 * install tarball. One request per spec, so only when asked for.
 */
final class SpecFileCheck {

  /** A v3 spec entry: its (verified) manifest, its spec blob, and its tarball size. */
  record V3Entry(byte[] specBlob, String specBlobUri, SignatureState signature, String signer, long tarballSize) {}

  private final Transport transport;
  private final URI root;
  private final Keyring keys;

  SpecFileCheck(Transport transport, URI root, Keyring keys) {
    this.transport = transport;
    this.root = root;
    this.keys = keys;
  }

  void apply(Map<String, ConcreteSpec> specs, Map<String, Membership> memberships) throws IOException {
    for (Map.Entry<String, Membership> e : memberships.entrySet()) {
      Membership m = e.getValue();
      if (!m.inBuildcache() || m.signature() == SignatureState.VERIFIED) {
        continue;
      }
      ConcreteSpec s = specs.get(e.getKey());
      Membership checked = m;
      if (m.inLayout(Layout.V3)) {
        URI manifest = MirrorReader.resolve(root, v3ManifestPath(s));
        Optional<Manifest.Blob> tarball = Optional.empty();
        Optional<Body> body = transport.get(manifest);
        if (body.isPresent()) {
          Signed signed = Signed.of(body.get().readAllBytes(), manifest.toString(), keys);
          Manifest parsed = Manifest.parse(signed.payload(), manifest.toString());
          tarball = parsed.blob(MirrorReader.INSTALL_MEDIA_TYPE);
          checked = checked.withSignature(signed.state(), signed.signer());
        }
        if (tarball.isPresent() && tarball.get().contentLength() >= 0) {
          checked = checked.withTarballSize(tarball.get().contentLength());
        }
      }
      if (m.inLayout(Layout.V2) && checked.signature() != SignatureState.VERIFIED) {
        String prefix = "build_cache/" + v2FilePrefix(s, specs);
        Optional<Body> sig = transport.get(MirrorReader.resolve(root, prefix + ".spec.json.sig"));
        if (sig.isPresent()) {
          String uri = MirrorReader.resolve(root, prefix + ".spec.json.sig").toString();
          Signed signed = Signed.of(sig.get().readAllBytes(), uri, keys);
          checked = checked.withSignature(signed.state(), signed.signer());
        }
      }
      e.setValue(checked);
    }
  }

  static V3Entry readV3Entry(Transport transport, URI root, URI manifestUri, Keyring keys)
      throws IOException {
    byte[] raw = MirrorReader.readSmall(transport, manifestUri);
    Signed signed = Signed.of(raw, manifestUri.toString(), keys);
    Manifest m = Manifest.parse(signed.payload(), manifestUri.toString());
    Manifest.Blob spec =
        m.blob(MirrorReader.SPEC_MEDIA_TYPE)
            .orElseThrow(
                () -> new SourceException(manifestUri.toString(), "/data", "no spec blob"));
    URI blobUri = MirrorReader.resolve(root, spec.path());
    byte[] blob =
        transport
            .get(blobUri)
            .orElseThrow(
                () ->
                    new SourceException(
                        blobUri.toString(), "", "spec blob named by " + manifestUri + " is missing"))
            .readAllBytes();
    String actual = HexFormat.of().formatHex(MirrorReader.sha256().digest(blob));
    if (!actual.equals(spec.checksum())) {
      throw new SourceException(
          blobUri.toString(),
          "",
          "checksum mismatch: manifest " + manifestUri + " says sha256 " + spec.checksum()
              + ", the blob has " + actual);
    }
    long tarball =
        m.blob(MirrorReader.INSTALL_MEDIA_TYPE).map(Manifest.Blob::contentLength).orElse(-1L);
    return new V3Entry(blob, blobUri.toString(), signed.state(), signed.signer(), tarball);
  }

  /** {@code v3/manifests/spec/<name>/<name>-<version>-<hash>.spec.manifest.json}. */
  static String v3ManifestPath(ConcreteSpec s) {
    return MirrorReader.V3_SPEC_DIR + sanitize(s.name()) + "/" + sanitize(s.name()) + "-"
        + sanitize(s.version()) + "-" + s.hash() + ".spec.manifest.json";
  }

  /**
   * The v2 spec file name without extension: {@code
   * <platform>-<os>-<target>-<compiler>-<compiler version>-<name>-<version>-<hash>}, with {@code
   * none-none} for a spec without a compiler (docs/spack-formats.md, "Layout v2").
   */
  static String v2FilePrefix(ConcreteSpec s, Map<String, ConcreteSpec> specs) {
    Compiler c = s.compiler(specs::get);
    String compiler = c == null ? "none" : c.name();
    String compilerVersion = c == null || c.version().isEmpty() ? "none" : c.version();
    return String.join(
        "-",
        sanitize(s.platform()),
        sanitize(s.os()),
        sanitize(s.target()),
        sanitize(compiler),
        sanitize(compilerVersion),
        sanitize(s.name()),
        sanitize(s.version()),
        s.hash());
  }

  /** Spack's {@code polite_filename}: anything outside {@code [A-Za-z0-9_+.-]} becomes {@code _}. */
  static String sanitize(String part) {
    return part == null ? "None" : part.replaceAll("[^A-Za-z0-9_+.-]", "_");
  }
}
