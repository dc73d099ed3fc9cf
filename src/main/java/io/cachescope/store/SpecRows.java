package io.cachescope.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachescope.catalog.Compiler;
import io.cachescope.catalog.IndexSource;
import io.cachescope.catalog.Layout;
import io.cachescope.catalog.Variant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The text columns of the catalog: variants, flags, virtuals and index provenance as compact
 * JSON, and compilers as Spack spec strings, so both engines store them the same way.
 */
final class SpecRows {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SpecRows() {}

  static String variants(List<Variant> variants) {
    ArrayNode a = JSON.createArrayNode();
    for (Variant v : variants) {
      ArrayNode row = a.addArray();
      row.add(v.name()).add(v.kind().name());
      ArrayNode values = row.addArray();
      v.values().forEach(values::add);
    }
    return a.toString();
  }

  static List<Variant> variants(String text) {
    List<Variant> out = new ArrayList<>();
    for (JsonNode row : read(text)) {
      List<String> values = new ArrayList<>();
      row.get(2).forEach(v -> values.add(v.asText()));
      out.add(new Variant(row.get(0).asText(), Variant.Kind.valueOf(row.get(1).asText()), values));
    }
    return out;
  }

  static String strings(List<String> values) {
    ArrayNode a = JSON.createArrayNode();
    values.forEach(a::add);
    return a.toString();
  }

  static List<String> strings(String text) {
    List<String> out = new ArrayList<>();
    read(text).forEach(v -> out.add(v.asText()));
    return out;
  }

  static String flags(Map<String, List<String>> flags) {
    ObjectNode o = JSON.createObjectNode();
    flags.forEach((k, v) -> {
      ArrayNode a = o.putArray(k);
      v.forEach(a::add);
    });
    return o.toString();
  }

  static Map<String, List<String>> flags(String text) {
    Map<String, List<String>> out = new TreeMap<>();
    read(text).fields().forEachRemaining(e -> {
      List<String> values = new ArrayList<>();
      e.getValue().forEach(v -> values.add(v.asText()));
      out.put(e.getKey(), List.copyOf(values));
    });
    return out.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(out);
  }

  static String compiler(Compiler c) {
    return c == null ? null : c.name() + "@=" + c.version();
  }

  static Compiler compiler(String text) {
    return text == null ? null : Compiler.parse(text);
  }

  static String sources(List<IndexSource> sources) {
    ArrayNode a = JSON.createArrayNode();
    for (IndexSource s : sources) {
      ObjectNode o = a.addObject();
      o.put("url", s.url()).put("layout", s.layout().name()).put("database_version", s.databaseVersion())
          .put("checksum", s.checksum()).put("etag", s.etag()).put("records", s.records())
          .put("fetched_at", s.fetchedAt().toString());
    }
    return a.toString();
  }

  static List<IndexSource> sources(String text) {
    List<IndexSource> out = new ArrayList<>();
    for (JsonNode o : read(text)) {
      out.add(new IndexSource(
          o.get("url").asText(), Layout.valueOf(o.get("layout").asText()), o.get("database_version").asInt(),
          o.get("checksum").isNull() ? null : o.get("checksum").asText(),
          o.get("etag").isNull() ? null : o.get("etag").asText(),
          o.get("records").asInt(), Instant.parse(o.get("fetched_at").asText())));
    }
    return out;
  }

  private static JsonNode read(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("corrupt catalog column: " + e.getOriginalMessage(), e);
    }
  }

}
