package io.cachescope.store;

import io.cachescope.mirror.CatalogReader;
import io.cachescope.mirror.Sources;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Brings the catalog up to date with the sources: a stack whose index fingerprint (v3 manifest
 * checksum, {@code index.json.hash} or ETag) is unchanged is not read again; the changed stacks of
 * a tag are published together, in one transaction.
 */
public final class Ingest {

  /**
   * What an ingest did. {@code failures}: one line per stack that could not be read; those keep
   * their last published state, and the other stacks are published anyway.
   */
  public record Report(int tags, int stacksRead, int stacksUnchanged, int records, List<String> failures) {}

  /** What an ingest says as it goes: each stack read or found unchanged, and how far it is. */
  public interface Progress {
    void stack(String tag, String stack, int records, boolean unchanged, int done, int total);
  }

  private Ingest() {}

  /** As {@link #run(Sources, CatalogStore, CatalogReader, Progress)}, a line per stack read to {@code log}. */
  public static Report run(Sources sources, CatalogStore store, CatalogReader reader, Consumer<String> log) {
    return run(sources, store, reader, (tag, stack, records, unchanged, done, total) -> {
      if (!unchanged) {
        log.accept(tag + "/" + stack + ": " + records + " records");
      }
    });
  }

  public static Report run(Sources sources, CatalogStore store, CatalogReader reader, Progress progress) {
    int total = sources.tags().stream().mapToInt(t -> t.stacks().size()).sum();
    int done = 0;
    int read = 0;
    List<String> failures = new ArrayList<>();
    int unchanged = 0;
    int records = 0;
    int position = 0;
    for (Sources.TagSource tag : sources.tags()) {
      List<CatalogStore.ReadStack> changed = new ArrayList<>();
      List<String> order = new ArrayList<>();
      for (Sources.StackSource stack : tag.stacks()) {
        order.add(stack.label());
        try {
          Optional<String> now = reader.fingerprint(stack);
          Optional<String> stored = store.fingerprint(tag.name(), stack.label());
          if (now.isPresent() && now.equals(stored)) {
            unchanged++;
            progress.stack(tag.name(), stack.label(), 0, true, ++done, total);
            continue;
          }
          var s = reader.readStack(stack);
          changed.add(new CatalogStore.ReadStack(s, now.orElse(null)));
          records += s.index().specs().size();
          read++;
          progress.stack(tag.name(), stack.label(), s.index().specs().size(), false, ++done, total);
        } catch (IOException | RuntimeException e) {
          // One bad mirror must not keep the others from being published: report it and go on.
          String why = e instanceof io.cachescope.SourceException || e.getMessage() == null
              ? String.valueOf(e.getMessage()) : e.getClass().getSimpleName() + ": " + e.getMessage();
          failures.add(io.cachescope.Secrets.redact(tag.name() + "/" + stack.label() + ": " + why));
          done++;
        }
      }
      store.publish(tag.name(), position++, changed, order);
    }
    if (read > 0) {
      store.count();
    }
    return new Report(sources.tags().size(), read, unchanged, records, List.copyOf(failures));
  }
}
