package io.cachescope.mirror;

import io.cachescope.Fixtures;
import io.cachescope.catalog.BuildCacheIndex;
import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Membership;
import io.cachescope.catalog.SignatureState;
import io.cachescope.catalog.Union;
import java.util.LinkedHashMap;
import java.util.List;
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
    return result(resource).specs();
  }

  /** The index as one stack's union: records with what the index says of them. */
  public static Union union(String resource) {
    IndexReader.Result r = result(resource);
    Map<String, Membership> held = new LinkedHashMap<>();
    r.specs().keySet().forEach(h -> held.put(h, Membership.of(r.inBuildcache(h), 0, -1, SignatureState.UNSIGNED)));
    return new Union().add(new BuildCacheIndex(resource, List.of(), r.specs(), held, List.of()));
  }

  private static IndexReader.Result result(String resource) {
    try (InputStream in = Files.newInputStream(Fixtures.path(resource))) {
      return new IndexReader(new Interner()).read(in, resource);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
