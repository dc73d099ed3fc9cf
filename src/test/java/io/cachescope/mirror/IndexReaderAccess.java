package io.cachescope.mirror;

import io.cachescope.Fixtures;
import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Interner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Map;

/** Reads a fixture index into records, for tests outside the mirror package. */
public final class IndexReaderAccess {
  private IndexReaderAccess() {}

  public static Map<String, ConcreteSpec> read(String resource) {
    try (InputStream in = Files.newInputStream(Fixtures.path(resource))) {
      return new IndexReader(new Interner()).read(in, resource).specs();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
