package io.cachescope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachescope.Fixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code cachescope list} against real Spack output for Spack's own fixture mirrors. */
class ListCommandTest {

  static CliRun.Result run(String... args) {
    return CliRun.run(args);
  }

  static String golden() {
    return Fixtures.read("fixtures/spack-v3/golden_buildcache_list_a_l_v.txt");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "fixtures/spack-v3/v3_migrated_unsigned",
        "fixtures/spack-v3/v3_migrated_signed",
        "fixtures/spack-testdata/mirrors/v2_layout/unsigned",
        "fixtures/spack-testdata/mirrors/v2_layout/signed",
      })
  void reproducesSpackBuildcacheListForEachFixtureMirror(String mirror) {
    CliRun.Result r = run("list", "-a", "-l", "-v", "--mirror", Fixtures.path(mirror).toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(golden());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "v3/manifests/index/index.manifest.json",
        "build_cache/index.json",
      })
  void eachLayoutOfAMixedMirrorAloneGivesTheSameListing(String indexFile) {
    Path root = Fixtures.path("fixtures/spack-v3/v3_migrated_signed");
    CliRun.Result r = run("list", "-a", "-l", "-v", "--mirror", root.resolve(indexFile).toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(golden());
  }

  @org.junit.jupiter.api.Test
  void bothMirrorsTogetherAsSpackWasConfiguredForTheGolden() {
    CliRun.Result r =
        run(
            "list", "-a", "-l", "-v",
            "--mirror", Fixtures.path("fixtures/spack-v3/v3_migrated_signed").toString(),
            "--mirror", Fixtures.path("fixtures/spack-v3/v3_migrated_unsigned").toString());
    assertThat(r.out()).isEqualTo(golden());
  }

  @org.junit.jupiter.api.Test
  void veryLongHashesWithNamespaces() {
    CliRun.Result r =
        run("list", "-a", "-L", "-N", "--mirror",
            Fixtures.path("fixtures/spack-v3/v3_migrated_unsigned").toString());
    assertThat(r.out()).contains("jr3yipyxyjulcdvckwwwjrrumis7glpa builtin_mock.libelf@0.8.13\n");
  }

  @org.junit.jupiter.api.Test
  void legacyMirrorsWithoutIndexListTheirSpecFiles() {
    CliRun.Result yaml =
        run("list", "-a", "-l", "-v", "--mirror",
            Fixtures.path("fixtures/spack-testdata/mirrors/legacy_yaml").toString());
    assertThat(yaml.out())
        .isEqualTo(
            "-- test-debian6-core2 / %gcc@=4.5.0 -----------------------------\n"
                + "t5mczux zlib@1.2.11+optimize+pic+shared\n");
    CliRun.Result layout0 =
        run("list", "-a", "-l", "--mirror",
            Fixtures.path("fixtures/spack-testdata-v0.23.1/mirrors/legacy_layout").toString());
    assertThat(layout0.out()).endsWith("l3vdiqv archive-files@2.0\n");
  }

  @org.junit.jupiter.api.Test
  void packageNamesFilterTheListing() {
    CliRun.Result r =
        run("list", "-a", "--mirror",
            Fixtures.path("fixtures/spack-v3/v3_migrated_unsigned").toString(), "libelf");
    List<String> specLines = new ArrayList<>();
    for (String line : r.out().split("\n")) {
      if (!line.startsWith("--") && !line.isEmpty()) {
        specLines.add(line);
      }
    }
    assertThat(specLines).containsExactly("libelf@0.8.13", "libelf@0.8.13");
  }

  @org.junit.jupiter.api.Test
  void aMissingMirrorIsAOneLineErrorWithExitCodeOne() {
    CliRun.Result r = run("list", "-a", "--mirror", "/nonexistent/mirror");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().strip()).startsWith("cachescope: error: /nonexistent/mirror").doesNotContain("\n");
  }

  @org.junit.jupiter.api.Test
  void requireSignedFailsOnUnsignedMirrorsAndPassesOnVerifiedOnes() {
    CliRun.Result unsigned = run("list", "-a", "--require-signed", "--mirror",
        Fixtures.path("fixtures/spack-v3/v3_migrated_unsigned").toString());
    assertThat(unsigned.code()).isEqualTo(1);
    assertThat(unsigned.err()).contains("--require-signed").contains("unsigned");
    CliRun.Result signed = run("list", "-a", "-l", "-v", "--require-signed", "--mirror",
        Fixtures.path("fixtures/spack-v3/v3_migrated_signed").toString());
    assertThat(signed.code()).as(signed.err()).isZero();
    assertThat(signed.out()).isEqualTo(golden());
  }

  /** docs/spack-order.md: one quoted argument combines its parts; separate arguments are OR-ed. */
  @org.junit.jupiter.api.Test
  void constraintsAreOneArgumentEachAsInSpack() {
    String mirror = Fixtures.path("fixtures/spack-v3/v3_migrated_unsigned").toString();
    CliRun.Result combined = run("list", "-a", "--mirror", mirror, "libelf target=m1");
    assertThat(combined.out())
        .isEqualTo("-- test-debian6-m1 / %c=gcc@10.2.1 ------------------------------\nlibelf@0.8.13\n");
    CliRun.Result either = run("list", "-a", "-l", "--mirror", mirror, "libelf", "target=m1");
    assertThat(either.out()).contains("rqh2vuf libelf@0.8.13", "jr3yipy libelf@0.8.13", "u5uz3dc libdwarf@20130729")
        .doesNotContain("sk2gqqz");
    CliRun.Result host = run("list", "-l", "--host", "platform=test os=debian6 target=m1", "--mirror", mirror);
    assertThat(host.out()).contains("vd7v4ss gcc@10.2.1", "jr3yipy libelf@0.8.13").doesNotContain("core2");
    CliRun.Result bad = run("list", "-a", "--mirror", mirror, "libelf@@1");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).contains("libelf@@1\n       ^");
  }

  @org.junit.jupiter.api.Test
  void aCatalogWrittenByIngestListsAsTheMirrorsDo(@org.junit.jupiter.api.io.TempDir Path tmp) {
    String db = tmp.resolve("c.db").toString();
    String signed = Fixtures.path("fixtures/spack-v3/v3_migrated_signed").toString();
    CliRun.Result ingest = run("ingest", "--mirror", signed, "--db", db);
    assertThat(ingest.code()).as(ingest.err()).isZero();
    CliRun.Result fromDb = run("list", "-a", "-l", "-v", "--db", db);
    assertThat(fromDb.code()).as(fromDb.err()).isZero();
    assertThat(fromDb.out()).isEqualTo(golden());
  }

  @org.junit.jupiter.api.Test
  void aReingestWithVerifyIsWhatListSays(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    String db = tmp.resolve("c.db").toString();
    String signed = Fixtures.path("fixtures/spack-v3/v3_migrated_signed").toString();
    assertThat(run("ingest", "--mirror", signed, "--db", db).code()).isZero();
    assertThat(signers(run("list", "-a", "--json", "--db", db).out())).containsOnly("unverified null");
    assertThat(run("ingest", "--mirror", signed, "--db", db, "--verify").code()).isZero();
    assertThat(signers(run("list", "-a", "--json", "--db", db).out())).containsOnly("verified 8272A1555C46DFB0B68315E112DF5F2E30831FA1");
  }

  @org.junit.jupiter.api.Test
  void removedAndMisusedOptionsAreOneLineErrors(@org.junit.jupiter.api.io.TempDir Path tmp) {
    String mirror = Fixtures.path("fixtures/spack-v3/v3_migrated_unsigned").toString();
    CliRun.Result into = run("ingest", "--mirror", mirror, "--db", tmp.resolve("a.db").toString(), "--into", tmp.resolve("b.db").toString());
    assertThat(into.code()).isEqualTo(1);
    assertThat(into.err()).contains("--into").hasLineCount(1);
    CliRun.Result nothing = run("ingest", "--db", tmp.resolve("a.db").toString());
    assertThat(nothing.code()).isEqualTo(1);
    assertThat(nothing.err()).contains("nothing to read");
    CliRun.Result diffTag = run("diff", "a", "b", "--tag", "a", "--mirror", mirror);
    assertThat(diffTag.code()).isEqualTo(1);
    assertThat(diffTag.err()).contains("--tag does not apply");
  }

  @org.junit.jupiter.api.Test
  void theSignaturePolicyHoldsOnAnUnchangedMirror(@org.junit.jupiter.api.io.TempDir Path tmp) {
    String db = tmp.resolve("c.db").toString();
    String unsigned = Fixtures.path("fixtures/spack-v3/v3_migrated_unsigned").toString();
    assertThat(run("ingest", "--mirror", unsigned, "--db", db).code()).isZero();
    CliRun.Result strict = run("ingest", "--mirror", unsigned, "--db", db, "--require-signed");
    assertThat(strict.code()).as(strict.out()).isEqualTo(1);
    assertThat(strict.err()).contains("--require-signed");
    assertThat(run("ingest", "--mirror", unsigned, "--db", db, "--require-signed").code()).as("and again").isEqualTo(1);
  }

  @org.junit.jupiter.api.Test
  void aMissingCatalogIsAnErrorAndNotCreated(@org.junit.jupiter.api.io.TempDir Path tmp) {
    Path typo = tmp.resolve("typo.db");
    CliRun.Result r = run("list", "-a", "--db", typo.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("no such catalog");
    assertThat(typo).doesNotExist();
    CliRun.Result url = run("list", "-a", "--db", "postgres://u:pw@host/db");
    assertThat(url.err()).contains("jdbc:postgresql://").doesNotContain("u:pw");
  }

  @org.junit.jupiter.api.Test
  void tagsTheSourcesDroppedAreKeptUntilPruned(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    String db = tmp.resolve("c.db").toString();
    String m = Fixtures.path("fixtures/spack-v3/v3_migrated_unsigned").toString();
    Path both = java.nio.file.Files.writeString(tmp.resolve("both.json"),
        "{\"old\": [{\"label\": \"root\", \"url\": \"" + m + "\"}], \"new\": [{\"label\": \"root\", \"url\": \"" + m + "\"}]}");
    Path one = java.nio.file.Files.writeString(tmp.resolve("one.json"),
        "{\"new\": [{\"label\": \"root\", \"url\": \"" + m + "\"}]}");
    assertThat(run("ingest", "--sources", both.toString(), "--db", db).code()).isZero();
    CliRun.Result kept = run("ingest", "--sources", one.toString(), "--db", db);
    assertThat(kept.err()).contains("kept 1 tags the sources no longer name (--prune drops them): old");
    assertThat(run("list", "-a", "--tag", "old", "--db", db).code()).isZero();
    CliRun.Result pruned = run("ingest", "--sources", one.toString(), "--db", db, "--prune", "--vacuum");
    assertThat(pruned.code()).isZero();
    assertThat(pruned.err()).contains("pruned 1 tags").contains("old");
    assertThat(run("list", "-a", "--tag", "old", "--db", db).err()).contains("no such tag in the catalog");
  }

  @org.junit.jupiter.api.Test
  void aGzipBombStopsAtTheInflateLimit(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    Path index = java.nio.file.Files.createDirectories(tmp.resolve("m/build_cache")).resolve("index.json");
    try (var gz = new java.util.zip.GZIPOutputStream(java.nio.file.Files.newOutputStream(index))) {
      byte[] spaces = new byte[1 << 20];
      java.util.Arrays.fill(spaces, (byte) ' ');
      for (int i = 0; i < 3; i++) {
        gz.write(spaces); // 3 MiB of whitespace: valid JSON so far, and 3 KB on disk
      }
    }
    CliRun.Result r = run("list", "-a", "--mirror", tmp.resolve("m").toString(), "--max-index-size", "1");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("index.json").contains("larger than 1 MiB once inflated").hasLineCount(1);
  }

  /** Index values reach a terminal escaped: an escape sequence in a variant value is shown, not sent. */
  @org.junit.jupiter.api.Test
  void controlCharactersInIndexValuesArePrintedEscaped(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    Path index = java.nio.file.Files.createDirectories(tmp.resolve("m/build_cache")).resolve("index.json");
    String hash = "abcdefghijklmnopqrstuvwxyz234567";
    java.nio.file.Files.writeString(index, "{\"database\":{\"version\":\"8\",\"installs\":{\"" + hash
        + "\":{\"spec\":{\"name\":\"zlib\",\"version\":\"1.3\",\"arch\":{\"platform\":\"linux\","
        + "\"platform_os\":\"ubuntu24.04\",\"target\":\"x86_64\"},\"namespace\":\"builtin\","
        + "\"parameters\":{\"note\":\"a\\u001b[2Jb\"},\"hash\":\"" + hash + "\"},\"in_buildcache\":true}}}}");
    CliRun.Result r = run("list", "-a", "-l", "-v", "--mirror", tmp.resolve("m").toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("zlib@1.3").contains("note='a\\u001b[2Jb'").doesNotContain("\u001b");
  }

  /** The in-cache specs of a {@code list --json}: signature and signer. */
  private static List<String> signers(String json) throws Exception {
    List<String> out = new ArrayList<>();
    for (var spec : new com.fasterxml.jackson.databind.ObjectMapper().readTree(json)) {
      if (spec.get("in_buildcache").asBoolean()) {
        out.add(spec.get("signature").asText() + " " + spec.get("signer").asText());
      }
    }
    return out;
  }

  @org.junit.jupiter.api.Test
  void withTrustedKeysOnlyThoseKeysVerify(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    String signed = Fixtures.path("fixtures/spack-v3/v3_migrated_signed").toString();
    String mirrorKey = "8272A1555C46DFB0B68315E112DF5F2E30831FA1";
    // Without --trusted-keys, the mirror's own key verifies, and the page says which key.
    assertThat(signers(run("list", "-a", "--json", "--verify", "--mirror", signed).out()))
        .hasSize(6).containsOnly("verified " + mirrorKey);
    Path other = java.nio.file.Files.writeString(tmp.resolve("other.txt"), "# not the mirror's key\n" + "AB".repeat(20) + "\n");
    assertThat(signers(run("list", "-a", "--json", "--verify", "--trusted-keys", other.toString(), "--mirror", signed).out()))
        .hasSize(6).containsOnly("unverified null");
    Path mine = java.nio.file.Files.writeString(tmp.resolve("mine.txt"), mirrorKey.substring(0, 20) + " " + mirrorKey.substring(20) + "\n");
    assertThat(signers(run("list", "-a", "--json", "--verify", "--trusted-keys", mine.toString(), "--mirror", signed).out()))
        .containsOnly("verified " + mirrorKey);
    CliRun.Result strict = run("list", "-a", "--require-signed", "--trusted-keys", other.toString(), "--mirror", signed);
    assertThat(strict.code()).isEqualTo(1);
    CliRun.Result bad = run("list", "-a", "--trusted-keys", tmp.resolve("none").toString(), "--mirror", signed);
    assertThat(bad.err()).contains("no such file or folder of trusted keys");
  }
}
