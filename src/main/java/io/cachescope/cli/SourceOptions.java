package io.cachescope.cli;

import io.cachescope.SourceException;
import io.cachescope.catalog.Catalog;
import io.cachescope.catalog.Tag;
import io.cachescope.mirror.CatalogReader;
import io.cachescope.mirror.MirrorReader;
import io.cachescope.mirror.OciCredentials;
import io.cachescope.mirror.Sources;
import io.cachescope.mirror.TransportOptions;
import io.cachescope.mirror.TrustedKeys;
import io.cachescope.store.CatalogStore;
import io.cachescope.store.Ingest;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options every command takes to say what to read. A source ({@code --sources} or {@code
 * --mirror}) names mirrors; {@code --db} names a catalog. With a source alone the mirrors are
 * read into memory; with {@code --db} alone the catalog is used as it is; with both, the source
 * is ingested into the catalog first and the catalog is used.
 */
public final class SourceOptions {

  @Option(
      names = "--sources",
      paramLabel = "FILE",
      description = "Tags and stacks, as cache.spack.io's {tag: [{label, url}]} (JSON or YAML).")
  Path sources;

  @Option(
      names = "--mirror",
      paramLabel = "URL",
      description = "A mirror (path, file://, https://, s3://, oci://, oci+http://); repeatable; one tag named 'mirror'.")
  List<String> mirrors = new ArrayList<>();

  @Option(names = "--db", paramLabel = "URL",
      description = "The catalog: an SQLite file or jdbc:postgresql://...; with --sources or --mirror, they are ingested into it first.")
  String db;

  @Option(names = "--tag", paramLabel = "TAG", description = "Only these tags; repeatable.")
  List<String> tags = new ArrayList<>();

  @Option(names = "--view", paramLabel = "NAME", description = "Read this v3 index view (v3/manifests/index/NAME/).")
  String view;

  @Option(names = "--s3-endpoint", paramLabel = "URL", description = "HTTPS endpoint for s3:// buckets other than spack-binaries.")
  String s3Endpoint;

  @Option(names = "--oci-username", paramLabel = "NAME", description = "Log in to OCI registries as NAME (with --oci-password-env).")
  String ociUsername;

  @Option(names = "--oci-password-env", paramLabel = "VAR",
      description = "The environment variable that holds the OCI registry password or token (never given on the command line).")
  String ociPasswordEnv;

  @Option(names = "--cache-dir", paramLabel = "DIR", description = "Where fetched indices are kept for conditional requests (default ~/.cache/cachescope).")
  Path cacheDir;

  @Option(names = "--require-signed", description = "Fail unless every spec has a verified signature.")
  boolean requireSigned;

  @Option(names = "--verify", description = "Read every spec's manifest or signed spec file to verify signatures and learn sizes.")
  boolean verify;

  @Option(names = "--trusted-keys", paramLabel = "FILE|DIR",
      description = "Only these keys verify (armored public keys, or files of 40-digit fingerprints); without it, 'verified' means signed by a key the mirror itself publishes.")
  Path trustedKeys;

  @Option(names = "--fetch-timeout", paramLabel = "DURATION", defaultValue = "30m", converter = DurationConverter.class,
      description = "The longest one download may take (default ${DEFAULT-VALUE}); a body that sends nothing for a minute is dropped sooner.")
  java.time.Duration fetchTimeout;

  @Option(names = "--max-index-size", paramLabel = "MIB", defaultValue = "4096",
      description = "The most MiB an index may inflate to (default ${DEFAULT-VALUE}; the largest real index is about 500).")
  long maxIndexMib;

  boolean hasSource() {
    return sources != null || !mirrors.isEmpty();
  }

  /**
   * Reads the catalog these options name. {@code specFiles}: also read every spec manifest or
   * signed spec file (for sizes and signatures), as {@code --verify} asks.
   */
  Catalog read(PrintStream err, boolean specFiles) {
    return read(err, specFiles, tags);
  }

  /** As {@link #read(PrintStream, boolean)}, for the named tags only (all when empty). */
  Catalog read(PrintStream err, boolean specFiles, List<String> onlyTags) {
    if (db == null) {
      return reader(err, specFiles).read(resolve().only(onlyTags));
    }
    try (CatalogStore store = hasSource() ? CatalogStore.open(db) : CatalogStore.openExisting(db)) {
      List<String> names = onlyTags;
      if (hasSource()) {
        Sources s = resolve().only(onlyTags);
        ingest(store, s, err, specFiles);
        names = s.tags().stream().map(Sources.TagSource::name).toList();
      }
      List<Tag> loaded = new ArrayList<>();
      for (String name : names.isEmpty() ? store.tags() : names) {
        loaded.add(store.loadTag(name).orElseThrow(() -> new SourceException(db, name, "no such tag in the catalog")));
      }
      return new Catalog(loaded);
    }
  }

  /**
   * The catalog the web reads: with {@code --db}, the database (the sources ingested into it
   * first, when given), read through bounded caches of {@code cachedSpecs} records; without,
   * the sources read into memory.
   */
  io.cachescope.web.CatalogView view(PrintStream err, int cachedSpecs) {
    return view(err, cachedSpecs, true);
  }

  /** As above; {@code ingest} false: the catalog as it is, without reading the sources again. */
  io.cachescope.web.CatalogView view(PrintStream err, int cachedSpecs, boolean ingest) {
    if (db == null) {
      return new io.cachescope.web.MemoryView(read(err, false));
    }
    if (!tags.isEmpty() && !hasSource()) {
      // A view of the store shows the whole catalog; --tag would be silently ignored.
      throw new UsageError("--tag needs --sources or --mirror here: with --db alone, every tag of the catalog is shown");
    }
    if (ingest && hasSource()) {
      try (CatalogStore store = CatalogStore.open(db)) {
        ingest(store, resolve().only(tags), err, false);
      }
    }
    if (reads == null) {
      reads = io.cachescope.store.CatalogReads.open(db, READ_CONNECTIONS);
    }
    return new io.cachescope.web.StoreView(reads, cachedSpecs);
  }

  /** The catalog's reader once {@link #view} has opened it. */
  io.cachescope.store.CatalogReads reads() {
    return reads;
  }

  /** Connections a server reads the catalog on: a few per core is plenty for indexed queries. */
  private static final int READ_CONNECTIONS = 8;

  private io.cachescope.store.CatalogReads reads;

  /** Brings {@code store} up to date with the sources; a stack that cannot be read is an error. */
  Ingest.Report ingest(CatalogStore store, Sources s, PrintStream err, boolean specFiles) {
    Ingest.Report r = Ingest.run(s, store, reader(err, specFiles), err::println);
    if (!r.failures().isEmpty()) {
      r.failures().subList(1, r.failures().size()).forEach(f -> err.println("cachescope: error: " + f));
      throw new SourceException(db, "", "ingest failed: " + r.failures().get(0));
    }
    return r;
  }

  /** The reader these options configure. */
  CatalogReader reader(PrintStream err, boolean specFiles) {
    TransportOptions defaults = TransportOptions.defaults();
    TransportOptions transport = defaults.withS3Endpoint(s3Endpoint)
        .withTransferLimits(fetchTimeout, defaults.stallTimeout(), Math.max(1, maxIndexMib) << 20);
    if (cacheDir != null) {
      transport = transport.withCacheDir(cacheDir);
    }
    transport = transport.withOciCredentials(ociCredentials());
    MirrorReader.Options options =
        new MirrorReader.Options(view, null, verify || specFiles, requireSigned, Math.max(1, maxIndexMib) << 20,
            trustedKeys == null ? null : TrustedKeys.load(trustedKeys));
    return new CatalogReader(options, transport, err::println);
  }

  /** The registry login, or null; a half-given login is a usage error. */
  private OciCredentials ociCredentials() {
    if (ociUsername == null && ociPasswordEnv == null) {
      return null;
    }
    if (ociUsername == null || ociPasswordEnv == null) {
      throw new UsageError("give --oci-username and --oci-password-env together");
    }
    String password = System.getenv(ociPasswordEnv);
    if (password == null || password.isEmpty()) {
      throw new UsageError("--oci-password-env " + ociPasswordEnv + ": that environment variable is not set");
    }
    return new OciCredentials(ociUsername, password);
  }

  /** The sources these options name, or an error when they name none or both kinds. */
  Sources resolve() {
    if (sources != null && !mirrors.isEmpty()) {
      throw new UsageError("give --sources FILE or --mirror URL, not both");
    }
    if (!hasSource()) {
      throw new UsageError(db == null
          ? "give --sources FILE, --mirror URL or --db URL"
          : "nothing to read: give --sources FILE or --mirror URL");
    }
    return sources != null ? Sources.read(sources) : Sources.ofMirrors(mirrors, view);
  }

  /** A command line that cannot work as given. */
  static final class UsageError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageError(String message) {
      super(message);
    }
  }
}
