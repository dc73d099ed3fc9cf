package io.cachescope.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The same suite on a real PostgreSQL ({@link TestPostgres}): never skipped. */
class PostgresStoreIT extends StoreContract {
  @Override
  String freshDatabase() throws Exception {
    return TestPostgres.emptied();
  }

  /** Two separate processes reading one PostgreSQL catalog print the same listing. */
  @Test
  void twoProcessesAnswerTheSameQueryTheSameWay() throws Exception {
    String name;
    try (CatalogStore store = CatalogStore.open(db)) {
      Ingest.run(sources, store, reader(), m -> {});
      var union = store.loadTag("develop-2025-03-30").orElseThrow().union();
      name = union.all().stream().filter(s -> union.inBuildcache(s.hash())).findFirst().orElseThrow().name();
    }
    List<Process> children = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      children.add(io.cachescope.Cli.command("list", "-a", "-l", "-v", "--db", db, name).redirectErrorStream(true).start());
    }
    List<String> outputs = new ArrayList<>();
    for (Process p : children) {
      outputs.add(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
      assertThat(p.waitFor()).isZero();
    }
    assertThat(outputs.get(0)).isEqualTo(outputs.get(1)).contains(" " + name + "@");
  }
}
