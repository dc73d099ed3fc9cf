package io.cachescope.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SchemaVersionTest {
  @Test
  void theSchemaVersionReadersExpectIsTheNewestMigration() throws Exception {
    java.nio.file.Path dir = java.nio.file.Path.of("src/main/resources/db/migration");
    int newest;
    try (Stream<java.nio.file.Path> files = Files.list(dir)) {
      newest = files.map(p -> p.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
          .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__")))).max().orElse(0);
    }
    assertThat(CatalogStore.SCHEMA_VERSION).isEqualTo(newest);
  }
}
