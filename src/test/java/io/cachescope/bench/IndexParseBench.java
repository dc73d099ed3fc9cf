package io.cachescope.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.cachescope.catalog.Interner;
import io.cachescope.mirror.IndexReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Index ingest throughput against the floor: a bare Jackson token pass over the same bytes.
 * Run by bench/run with {@code -p index=<path to a generated index.json>}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class IndexParseBench {

  @Param("bench/corpus/develop/develop/root/build_cache/index.json")
  public String index;

  private static final JsonFactory JSON = new JsonFactory();

  @Benchmark
  public long jacksonTokenPass() throws IOException {
    long tokens = 0;
    try (InputStream in = Files.newInputStream(Path.of(index));
        JsonParser p = JSON.createParser(in)) {
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        tokens++;
      }
    }
    return tokens;
  }

  @Benchmark
  public int cachescopeIndexReader() throws IOException {
    try (InputStream in = Files.newInputStream(Path.of(index))) {
      return new IndexReader(new Interner()).read(in, index).specs().size();
    }
  }
}
