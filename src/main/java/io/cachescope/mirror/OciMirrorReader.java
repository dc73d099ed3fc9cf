package io.cachescope.mirror;

import io.cachescope.SourceException;
import io.cachescope.catalog.BuildCacheIndex;
import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Interner;
import io.cachescope.catalog.Layout;
import io.cachescope.catalog.Membership;
import io.cachescope.catalog.SignatureState;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads a build cache Spack pushed to an OCI registry (docs/spack-formats.md, "OCI
 * registries"): the database in the {@code index.spack} image, as {@code spack buildcache list}
 * does, or, without one, the spec in the config of every {@code .spack} image. Both give the
 * same catalog. A spec's download size is its image's last layer, read from its manifest. OCI
 * caches are unsigned.
 */
final class OciMirrorReader {

  /** Manifests and configs fetched at once; registries limit clients that ask for more. */
  static final int PARALLEL = 8;

  private final OciRegistry registry;
  private final Interner interner;
  private final MirrorReader.Options options;

  OciMirrorReader(OciRegistry registry, Interner interner, MirrorReader.Options options) {
    this.registry = registry;
    this.interner = interner;
    this.options = options;
  }

  BuildCacheIndex read(String display) {
    try {
      return readRegistry(display);
    } catch (IOException e) {
      throw new SourceException(display, "", "cannot read registry: " + e.getMessage(), e);
    }
  }

  /** The digest of the index manifest, or else of the tag list: what changes when the cache does. */
  Optional<String> fingerprint() {
    try {
      Optional<String> index = registry.manifestDigest(OciReference.INDEX_TAG);
      String f = index.isPresent()
          ? "oci-index:" + index.get()
          : "oci-tags:" + OciRegistry.sha256(String.join("\n", specTags()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return Optional.of(f + options.fingerprintSuffix());
    } catch (IOException e) {
      throw new SourceException(registry.reference().toString(), "", "cannot read registry: " + e.getMessage(), e);
    }
  }

  private BuildCacheIndex readRegistry(String display) throws IOException {
    if (options.view() != null) {
      throw new SourceException(display, "index view " + options.view(), "OCI build caches have no index views");
    }
    MergedIndex merged = new MergedIndex();
    Optional<OciRegistry.Image> index = registry.image(OciReference.INDEX_TAG);
    if (index.isPresent()) {
      merged.add(readIndex(index.get()));
      if (options.readSpecFiles()) {
        addSizes(merged.specs(), merged.memberships());
      }
    } else {
      merged.add(readImages());
    }
    if (options.requireSigned() && merged.memberships().values().stream().anyMatch(Membership::inBuildcache)) {
      throw new SourceException(display, "", "OCI build caches are unsigned, and --require-signed was given");
    }
    return merged.toIndex(display);
  }

  /** The database in the index image's single layer (plain JSON, whatever its media type says). */
  private MirrorReader.ReadIndex readIndex(OciRegistry.Image index) throws IOException {
    String where = "manifest " + OciReference.INDEX_TAG;
    if (index.layers().isEmpty()) {
      throw new SourceException(registry.reference().toString(), where, "the index image has no layer");
    }
    OciRegistry.Descriptor layer = index.layers().get(0);
    URI uri = registry.reference().blobUri(layer.digest());
    MirrorReader.Digested read;
    try (InputStream in = registry.blob(layer)) {
      read = MirrorReader.readDigested(in, uri.toString(), interner, options.maxIndexBytes());
    }
    if (!("sha256:" + read.sha256()).equals(layer.digest())) {
      throw new SourceException(registry.reference().toString(), "blob " + layer.digest(),
          "digest mismatch: the cached index blob has sha256:" + read.sha256());
    }
    return read.toIndex(uri, Layout.OCI, index.digest());
  }

  /** Without an index: every spec image's config, fetched {@link #PARALLEL} at a time. */
  private MirrorReader.ReadIndex readImages() throws IOException {
    List<String> tags = specTags();
    if (tags.isEmpty()) {
      throw new SourceException(registry.reference().toString(), "",
          "no build cache found (no " + OciReference.INDEX_TAG + " tag and no .spack images)");
    }
    SpecFileReader reader = new SpecFileReader(interner);
    List<Read> read = inParallel(tags, tag -> {
      OciRegistry.Image image = registry.image(tag)
          .orElseThrow(() -> new SourceException(registry.reference().toString(), "manifest " + tag, "listed but missing (404)"));
      String source = registry.reference() + ":" + tag;
      SpecFile file = reader.read(registry.smallBlob(image.config()), source, Keyring.empty(), false);
      return new Read(source, file, lastLayerSize(image));
    });
    MirrorReader.ReadIndex found = MirrorReader.listing(URI.create(registry.reference().tagsUri().toString()), Layout.OCI);
    for (Read r : read) {
      MirrorReader.addSpecFile(found, r.file(), r.source(), Layout.OCI, SignatureState.UNSIGNED, null, r.size());
    }
    return MirrorReader.counted(found);
  }

  private record Read(String source, SpecFile file, long size) {}

  /** {@code pages --sizes}: each binary's size from its manifest, no tarball downloaded. */
  private void addSizes(Map<String, ConcreteSpec> specs, Map<String, Membership> memberships) throws IOException {
    List<String> held = memberships.entrySet().stream().filter(e -> e.getValue().inBuildcache()).map(Map.Entry::getKey).toList();
    List<Long> sizes = inParallel(held, hash -> {
      ConcreteSpec s = specs.get(hash);
      return registry.image(OciReference.specTag(s.name(), s.version(), s.hash())).map(OciMirrorReader::lastLayerSize).orElse(-1L);
    });
    for (int i = 0; i < held.size(); i++) {
      long size = sizes.get(i);
      if (size >= 0) {
        memberships.computeIfPresent(held.get(i), (h, m) -> m.withTarballSize(size));
      }
    }
  }

  /** The spec's own tarball is the image's last layer (the ones before are its dependencies). */
  private static long lastLayerSize(OciRegistry.Image image) {
    return image.layers().isEmpty() ? -1 : image.layers().get(image.layers().size() - 1).size();
  }

  private List<String> specTags() throws IOException {
    return registry.tags().stream().filter(OciReference::isSpecTag).toList();
  }

  private interface Fetch<T, R> {
    R apply(T t) throws IOException;
  }

  /** Applies {@code f} to every item, a few at a time, in order; the first failure is thrown. */
  private static <T, R> List<R> inParallel(List<T> items, Fetch<T, R> f) throws IOException {
    if (items.isEmpty()) {
      return List.of();
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(PARALLEL, items.size()));
    try {
      List<Future<R>> futures = new ArrayList<>();
      for (T item : items) {
        futures.add(pool.submit(() -> {
          try {
            return f.apply(item);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }));
      }
      List<R> results = new ArrayList<>(items.size());
      for (Future<R> future : futures) {
        results.add(future.get());
      }
      return results;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(cause);
    } finally {
      pool.shutdownNow();
    }
  }
}
