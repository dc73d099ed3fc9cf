package io.cachescope.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cachescope.Fixtures;
import io.cachescope.Reliability;
import io.cachescope.catalog.Catalog;
import io.cachescope.cli.CliRun;
import io.cachescope.mirror.CatalogReader;
import io.cachescope.mirror.MirrorReader;
import io.cachescope.mirror.Sources;
import io.cachescope.web.Api;
import io.cachescope.web.CatalogView;
import io.cachescope.web.MemoryView;
import io.cachescope.web.Pages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every field of a real index record, mutated one at a time (null, empty, huge, hostile, wrong
 * type, removed), through list, pages, site, coverage and the server's pages: each run gives a
 * result or a one-line error, never a crash.
 */
class RecordMutationIT {

  @TempDir Path tmp;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String HOSTILE = "$(touch /tmp/pwned);`id`\u001b[2J../../etc\n<script>alert(1)</script>";

  /** The mutations applied to each field: a replacement value, or null for removing the field. */
  private static List<JsonNode> replacements() {
    JsonNodeFactory f = JsonNodeFactory.instance;
    return java.util.Arrays.asList(f.nullNode(), f.textNode(""), f.textNode("x".repeat(5000)), f.textNode(HOSTILE),
        f.numberNode(0), f.numberNode(-1), f.numberNode(Long.MAX_VALUE), f.booleanNode(true), f.objectNode(),
        f.arrayNode(), null);
  }

  /** JSON pointers of every node below the record's spec. */
  private static void paths(JsonNode node, String at, List<String> out) {
    if (node.isObject()) {
      node.fieldNames().forEachRemaining(name -> {
        String p = at + "/" + name.replace("~", "~0").replace("/", "~1");
        out.add(p);
        paths(node.get(name), p, out);
      });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        out.add(at + "/" + i);
        paths(node.get(i), at + "/" + i, out);
      }
    }
  }

  private static void apply(JsonNode root, String pointer, JsonNode value) {
    int slash = pointer.lastIndexOf('/');
    JsonNode parent = root.at(pointer.substring(0, slash));
    String last = pointer.substring(slash + 1).replace("~1", "/").replace("~0", "~");
    if (parent instanceof ObjectNode o) {
      if (value == null) {
        o.remove(last);
      } else {
        o.set(last, value);
      }
    } else if (parent instanceof ArrayNode a) {
      int i = Integer.parseInt(last);
      if (value == null) {
        a.remove(i);
      } else {
        a.set(i, value);
      }
    }
  }

  @Test
  void everyFieldOfARealRecordMutatedGivesAResultOrOneLineError() throws Exception {
    Path mirror = Fixtures.copy("fixtures/spack-testdata/mirrors/v2_layout/unsigned", tmp.resolve("m"));
    Path index = mirror.resolve("build_cache/index.json");
    Files.deleteIfExists(mirror.resolve("build_cache/index.json.hash"));
    JsonNode original = JSON.readTree(Files.readString(index));
    String key = "jr3yipyxyjulcdvckwwwjrrumis7glpa"; // libelf: compiler, variants, dependencies
    String record = "/database/installs/" + key;
    List<String> fields = new ArrayList<>(List.of(record + "/in_buildcache", record + "/ref_count"));
    paths(original.at(record + "/spec"), record + "/spec", fields);
    Path lock = Fixtures.path("fixtures/spack-testdata/legacy_env/v3.lock");
    List<String> crashes = new ArrayList<>();
    int runs = 0;
    int mutations = 0;
    for (String field : fields) {
      for (JsonNode value : replacements()) {
        JsonNode mutated = original.deepCopy();
        apply(mutated, field, value);
        Files.writeString(index, JSON.writeValueAsString(mutated));
        mutations++;
        String what = field + " = " + (value == null ? "(removed)" : value.toString().substring(0, Math.min(40, value.toString().length())));
        for (String[] args : List.of(
            new String[] {"list", "-a", "-l", "-v", "--mirror", mirror.toString()},
            new String[] {"pages", "--mirror", mirror.toString(), "--out", tmp.resolve("pages").toString()},
            new String[] {"site", "--no-spec-pages", "--mirror", mirror.toString(), "--out", tmp.resolve("site").toString()},
            new String[] {"coverage", lock.toString(), "--mirror", mirror.toString()})) {
          runs++;
          CliRun.Result r;
          try {
            r = CliRun.run(args);
          } catch (RuntimeException | StackOverflowError e) {
            crashes.add(args[0] + " " + what + ": " + e);
            continue;
          }
          List<String> errors = r.err().lines().filter(l -> !l.startsWith("warning:")).toList();
          boolean ok = r.code() == 0 || (r.code() == 1 && errors.size() == 1 && errors.get(0).startsWith("cachescope: error: "));
          if (!ok || r.err().contains("internal error")) {
            crashes.add(args[0] + " " + what + ": exit " + r.code() + " " + r.err());
          }
        }
        runs++;
        serverPages(mirror, e -> crashes.add("serve " + what + ": " + e));
      }
    }
    Reliability.record("record mutation", mutations + " mutations of every field of a real record (" + fields.size() + " fields)",
        "null, empty, 5,000 chars, hostile text, 0, -1, Long.MAX, true, {}, [], removed",
        "a result or a one-line error", runs + " runs of list, pages, site, coverage and the server's pages, " + crashes.size() + " crashes", "-");
    assertThat(mutations).isGreaterThanOrEqualTo(500);
    assertThat(crashes).isEmpty();
  }

  /** What the server renders for every tag, package and spec, straight from the page renderers. */
  private static void serverPages(Path mirror, Consumer<String> crash) {
    Catalog catalog;
    try {
      catalog = new CatalogReader(MirrorReader.Options.defaults(), w -> {}).read(Sources.ofMirrors(List.of(mirror.toString()), null));
    } catch (io.cachescope.SourceException e) {
      return; // refused with an error, as list says
    }
    try {
      CatalogView view = new MemoryView(catalog);
      Pages pages = new Pages(view, null);
      Api api = new Api(view);
      pages.home("/");
      JSON.writeValueAsBytes(api.home());
      for (io.cachescope.catalog.TagSummary tag : view.tags()) {
        pages.tag(tag.name(), "/");
        pages.search("lib", tag.name(), "/");
        pages.host("linux", "debian6", "m1", tag.name(), "/");
        for (io.cachescope.catalog.PackageSummary p : view.packages(tag.name()).values()) {
          pages.pkg(tag.name(), p.name(), Map.of(), 1, "/");
          JSON.writeValueAsBytes(api.pkg(tag.name(), p.name(), Map.of(), 1).orElseThrow());
          for (var s : view.builds(tag.name(), p.name())) {
            pages.spec(s.hash(), "/");
            JSON.writeValueAsBytes(api.spec(s.hash()).orElseThrow());
          }
        }
      }
    } catch (Exception | StackOverflowError e) {
      crash.accept(e.toString());
    }
  }
}
