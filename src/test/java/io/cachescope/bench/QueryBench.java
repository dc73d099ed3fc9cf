package io.cachescope.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachescope.catalog.Catalog;
import io.cachescope.catalog.Interner;
import io.cachescope.catalog.Tag;
import io.cachescope.mirror.CatalogReader;
import io.cachescope.catalog.Lockfile;
import io.cachescope.mirror.LockfileReader;
import io.cachescope.mirror.MirrorReader;
import io.cachescope.mirror.Sources;
import io.cachescope.query.Coverage;
import io.cachescope.query.Host;
import io.cachescope.query.Microarchitectures;
import io.cachescope.query.SnapshotDiff;
import io.cachescope.query.SpecConstraint;
import io.cachescope.query.SpecParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Query speed on a warm JVM over the 400,000-record develop corpus: a constraint over the whole
 * catalog, coverage of a 500-node lockfile, and a diff of two develop snapshots.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class QueryBench {

  @Param("bench/corpus/develop-v2/develop/root")
  public String develop;

  @Param("bench/corpus/snapshot-v3/sources.json")
  public String snapshotA;

  @Param("bench/corpus/snapshot2-v3/sources.json")
  public String snapshotB;

  private io.cachescope.catalog.Union all;
  private SpecConstraint constraint;
  private Lockfile lock;
  private Tag a;
  private Tag b;
  private final Microarchitectures archspec = Microarchitectures.builtin();
  private final Host host = Host.parse("os=ubuntu22.04 target=zen3 platform=linux");

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    CatalogReader reader = new CatalogReader(MirrorReader.Options.defaults(), w -> {});
    all = reader.read(Sources.ofMirrors(List.of(develop), null)).tags().get(0).union();
    constraint = SpecParser.parse("py-numpy@1.20: %gcc os=ubuntu22.04 target=x86_64_v3:");
    Path file = Files.createTempFile("bench", ".lock");
    file.toFile().deleteOnExit();
    lock = new LockfileReader(new Interner()).read(lockfile(Path.of(develop, "build_cache/index.json"), 500, file));
    Catalog ca = reader.read(Sources.read(Path.of(snapshotA)));
    Catalog cb = reader.read(Sources.read(Path.of(snapshotB)));
    a = ca.tags().get(0);
    b = cb.tags().get(0);
  }

  /** A lockfile (format 6) holding the first {@code n} records of an index. */
  static Path lockfile(Path index, int n, Path file) throws IOException {
    ObjectMapper json = new ObjectMapper();
    ObjectNode lock = json.createObjectNode();
    lock.putObject("_meta").put("file-type", "spack-lockfile").put("lockfile-version", 6).put("specfile-version", 5);
    lock.putArray("roots");
    ObjectNode specs = lock.putObject("concrete_specs");
    try (InputStream in = Files.newInputStream(index); JsonParser p = json.getFactory().createParser(in)) {
      while (p.nextToken() != null && !"installs".equals(p.currentName())) { }
      p.nextToken();
      while (specs.size() < n && p.nextToken() == JsonToken.FIELD_NAME) {
        String hash = p.currentName();
        p.nextToken();
        JsonNode record = json.readTree(p);
        specs.set(hash, record.get("spec"));
      }
    }
    json.writeValue(file.toFile(), lock);
    return file;
  }

  @Benchmark
  public long constraintOverTheWholeCatalog() {
    return all.all().stream().filter(s -> all.inBuildcache(s.hash()) && constraint.matches(s, all::get, archspec)).count();
  }

  @Benchmark
  public Coverage.Totals coverageOf500NodeLockfile() {
    return Coverage.compute(lock, all, s -> host.installs(s, archspec)).totals();
  }

  @Benchmark
  public int diffOfTwoSnapshots() {
    return SnapshotDiff.compute(a, b, null).packages().size();
  }
}
