package io.cachescope.mirror;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HashStringsTest {

  /** Random hash-like and hostile strings: equal content gives the same instance, and only it. */
  @Test
  void canonicalInstancesMatchContentExactly() throws IOException {
    long seed = io.cachescope.Seeds.of("HashStringsTest", 1);
    SplittableRandom random = new SplittableRandom(seed);
    String alphabet = "abcdefghijklmnopqrstuvwxyz234567\u0161\u00e9\"\\";
    List<String> values = new ArrayList<>();
    // More distinct values than the first table holds, so that it grows while in use.
    for (int i = 0; i < 40_000; i++) {
      int len = random.nextInt(4) == 0 ? random.nextInt(1, 40) : 32;
      StringBuilder b = new StringBuilder();
      for (int j = 0; j < len; j++) {
        // Mostly base32; sometimes a character whose low byte equals an ASCII letter.
        int limit = random.nextInt(10) == 0 ? alphabet.length() : 32;
        b.append(alphabet.charAt(random.nextInt(limit)));
      }
      values.add(b.toString());
    }
    HashStrings table = new HashStrings();
    Map<String, String> reference = new HashMap<>();
    StringBuilder json = new StringBuilder("[");
    for (int i = 0; i < 100_000; i++) {
      String v = values.get(random.nextInt(values.size()));
      json.append(i == 0 ? "" : ",")
          .append('"')
          .append(JsonStringEncoder.getInstance().quoteAsString(v))
          .append('"');
    }
    json.append("]");
    try (JsonParser p = IndexReader.JSON.createParser(json.toString())) {
      p.nextToken();
      while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
        String text = p.getText();
        String canonical = table.canonical(p);
        assertThat(canonical).as("seed %d", seed).isEqualTo(text);
        String first = reference.putIfAbsent(text, canonical);
        if (first != null) {
          assertThat(canonical).as("seed %d", seed).isSameAs(first);
        }
      }
    }
    assertThat(table.size()).isEqualTo(reference.size());
    assertThat(new java.util.HashSet<>(table.asSet())).isEqualTo(reference.keySet());
  }
}
