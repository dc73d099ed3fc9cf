package io.cachescope.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachescope.Fixtures;
import io.cachescope.catalog.Interner;
import io.cachescope.catalog.Lockfile;
import io.cachescope.mirror.LockfileReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoverageTest {

  @TempDir Path tmp;

  /**
   * A lockfile (format 6) whose specs are the fixture mirror's records: libelf/jr3yipy as is,
   * libdwarf/u5uz3dc under another hash (same package and version: a compatible binary), a
   * package the cache lacks, and the external gcc.
   */
  Lockfile lockfile() throws IOException {
    String index =
        Files.readString(Fixtures.path("fixtures/spack-testdata/mirrors/v2_layout/unsigned/build_cache/index.json"));
    String installs = index.substring(index.indexOf("\"installs\":{") + "\"installs\":".length(), index.lastIndexOf("}}"));
    com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
    var records = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(installs);
    var specs = mapper.createObjectNode();
    specs.set("jr3yipyxyjulcdvckwwwjrrumis7glpa", records.get("jr3yipyxyjulcdvckwwwjrrumis7glpa").get("spec"));
    var dwarf = (com.fasterxml.jackson.databind.node.ObjectNode) records.get("u5uz3dcch5if4eve4sef67o2rf2lbfgh").get("spec").deepCopy();
    dwarf.put("hash", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb");
    specs.set("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", dwarf);
    var zlib = (com.fasterxml.jackson.databind.node.ObjectNode) dwarf.deepCopy();
    zlib.put("name", "zlib").put("hash", "cccccccccccccccccccccccccccccccc");
    specs.set("cccccccccccccccccccccccccccccccc", zlib);
    specs.set("vd7v4ssgnoqdplgxyig3orum67n4vmhq", records.get("vd7v4ssgnoqdplgxyig3orum67n4vmhq").get("spec"));
    var lock = mapper.createObjectNode();
    lock.putObject("_meta").put("file-type", "spack-lockfile").put("lockfile-version", 6).put("specfile-version", 5);
    lock.putArray("roots").addObject().put("hash", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb").put("spec", "libdwarf");
    lock.set("concrete_specs", specs);
    Path file = tmp.resolve("spack.lock");
    mapper.writeValue(file.toFile(), lock);
    return new LockfileReader(new Interner()).read(file);
  }

  @Test
  void eachSpecIsCachedCompatibleMissingOrExternal() throws IOException {
    Lockfile lock = lockfile();
    io.cachescope.catalog.Union cache =
        io.cachescope.mirror.IndexReaderAccess.union("fixtures/spack-testdata/mirrors/v2_layout/unsigned/build_cache/index.json");
    Coverage c = Coverage.compute(lock, cache, s -> s.target().equals("m1"));
    assertThat(c.entries())
        .extracting(Coverage.Entry::name, Coverage.Entry::status, Coverage.Entry::alternative)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("libelf", Coverage.Status.CACHED, null),
            org.assertj.core.groups.Tuple.tuple("libdwarf", Coverage.Status.COMPATIBLE, "u5uz3dcch5if4eve4sef67o2rf2lbfgh"),
            org.assertj.core.groups.Tuple.tuple("zlib", Coverage.Status.MISSING, null),
            org.assertj.core.groups.Tuple.tuple("gcc", Coverage.Status.EXTERNAL, null));
    assertThat(c.totals())
        .isEqualTo(new Coverage.Totals(4, 1, 1, 1, 1, 0, 2));
  }

  @Test
  void aBinaryForAnotherTargetIsNotCompatible() throws IOException {
    io.cachescope.catalog.Union cache =
        io.cachescope.mirror.IndexReaderAccess.union("fixtures/spack-testdata/mirrors/v2_layout/unsigned/build_cache/index.json");
    Coverage c = Coverage.compute(lockfile(), cache, s -> s.target().equals("aarch64"));
    assertThat(c.entries().get(1).status()).isEqualTo(Coverage.Status.MISSING);
  }

  @Test
  void realLockfilesOfEveryVersionRead() {
    for (String f : new String[] {"v1.lock", "v2.lock", "v3.lock"}) {
      Lockfile lock = new LockfileReader(new Interner()).read(Fixtures.path("fixtures/spack-testdata/legacy_env/" + f));
      assertThat(lock.roots()).hasSize(2);
      assertThat(lock.specs()).isNotEmpty();
      assertThat(lock.specs().values()).allSatisfy(s -> assertThat(s.name()).isNotBlank());
    }
  }
}
