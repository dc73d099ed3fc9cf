package io.cachescope.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The static export: what it writes, and that the data the browser draws from is complete. */
class SiteExportTest {

  @TempDir Path tmp;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyInCacheSpecIsInItsShardAndEveryPackageHasOnePageWithItsBuilds() throws IOException {
    MemoryView view = new MemoryView(WebFixtures.catalog());
    Path site = tmp.resolve("site");
    SiteExport.Written w = SiteExport.write(view, "https://binaries.spack.io/develop", site);
    try (var files = Files.walk(site)) {
      assertThat(files.filter(Files::isRegularFile)
          .filter(p -> !p.getFileName().toString().equals(io.cachescope.render.FolderSwap.MARKER)).count()).isEqualTo(w.files());
    }
    int letters = JSON.readTree(site.resolve("data/specs/index.json").toFile()).path("letters").asInt();
    assertThat(letters).isEqualTo(1);
    for (String tag : view.tags().stream().map(io.cachescope.catalog.TagSummary::name).toList()) {
      for (String name : view.packages(tag).keySet()) {
        if (!io.cachescope.render.SiteWriterNames.isSafe(name)) {
          continue;
        }
        JsonNode data = packageData(site.resolve("package/" + name + "/index.html"));
        List<String> hashes = new ArrayList<>();
        data.path("builds").forEach(b -> hashes.add(b.path("hash").asText()));
        for (var s : view.builds(tag, name)) {
          assertThat(hashes).as(name).contains(s.hash());
          JsonNode shard = gz(site.resolve("data/specs/" + s.hash().substring(0, letters) + ".json.gz"));
          assertThat(shard.path("specs").path(s.hash()).path("name").asText()).isEqualTo(name);
        }
        assertThat(site.resolve("package/" + name + "/feed.atom")).isRegularFile();
        assertThat(site.resolve("package/" + name + "/badge.svg")).isRegularFile();
      }
    }
    JsonNode search = gz(site.resolve("data/search.json.gz"));
    assertThat(search.path("packages").has("libelf")).isTrue();
    assertThat(search.path("packages").has(WebFixtures.HOSTILE_NAME)).as("a name that cannot be a folder").isFalse();
    assertThat(Files.readString(site.resolve("404.html"))).contains("package/", "spec/?h=");
  }

  @Test
  void embeddedJsonCannotEndItsScriptElement() {
    String safe = SiteExport.scriptSafe("{\"v\":\"</script><script>alert(1)</script> & more\"}");
    assertThat(safe).doesNotContain("<", ">", "&");
    assertThat(safe).contains("\\u003c/script\\u003e");
  }

  private static JsonNode packageData(Path page) throws IOException {
    Matcher m = Pattern.compile("<script type=\"application/json\" id=\"package-data\">(.*?)</script>", Pattern.DOTALL)
        .matcher(Files.readString(page));
    assertThat(m.find()).as(page.toString()).isTrue();
    return JSON.readTree(m.group(1));
  }

  private static JsonNode gz(Path file) throws IOException {
    try (var in = new GZIPInputStream(Files.newInputStream(file))) {
      return JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
