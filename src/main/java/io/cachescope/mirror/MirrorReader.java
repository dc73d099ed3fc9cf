package io.cachescope.mirror;

import io.cachescope.SourceException;
import io.cachescope.catalog.BuildCacheIndex;
import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.IndexSource;
import io.cachescope.catalog.Interner;
import io.cachescope.catalog.Layout;
import io.cachescope.catalog.Membership;
import io.cachescope.catalog.SignatureState;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads everything one mirror holds, in every layout it has (docs/spack-formats.md, "Discovering what a mirror holds"): the v3 index
 * (or a named index view), the v2 {@code build_cache/index.json}, and, for a mirror without an
 * index, its spec files, as {@code spack buildcache update-index} would. A mixed mirror's
 * layouts are merged by hash and each spec remembers which layouts hold it.
 */
public final class MirrorReader {

  static final String V3_INDEX_DIR = "v3/manifests/index/";
  static final String V3_SPEC_DIR = "v3/manifests/spec/";
  static final String V2_INDEX = "build_cache/index.json";
  static final String DB_MEDIA_TYPE = "application/vnd.spack.db.";
  static final String SPEC_MEDIA_TYPE = "application/vnd.spack.spec.";
  static final String INSTALL_MEDIA_TYPE = "application/vnd.spack.install.";

  /**
   * How to read a mirror.
   *
   * @param view a v3 index view name, or null for the default index
   * @param indexFile read only this index file (a URL that named {@code index.json} or {@code
   *     index.manifest.json} directly), or null to probe every layout
   * @param readSpecFiles also read every spec manifest or spec file, to verify signatures and
   *     learn tarball sizes (one request per spec)
   * @param requireSigned fail unless every spec in the cache has a verified signature
   * @param maxIndexBytes the most bytes an index may inflate to (a gzip bomb stops there)
   * @param trusted the only keys that verify, or null to trust the keys the mirror publishes
   */
  public record Options(
      String view, String indexFile, boolean readSpecFiles, boolean requireSigned, long maxIndexBytes,
      TrustedKeys trusted) {

    /** Eight times the largest real index (about 500 MB). */
    public static final long DEFAULT_MAX_INDEX_BYTES = 4L << 30;

    public Options(String view, String indexFile, boolean readSpecFiles, boolean requireSigned) {
      this(view, indexFile, readSpecFiles, requireSigned, DEFAULT_MAX_INDEX_BYTES, null);
    }

    public static Options defaults() {
      return new Options(null, null, false, false);
    }

    /** The same bytes read with other options give other facts (signatures, sizes, a view). */
    String fingerprintSuffix() {
      StringBuilder f = new StringBuilder(";read:").append(readSpecFiles ? "spec-files" : "index");
      if (requireSigned) {
        f.append(",require-signed");
      }
      if (view != null) {
        f.append(",view=").append(view);
      }
      if (trusted != null) {
        f.append(",trusted=").append(String.join("+", new java.util.TreeSet<>(trusted.fingerprints())));
      }
      return f.toString();
    }
  }

  private final Transport transport;
  private final Interner interner;
  private final Options options;

  public MirrorReader(Transport transport, Interner interner, Options options) {
    this.transport = transport;
    this.interner = interner;
    this.options = options;
  }

  /** Reads the mirror at {@code root}; {@code display} names it in messages. */
  public BuildCacheIndex read(URI root, String display) {
    try {
      return readMirror(root, display);
    } catch (IOException e) {
      throw new SourceException(display, "", "cannot read mirror: " + e.getMessage(), e);
    }
  }

  private BuildCacheIndex readMirror(URI root, String display) throws IOException {
    MergedIndex merged = new MergedIndex();
    String only = options.indexFile();
    boolean v3Only = options.view() != null || (only != null && only.startsWith("v3/"));
    boolean v2Only = only != null && only.startsWith("build_cache/");

    if (!v2Only) {
      String manifestPath =
          only != null
              ? only
              : V3_INDEX_DIR + (options.view() == null ? "" : options.view() + "/")
                  + "index.manifest.json";
      readV3Index(root, manifestPath).ifPresent(merged::add);
      if (merged.isEmpty() && (only != null || options.view() != null)) {
        String what = options.view() != null ? "index view " + options.view() : manifestPath;
        throw new SourceException(display, what, "no such index manifest " + manifestPath);
      }
    }
    if (!v3Only) {
      readV2Index(root, merged).ifPresent(merged::add);
      if (only != null && merged.isEmpty()) {
        throw new SourceException(display, V2_INDEX, "no such index");
      }
    }
    Keyring published = null;
    Keyring keys = null;
    if (merged.isEmpty()) {
      published = MirrorKeys.load(transport, root);
      keys = verifying(published);
      readSpecFilesWithoutIndex(root, keys, merged);
    }
    if (merged.isEmpty()) {
      String where = options.view() != null ? "index view " + options.view() : "";
      throw new SourceException(
          display,
          where,
          "no build cache found (looked for "
              + (options.view() != null
                  ? V3_INDEX_DIR + options.view() + "/index.manifest.json"
                  : V3_INDEX_DIR + "index.manifest.json, " + V2_INDEX + " and spec files")
              + ")");
    }
    if (published == null) {
      published = MirrorKeys.load(transport, root);
      keys = verifying(published);
    }
    if (options.readSpecFiles() || options.requireSigned()) {
      new SpecFileCheck(transport, root, keys).apply(merged.specs(), merged.memberships());
    } else if (!published.isEmpty()) {
      // A mirror that publishes keys signs its specs; without reading them we cannot say more.
      merged.memberships().replaceAll(
          (h, m) -> m.inBuildcache() && m.signature() == SignatureState.UNSIGNED
              ? m.withSignature(SignatureState.UNVERIFIED, null) : m);
    }
    if (options.requireSigned()) {
      requireSigned(display, merged.specs(), merged.memberships());
    }
    return merged.toIndex(display);
  }

  /** The keys that verify: the mirror's own, or with {@code --trusted-keys} only the trusted ones. */
  private Keyring verifying(Keyring published) {
    return options.trusted() == null ? published : options.trusted().verifying(published);
  }

  /**
   * A cheap fingerprint of what the mirror's indices hold, read without their bodies: the v3
   * index blob checksum from its manifest and the v2 {@code index.json.hash} (or the index's
   * ETag). Equal fingerprints mean an unchanged mirror, so an ingest can skip it. Empty when the
   * mirror has no index (spec files only), which is always read.
   */
  public Optional<String> fingerprint(URI root) {
    try {
      StringBuilder f = new StringBuilder();
      String manifestPath =
          options.indexFile() != null && options.indexFile().startsWith("v3/")
              ? options.indexFile()
              : V3_INDEX_DIR + (options.view() == null ? "" : options.view() + "/") + "index.manifest.json";
      boolean v2Only = options.indexFile() != null && options.indexFile().startsWith("build_cache/");
      if (!v2Only) {
        Optional<Body> manifest = transport.get(resolve(root, manifestPath));
        if (manifest.isPresent()) {
          byte[] bytes = Signed.payload(manifest.get().readAllBytes(), manifestPath);
          Manifest.parse(bytes, manifestPath).blob(DB_MEDIA_TYPE)
              .ifPresent(b -> f.append("v3:").append(b.checksum()).append(';'));
        }
      }
      boolean v3Only = options.view() != null || (options.indexFile() != null && !v2Only);
      if (!v3Only) {
        Optional<Body> hash = transport.get(resolve(root, V2_INDEX + ".hash"));
        if (hash.isPresent()) {
          f.append("v2:").append(new String(hash.get().readAllBytes(), StandardCharsets.US_ASCII).strip());
        } else {
          Optional<Body> index = transport.get(resolve(root, V2_INDEX));
          if (index.isPresent()) {
            try (Body b = index.get()) {
              if (b.etag() == null) {
                return Optional.empty();
              }
              f.append("v2-etag:").append(b.etag());
            }
          }
        }
      }
      if (f.length() == 0) {
        return Optional.empty();
      }
      f.append(options.fingerprintSuffix());
      return Optional.of(f.toString());
    } catch (IOException e) {
      throw new SourceException(root.toString(), "", "cannot read mirror: " + e.getMessage(), e);
    }
  }

  /** {@code unresolved}: the hashes its edges name that are not its records, or null when not collected. */
  record ReadIndex(
      IndexSource source, Map<String, ConcreteSpec> specs, Map<String, Membership> memberships, Set<String> unresolved,
      List<String> warnings) {}

  private Optional<ReadIndex> readV3Index(URI root, String manifestPath) throws IOException {
    URI manifestUri = resolve(root, manifestPath);
    Optional<Body> body = transport.get(manifestUri);
    if (body.isEmpty()) {
      return Optional.empty();
    }
    byte[] bytes = Signed.payload(body.get().readAllBytes(), manifestUri.toString());
    Manifest manifest = Manifest.parse(bytes, manifestUri.toString());
    Manifest.Blob blob =
        manifest
            .blob(DB_MEDIA_TYPE)
            .orElseThrow(
                () ->
                    new SourceException(
                        manifestUri.toString(), "/data", "manifest names no index blob"));
    URI blobUri = resolve(root, blob.path());
    Optional<Body> blobBody = transport.get(blobUri);
    if (blobBody.isEmpty()) {
      throw new SourceException(
          blobUri.toString(), "", "index blob named by " + manifestPath + " is missing");
    }
    try (Body b = blobBody.get()) {
      Digested read = readDigested(b.stream(), blobUri.toString(), Layout.V3);
      if (!read.sha256().equals(blob.checksum())) {
        throw new SourceException(
            blobUri.toString(),
            "",
            "checksum mismatch: manifest "
                + manifestPath
                + " says sha256 "
                + blob.checksum()
                + ", the blob has "
                + read.sha256());
      }
      return Optional.of(read.toIndex(blobUri, Layout.V3, b.etag()));
    }
  }

  private Optional<ReadIndex> readV2Index(URI root, MergedIndex merged) throws IOException {
    URI indexUri = resolve(root, V2_INDEX);
    Optional<Body> body = transport.get(indexUri);
    if (body.isEmpty()) {
      return Optional.empty();
    }
    try (Body b = body.get()) {
      Digested read = readDigested(b.stream(), indexUri.toString(), Layout.V2);
      // Spack uploads index.json and its hash separately, so a mismatch is a race, not an error.
      Optional<Body> hashBody = transport.get(resolve(root, V2_INDEX + ".hash"));
      if (hashBody.isPresent()) {
        String expected = new String(hashBody.get().readAllBytes(), StandardCharsets.US_ASCII).strip();
        if (!expected.equals(read.sha256())) {
          merged.warn(
              indexUri
                  + ": index.json.hash says "
                  + expected
                  + " but index.json has sha256 "
                  + read.sha256());
        }
      }
      return Optional.of(read.toIndex(indexUri, Layout.V2, b.etag()));
    }
  }

  record Digested(IndexReader.Result result, String sha256) {
    ReadIndex toIndex(URI uri, Layout layout, String etag) {
      IndexSource source = new IndexSource(uri.toString(), layout, result.databaseVersion(), sha256, etag,
          result.specs().size(), Instant.now());
      Map<String, Membership> memberships = new LinkedHashMap<>(result.specs().size() * 2);
      for (String hash : result.specs().keySet()) {
        memberships.put(hash, Membership.of(result.inBuildcache(hash), layout.bit(), -1, SignatureState.UNSIGNED));
      }
      return new ReadIndex(source, result.specs(), memberships, result.unresolved(), result.warnings());
    }
  }

  /** Parses an index while hashing the stored bytes, then drains what the parser left. */
  private Digested readDigested(InputStream raw, String source, Layout layout) throws IOException {
    return readDigested(raw, source, interner, options.maxIndexBytes());
  }

  static Digested readDigested(InputStream raw, String source, Interner interner, long maxIndexBytes)
      throws IOException {
    BackgroundSha256 digesting = new BackgroundSha256(raw);
    try {
      InputStream in = Compression.capped(Compression.gunzipIfNeeded(digesting), maxIndexBytes, source);
      IndexReader.Result result = new IndexReader(interner).read(in, source);
      in.transferTo(OutputStream.nullOutputStream());
      digesting.transferTo(OutputStream.nullOutputStream());
      return new Digested(result, digesting.sha256());
    } finally {
      digesting.abandon();
    }
  }

  private void readSpecFilesWithoutIndex(URI root, Keyring keys, MergedIndex merged) throws IOException {
    SpecFileReader reader = new SpecFileReader(interner);
    List<URI> manifests =
        transport.list(resolve(root, V3_SPEC_DIR)).stream()
            .filter(u -> u.getPath().endsWith(".spec.manifest.json"))
            .toList();
    if (!manifests.isEmpty()) {
      ReadIndex found = listing(resolve(root, V3_SPEC_DIR), Layout.V3);
      for (URI m : manifests) {
        SpecFileCheck.V3Entry entry = SpecFileCheck.readV3Entry(transport, root, m, keys);
        SpecFile file = reader.read(entry.specBlob(), entry.specBlobUri(), keys, false);
        addSpecFile(found, file, m.toString(), Layout.V3, entry.signature(), entry.signer(), entry.tarballSize());
      }
      merged.add(counted(found));
    }
    List<URI> files =
        transport.list(resolve(root, "build_cache/")).stream()
            .filter(u -> isSpecFileName(u.getPath()))
            .toList();
    if (!files.isEmpty()) {
      ReadIndex found = listing(resolve(root, "build_cache/"), Layout.V2);
      for (URI f : files) {
        byte[] bytes = transport.get(f).map(Body::readAllBytes).orElse(null);
        if (bytes == null) {
          continue;
        }
        SpecFile file = reader.read(bytes, f.toString(), keys, f.getPath().endsWith(".yaml"));
        addSpecFile(found, file, f.toString(), Layout.V2, file.signature(), file.signer(), -1);
      }
      merged.add(counted(found));
    }
  }

  /** An empty listing of the spec files of one layout, filled by {@link #addSpecFile}. */
  static ReadIndex listing(URI dir, Layout layout) {
    return new ReadIndex(
        new IndexSource(dir.toString(), layout, 0, null, null, 0, Instant.now()),
        new LinkedHashMap<>(), new LinkedHashMap<>(), null, new ArrayList<>());
  }

  /** The listing with its record count filled in. */
  static ReadIndex counted(ReadIndex r) {
    IndexSource s = r.source();
    IndexSource source = new IndexSource(s.url(), s.layout(), 0, null, null, r.specs().size(), s.fetchedAt());
    return new ReadIndex(source, r.specs(), r.memberships(), null, r.warnings());
  }

  static boolean isSpecFileName(String path) {
    return path.endsWith(".spec.json")
        || path.endsWith(".spec.json.sig")
        || path.endsWith(".spec.yaml");
  }

  /** The root of a spec file is in the cache; its other nodes are records unless pushed too. */
  static void addSpecFile(
      ReadIndex found, SpecFile file, String source, Layout layout, SignatureState signature, String signer, long tarball) {
    ConcreteSpec root = file.root();
    String problem = io.cachescope.catalog.SpecGrammar.problem(root);
    if (problem != null) {
      found.warnings().add(source + ": " + problem + "; spec file left out");
      return;
    }
    found.specs().put(root.hash(), root);
    found.memberships().put(root.hash(), Membership.of(true, layout.bit(), tarball, signature, signer));
    for (ConcreteSpec dep : file.nodes().subList(1, file.nodes().size())) {
      if (io.cachescope.catalog.SpecGrammar.problem(dep) != null) {
        continue; // a malformed dependency record: its edge stays dangling, which is warned about
      }
      if (found.specs().putIfAbsent(dep.hash(), dep) == null) {
        found.memberships().put(dep.hash(), Membership.of(false, layout.bit(), -1, SignatureState.UNSIGNED));
      }
    }
  }

  private static void requireSigned(
      String display, Map<String, ConcreteSpec> specs, Map<String, Membership> memberships) {
    for (ConcreteSpec s : specs.values()) {
      Membership m = memberships.get(s.hash());
      if (m.inBuildcache() && m.signature() != SignatureState.VERIFIED) {
        throw new SourceException(
            display,
            s.name() + "/" + s.hash(),
            "signature " + m.signature().label() + " and --require-signed was given");
      }
    }
  }

  static URI resolve(URI root, String relative) {
    String base = root.toString();
    return URI.create(base.endsWith("/") ? base + relative : base + "/" + relative);
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Reads a small file fully, or throws naming it. */
  static byte[] readSmall(Transport transport, URI uri) {
    try {
      return transport
          .get(uri)
          .orElseThrow(() -> new SourceException(uri.toString(), "", "missing"))
          .readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
