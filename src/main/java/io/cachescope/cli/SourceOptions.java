package io.cachescope.cli;

import io.cachescope.SourceException;
import io.cachescope.catalog.Catalog;
import io.cachescope.catalog.Tag;
import io.cachescope.store.CatalogStore;
import io.cachescope.mirror.CatalogReader;
import io.cachescope.mirror.MirrorReader;
import io.cachescope.mirror.Sources;
import io.cachescope.mirror.TransportOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every command takes to say what to read: sources file, mirrors or a catalog. */
public final class SourceOptions {

  @Option(
      names = "--sources",
      paramLabel = "FILE",
      description = "Tags and stacks, as cache.spack.io's {tag: [{label, url}]} (JSON or YAML).")
  Path sources;

  @Option(
      names = "--mirror",
      paramLabel = "URL",
      description = "A mirror (path, file://, https://, s3://); repeatable; one unnamed tag.")
  List<String> mirrors = new ArrayList<>();

  @Option(names = "--db", paramLabel = "URL", description = "A catalog database (jdbc:sqlite:..., jdbc:postgresql://...).")
  String db;

  @Option(names = "--tag", paramLabel = "TAG", description = "Only these tags of the sources; repeatable.")
  List<String> tags = new ArrayList<>();

  @Option(names = "--view", paramLabel = "NAME", description = "Read this v3 index view (v3/manifests/index/NAME/).")
  String view;

  @Option(names = "--s3-endpoint", paramLabel = "URL", description = "HTTPS endpoint for s3:// buckets other than spack-binaries.")
  String s3Endpoint;

  @Option(names = "--cache-dir", paramLabel = "DIR", description = "Where fetched indices are kept for conditional requests (default ~/.cache/cachescope).")
  Path cacheDir;

  @Option(names = "--require-signed", description = "Fail unless every spec has a verified signature.")
  boolean requireSigned;

  @Option(names = "--verify", description = "Read every spec's manifest or signed spec file to verify signatures and learn sizes.")
  boolean verify;

  /**
   * Reads the catalog these options name. {@code specFiles}: also read every spec manifest or
   * signed spec file (for sizes and signatures), as {@code --verify} asks.
   */
  Catalog read(PrintStream err, boolean specFiles) {
    if (db != null) {
      if (sources != null || !mirrors.isEmpty()) {
        throw new UsageError("give exactly one of --sources FILE, --mirror URL or --db URL");
      }
      try (CatalogStore store = CatalogStore.open(db)) {
        List<Tag> loaded = new ArrayList<>();
        for (String name : tags.isEmpty() ? store.tags() : tags) {
          loaded.add(store.loadTag(name).orElseThrow(() -> new SourceException(db, name, "no such tag in the catalog")));
        }
        return new Catalog(loaded);
      }
    }
    TransportOptions transport = TransportOptions.defaults().withS3Endpoint(s3Endpoint);
    if (cacheDir != null) {
      transport = transport.withCacheDir(cacheDir);
    }
    MirrorReader.Options options =
        new MirrorReader.Options(view, null, verify || specFiles, requireSigned);
    return new CatalogReader(options, transport, err::println).read(resolve());
  }

  /** The reader these options configure, for commands that fetch mirrors themselves. */
  CatalogReader reader(PrintStream err) {
    TransportOptions transport = TransportOptions.defaults().withS3Endpoint(s3Endpoint);
    if (cacheDir != null) {
      transport = transport.withCacheDir(cacheDir);
    }
    return new CatalogReader(new MirrorReader.Options(view, null, verify, requireSigned), transport, err::println);
  }

  /** The sources these options name, or an error when they name none or several. */
  Sources resolve() {
    int given = (sources != null ? 1 : 0) + (mirrors.isEmpty() ? 0 : 1) + (db != null ? 1 : 0);
    if (given != 1) {
      throw new UsageError("give exactly one of --sources FILE, --mirror URL or --db URL");
    }
    Sources s = sources != null ? Sources.read(sources) : Sources.ofMirrors(mirrors, view);
    return s.only(tags);
  }

  /** A command line that cannot work as given. */
  static final class UsageError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageError(String message) {
      super(message);
    }
  }
}
