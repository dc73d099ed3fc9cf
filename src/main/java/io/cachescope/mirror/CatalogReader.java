package io.cachescope.mirror;

import io.cachescope.Secrets;
import io.cachescope.catalog.BuildCacheIndex;
import io.cachescope.catalog.Catalog;
import io.cachescope.catalog.Interner;
import io.cachescope.catalog.Stack;
import io.cachescope.catalog.Tag;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Reads every stack of every tag of the sources into one {@link Catalog}, a few mirrors at a
 * time. All stacks share one {@link Interner}, so the strings they repeat are stored once.
 */
public final class CatalogReader {

  private final MirrorReader.Options options;
  private final TransportOptions transportOptions;
  private final Consumer<String> warn;
  private final Interner interner = new Interner();

  public CatalogReader(MirrorReader.Options options, Consumer<String> warn) {
    this(options, TransportOptions.defaults(), warn);
  }

  public CatalogReader(
      MirrorReader.Options options, TransportOptions transportOptions, Consumer<String> warn) {
    this.options = options;
    this.transportOptions = transportOptions;
    this.warn = warn;
  }

  public Catalog read(Sources sources) {
    int stacks = sources.tags().stream().mapToInt(t -> t.stacks().size()).sum();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(4, stacks)));
    try {
      List<List<Future<Stack>>> pending = new ArrayList<>();
      for (Sources.TagSource tag : sources.tags()) {
        List<Future<Stack>> futures = new ArrayList<>();
        for (Sources.StackSource stack : tag.stacks()) {
          futures.add(pool.submit(() -> readStack(stack)));
        }
        pending.add(futures);
      }
      List<Tag> tags = new ArrayList<>();
      for (int i = 0; i < pending.size(); i++) {
        List<Stack> read = new ArrayList<>();
        for (Future<Stack> f : pending.get(i)) {
          read.add(await(f));
        }
        tags.add(new Tag(sources.tags().get(i).name(), read));
      }
      return new Catalog(tags);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Reads one stack of the sources. */
  public Stack readStack(Sources.StackSource stack) throws IOException {
    MirrorUrl url = MirrorUrl.parse(stack.url(), transportOptions.s3Endpoint());
    if (url.oci().isPresent()) {
      BuildCacheIndex index = oci(url, stack).read(Secrets.redact(stack.url()));
      index.warnings().forEach(w -> warn.accept("warning: " + w));
      return new Stack(stack.label(), stack.url(), index);
    }
    try (Transport transport = Transports.forUrl(url, transportOptions)) {
      BuildCacheIndex index =
          new MirrorReader(transport, interner, optionsFor(stack, url)).read(url.root(), Secrets.redact(stack.url()));
      index.warnings().forEach(w -> warn.accept("warning: " + w));
      return new Stack(stack.label(), stack.url(), index);
    }
  }

  /**
   * What a stack's indices hold now, without reading them (see {@link
   * MirrorReader#fingerprint}); empty when only a full read can tell.
   */
  public Optional<String> fingerprint(Sources.StackSource stack) throws IOException {
    MirrorUrl url = MirrorUrl.parse(stack.url(), transportOptions.s3Endpoint());
    if (url.oci().isPresent()) {
      return oci(url, stack).fingerprint();
    }
    try (Transport transport = Transports.forUrl(url, transportOptions)) {
      return new MirrorReader(transport, interner, optionsFor(stack, url)).fingerprint(url.root());
    }
  }

  private OciMirrorReader oci(MirrorUrl url, Sources.StackSource stack) {
    OciRegistry registry = new OciRegistry(url.oci().get(), new HttpTransport(transportOptions),
        transportOptions.ociCredentials(), transportOptions.cacheDir());
    return new OciMirrorReader(registry, interner, optionsFor(stack, url));
  }

  private MirrorReader.Options optionsFor(Sources.StackSource stack, MirrorUrl url) {
    String view = stack.view() != null ? stack.view() : url.view().orElse(options.view());
    return new MirrorReader.Options(
        view, url.indexFile().orElse(options.indexFile()), options.readSpecFiles(), options.requireSigned(),
        options.maxIndexBytes(), options.trusted());
  }

  private static Stack await(Future<Stack> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      throw new IllegalStateException(cause);
    }
  }
}
