package io.cachescope.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server over real HTTP on loopback: JSON API, caching headers, escaping. */
class WebApiTest {

  static Server server;
  static String base;
  static final HttpClient HTTP = HttpClient.newHttpClient();
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() {
    server = new Server(new MemoryView(WebFixtures.catalog()), "https://binaries.spack.io/develop", 64)
        .lockfiles((bytes, name) -> new io.cachescope.mirror.LockfileReader(new io.cachescope.catalog.Interner()).read(bytes, name));
    base = "http://127.0.0.1:" + server.start("127.0.0.1", 0);
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  static HttpResponse<String> get(String path, String... headers) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = get(path);
    assertThat(r.statusCode()).as(path).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  @Test
  void searchPutsTheExactNameFirst() throws Exception {
    JsonNode r = json("/api/search?q=LIBELF&tag=develop-2025-03-30");
    assertThat(r.get("count").asInt()).isEqualTo(1);
    assertThat(r.at("/packages/0/name").asText()).isEqualTo("libelf");
    JsonNode lib = json("/api/search?q=lib&tag=develop-2025-03-30");
    assertThat(lib.get("packages")).extracting(p -> p.get("name").asText()).containsExactly("libdwarf", "libelf");
    assertThat(json("/api/search?q=nothing-like-this").get("count").asInt()).isZero();
    assertThat(get("/search/?q=nothing-like-this").body()).contains("0 packages found");
  }

  @Test
  void searchCoversEveryTagAndReadsHashesAndSpecs() throws Exception {
    JsonNode all = json("/api/search?q=lib");
    assertThat(all.get("kind").asText()).isEqualTo("name");
    assertThat(all.get("tags")).extracting(JsonNode::asText).contains("develop-2025-03-30", "develop-2025-01-05");
    assertThat(all.at("/packages/0/tag").asText()).isEqualTo("develop-2025-03-30");

    HttpResponse<String> hash = get("/search/?q=/jr3yipy");
    assertThat(hash.statusCode()).isEqualTo(302);
    assertThat(hash.headers().firstValue("Location")).hasValue("/spec/jr3yipyxyjulcdvckwwwjrrumis7glpa/");

    JsonNode q = json("/api/query?spec=" + java.net.URLEncoder.encode("libelf@0.8.13 target=m1", "UTF-8"));
    assertThat(q.get("count").asInt()).isEqualTo(1);
    assertThat(q.at("/specs/0/hash").asText()).isEqualTo("jr3yipyxyjulcdvckwwwjrrumis7glpa");
    JsonNode none = json("/api/query?spec=libelf%40%3A0.7");
    assertThat(none.get("count").asInt()).isZero();
    JsonNode onHost = json("/api/query?spec=libelf&host=" + java.net.URLEncoder.encode("os=debian6 target=m1 platform=test", "UTF-8"));
    assertThat(onHost.get("specs")).extracting(n -> n.get("target").asText()).containsOnly("m1");

    HttpResponse<String> bad = get("/api/query?spec=libelf%40%403");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(bad.body()).get("error").asText()).contains("libelf@@3").contains("^");
    assertThat(get("/api/query?spec=libelf&host=auto").statusCode()).isEqualTo(400);
    assertThat(get("/search/?q=libelf%40%403").body()).contains("Not a spec Spack would read");
  }

  @Test
  void nothingMatchingGivesTheClosestBinariesAndHelpful404s() throws Exception {
    JsonNode q = json("/api/query?spec=" + java.net.URLEncoder.encode("libelf os=ubuntu99.04", "UTF-8"));
    assertThat(q.get("count").asInt()).isZero();
    assertThat(q.get("nearest")).isNotEmpty();
    assertThat(q.at("/nearest/0/differences/0").asText()).contains("ubuntu99.04");
    assertThat(get("/search/?q=libelf+os%3Dubuntu99.04").body()).contains("Closest binaries").contains("ubuntu99.04");
    assertThat(json("/api/query?spec=libelff").get("suggestions")).extracting(JsonNode::asText).contains("libelf");

    HttpResponse<String> typo = get("/package/develop-2025-03-30/libelff/");
    assertThat(typo.statusCode()).isEqualTo(404);
    assertThat(typo.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(typo.body()).contains("<html lang=\"en\">").contains("Did you mean").contains("href=\"/package/libelf/\"");
    HttpResponse<String> elsewhere = get("/package/develop-2025-01-05/libelf/");
    assertThat(elsewhere.statusCode()).isEqualTo(404);
    assertThat(elsewhere.body()).contains("href=\"/package/develop-2025-03-30/libelf/\"");
    assertThat(get("/spec/abcdefg/").body()).contains("/abcdefg");
  }

  static HttpResponse<String> post(String path, byte[] body, String type) throws IOException, InterruptedException {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {
    "real/locks/spack_all-pythons__spack.lock", "real/locks/tdortman_bloom-filter__spack.lock",
    "real/locks/tiltedtoast_cuckoo-filter__spack.lock", "fixtures/spack-testdata/legacy_env/v3.lock"})
  void anUploadedLockfileGetsExactlyWhatTheCliPrints(String lock) throws Exception {
    java.nio.file.Path file = io.cachescope.Fixtures.path(lock);
    HttpResponse<String> r = post("/api/coverage", java.nio.file.Files.readAllBytes(file), "application/json");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    // The server's catalog is the fixture mirror and a tag whose one spec no lockfile names.
    io.cachescope.cli.CliRun.Result cli = io.cachescope.cli.CliRun.run("coverage", "--json", file.toString(),
        "--mirror", io.cachescope.Fixtures.path("fixtures/spack-v3/v3_migrated_unsigned").toString());
    assertThat(cli.code()).as(cli.err()).isZero();
    assertThat(r.body()).isEqualTo(cli.out());
    assertThat(JSON.readTree(r.body()).at("/totals/specs").asInt()).isPositive();
  }

  @Test
  void badUploadsAre400And413NeverA500() throws Exception {
    HttpResponse<String> truncated = post("/api/coverage", "{\"_meta\": {\"lockfile-version\": 6}, \"roots\": [".getBytes(), "application/json");
    assertThat(truncated.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(truncated.body()).get("error").asText()).contains("spack.lock");
    assertThat(post("/api/coverage", new byte[0], "application/json").statusCode()).isEqualTo(400);
    assertThat(post("/api/coverage", "[1]".getBytes(), "application/json").statusCode()).isEqualTo(400);
    assertThat(post("/api/coverage?host=auto", "{}".getBytes(), "application/json").statusCode()).isEqualTo(400);
    byte[] huge = new byte[Routes.MAX_LOCKFILE_BYTES + 10];
    java.util.Arrays.fill(huge, (byte) ' ');
    assertThat(post("/api/coverage", huge, "application/json").statusCode()).isEqualTo(413);
    HttpResponse<String> form = post("/coverage/", ("lock=" + java.net.URLEncoder.encode("{\"nope\": 1", "UTF-8")).getBytes(),
        "application/x-www-form-urlencoded");
    assertThat(form.statusCode()).isEqualTo(400);
    assertThat(form.body()).contains("coverage-error").contains("<html lang=\"en\">");
    String lock = java.nio.file.Files.readString(io.cachescope.Fixtures.path("fixtures/spack-testdata/legacy_env/v3.lock"));
    HttpResponse<String> ok = post("/coverage/", ("lock=" + java.net.URLEncoder.encode(lock, "UTF-8")).getBytes(),
        "application/x-www-form-urlencoded");
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).contains("coverage-report").contains("specs:");
  }

  @Test
  void everyPathTheOpenApiDocumentNamesAnswers() throws Exception {
    JsonNode paths = json("/api/openapi.json").get("paths");
    java.util.List<String> checked = new java.util.ArrayList<>();
    for (java.util.Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
      String path = it.next();
      if (!paths.get(path).has("get")) {
        continue;
      }
      String url = path.replace("{tag}", "develop-2025-03-30").replace("{name}", "libelf")
          .replace("{hash}", "jr3yipyxyjulcdvckwwwjrrumis7glpa")
          + (path.equals("/api/diff") ? "?from=develop-2025-01-05&to=develop-2025-03-30" : path.equals("/api/query") ? "?spec=libelf" : "");
      assertThat(get(url).statusCode()).as(url).isEqualTo(200);
      checked.add(path);
    }
    assertThat(checked).contains("/api/query", "/api/hosts", "/package/{name}/feed.atom").hasSizeGreaterThan(10);
  }

  static org.w3c.dom.Document xml(String body) throws Exception {
    return javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new java.io.ByteArrayInputStream(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Test
  void feedsAreAtomAndBadgesSvgWithHostileNamesEscaped() throws Exception {
    HttpResponse<String> feed = get("/package/libelf/feed.atom");
    assertThat(feed.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/atom+xml"));
    org.w3c.dom.Document atom = xml(feed.body());
    assertThat(atom.getDocumentElement().getNamespaceURI() == null ? atom.getDocumentElement().getAttribute("xmlns")
        : atom.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2005/Atom");
    assertThat(atom.getElementsByTagName("entry").getLength()).isPositive();
    assertThat(xml(get("/feed.atom").body()).getElementsByTagName("entry").getLength()).isEqualTo(2);
    xml(get("/tag/develop-2025-03-30/feed.atom").body());

    String hostile = Links.segment(WebFixtures.HOSTILE_NAME);
    HttpResponse<String> evil = get("/package/" + hostile + "/feed.atom");
    assertThat(evil.statusCode()).isEqualTo(200);
    assertThat(evil.body()).doesNotContain("<script>").contains("&lt;script&gt;");
    assertThat(xml(evil.body()).getElementsByTagName("title").item(0).getTextContent()).contains(WebFixtures.HOSTILE_NAME);
    HttpResponse<String> badge = get("/package/" + hostile + "/badge.svg");
    assertThat(badge.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("image/svg+xml"));
    assertThat(badge.body()).doesNotContain("<script>");
    assertThat(xml(badge.body()).getDocumentElement().getTagName()).isEqualTo("svg");
    assertThat(get("/package/libelf/badge.svg?target=m1").body()).contains("1 build");
    assertThat(get("/package/libelf/badge.svg?os=nowhere").body()).contains("none");
    assertThat(get("/package/libelf/").body()).contains("rel=\"alternate\" type=\"application/atom+xml\"");
    assertThat(get("/package/no-such/feed.atom").statusCode()).isEqualTo(404);
  }

  @Test
  void theHostPageOffersTheCatalogsValuesAndSaysWhenATargetIsUnknown() throws Exception {
    String page = get("/host/?os=debian6&target=m1&platform=test").body();
    assertThat(page).contains("<datalist id=\"oss\">").contains("<option value=\"debian6\">").doesNotContain("unknown-target");
    assertThat(get("/host/?os=debian6&target=zen9&platform=test").body()).contains("id=\"unknown-target\"")
        .contains("archspec does not know the target <code>zen9</code>");
  }

  @Test
  void aPackageAcrossReleasesShowsTheNewestByDefaultAndEveryReleaseOnRequest() throws Exception {
    HttpResponse<String> newest = get("/package/libelf/");
    assertThat(newest.statusCode()).isEqualTo(200);
    assertThat(newest.body()).contains("libelf <span class=\"muted\">across releases")
        .contains("Showing 1–2 of 2 builds").contains("Release: develop-2025-03-30").contains("Version history");
    HttpResponse<String> all = get("/package/libelf/?release=all");
    assertThat(all.body()).contains("Showing 1–2 of 2 builds").doesNotContain("Release: develop-2025-03-30");
    assertThat(get("/package/libelf/?release=develop-2025-01-05").body()).contains("No build matches these filters");
    assertThat(get("/package/no-such-package/").statusCode()).isEqualTo(404);
    assertThat(get("/package/develop-2025-03-30/libelf/").body()).contains("/package/libelf/?release=all");
  }

  @Test
  void facetsFilterAndCount() throws Exception {
    JsonNode all = json("/api/packages/develop-2025-03-30/libelf");
    assertThat(all.get("matching").asInt()).isEqualTo(2);
    JsonNode m1 = json("/api/packages/develop-2025-03-30/libelf?target=m1");
    assertThat(m1.get("matching").asInt()).isEqualTo(1);
    assertThat(m1.at("/builds/0/hash").asText()).isEqualTo("jr3yipyxyjulcdvckwwwjrrumis7glpa");
    // The target facet keeps counting its other values, so the user can widen the choice.
    assertThat(m1.at("/facets/target")).extracting(c -> c.get("value").asText() + "=" + c.get("count").asInt())
        .containsExactly("core2=1", "m1=1");
    JsonNode both = json("/api/packages/develop-2025-03-30/libelf?target=m1&target=core2");
    assertThat(both.get("matching").asInt()).isEqualTo(2);
  }

  @Test
  void specsHaveTheirDependenciesAndInstallCommands() throws Exception {
    JsonNode s = json("/api/specs/u5uz3dcch5if4eve4sef67o2rf2lbfgh");
    assertThat(s.get("spec").asText()).startsWith("libdwarf@20130729 build_system=generic platform=test os=debian6 target=m1");
    assertThat(s.get("dependencies")).extracting(d -> d.get("name").asText()).contains("libelf", "gcc");
    String html = get("/spec/u5uz3dcch5if4eve4sef67o2rf2lbfgh/").body();
    assertThat(html).contains("spack install /u5uz3dcch5if4eve4sef67o2rf2lbfgh");
    assertThat(get("/api/specs/nosuchhash").statusCode()).isEqualTo(404);
    assertThat(get("/spec/nosuchhash/").statusCode()).isEqualTo(404);
  }

  @Test
  void responsesCarryEtagsAndGzip() throws Exception {
    HttpResponse<String> first = get("/api/tags");
    String etag = first.headers().firstValue("ETag").orElseThrow();
    assertThat(first.headers().firstValue("Cache-Control")).hasValue("public, max-age=60");
    assertThat(get("/api/tags", "If-None-Match", etag).statusCode()).isEqualTo(304);
    HttpResponse<byte[]> gz = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/packages/develop-2025-03-30/libelf"))
        .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(gz.headers().firstValue("Content-Encoding")).hasValue("gzip");
    assertThat(JSON.readTree(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gz.body()))).get("name").asText())
        .isEqualTo("libelf");
    assertThat(json("/api/openapi.json").get("openapi").asText()).startsWith("3.");
  }

  @Test
  void hostileStringsAreEscapedEverywhere() throws Exception {
    String path = "/package/develop-2025-01-05/" + io.cachescope.web.Links.segment(WebFixtures.HOSTILE_NAME) + "/";
    HttpResponse<String> page = get(path);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).doesNotContain("<script>alert").doesNotContain("<b>x</b>")
        .contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("script-src 'self'"));
    String spec = get("/spec/" + WebFixtures.HOSTILE_HASH + "/").body();
    assertThat(spec).doesNotContain("<script>alert").doesNotContain("</script><script>");
    JsonNode api = json("/api/specs/" + WebFixtures.HOSTILE_HASH);
    assertThat(api.get("name").asText()).isEqualTo(WebFixtures.HOSTILE_NAME);
    assertThat(get("/static/../../etc/passwd").statusCode()).isIn(400, 404);
    assertThat(get("/static/app.js").statusCode()).isEqualTo(200);
  }

  @Test
  void hostAndDiffPages() throws Exception {
    JsonNode host = json("/api/host?platform=test&os=debian6&target=m1&tag=develop-2025-03-30");
    assertThat(host.get("count").asInt()).isEqualTo(4);
    assertThat(get("/host/?platform=test&os=debian6&target=m1&tag=develop-2025-03-30").body()).contains("4 binaries");
    JsonNode diff = json("/api/diff?from=develop-2025-01-05&to=develop-2025-03-30");
    assertThat(diff.get("packages")).extracting(p -> p.get("name").asText()).contains("libelf", WebFixtures.HOSTILE_NAME);
    assertThat(get("/diff/?from=develop-2025-01-05&to=develop-2025-03-30").statusCode()).isEqualTo(200);
  }

  /** A re-ingest swaps the catalog in: the next request sees it, cached pages included. */
  @Test
  void aSwappedCatalogIsServedAtOnce() throws Exception {
    assertThat(json("/api/search?q=libelf&tag=develop-2025-03-30").get("count").asInt()).isEqualTo(1);
    io.cachescope.catalog.Catalog full = WebFixtures.catalog();
    io.cachescope.catalog.Catalog onlyHostile = new io.cachescope.catalog.Catalog(java.util.List.of(full.tags().get(1)));
    server.swap(new MemoryView(onlyHostile));
    try {
      assertThat(json("/api/search?q=libelf&tag=develop-2025-03-30").get("count").asInt()).isZero();
      assertThat(json("/api/tags")).extracting(t -> t.get("name").asText()).containsExactly("develop-2025-01-05");
    } finally {
      server.swap(new MemoryView(full));
    }
  }

  @org.junit.jupiter.api.Test
  void headGzipAndConditionalRequestsFollowHttp() throws Exception {
    HttpResponse<Void> missing = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/spec/nonexistent/"))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    assertThat(missing.statusCode()).isEqualTo(404);
    HttpResponse<Void> home = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/"))
        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
    assertThat(home.statusCode()).isEqualTo(200);
    String etag = home.headers().firstValue("ETag").orElseThrow();
    assertThat(home.headers().firstValue("Content-Security-Policy")).isPresent();
    assertThat(get("/", "Accept-Encoding", "gzip;q=0").headers().firstValue("Content-Encoding")).isEmpty();
    assertThat(get("/", "If-None-Match", "W/" + etag).statusCode()).isEqualTo(304);
    assertThat(get("/", "If-None-Match", "\"other\", " + etag).statusCode()).isEqualTo(304);
  }

  @org.junit.jupiter.api.Test
  void theFaviconIsServedAndNamedByEveryPage() throws Exception {
    assertThat(get("/favicon.ico").statusCode()).isEqualTo(200);
    assertThat(get("/static/favicon.svg").headers().firstValue("Content-Type")).hasValue("image/svg+xml");
    assertThat(get("/").body()).contains("static/favicon.svg");
  }
}
