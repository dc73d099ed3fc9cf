package io.cachescope.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachescope.Cli;
import io.cachescope.Fixtures;
import io.cachescope.mirror.OciPush;
import io.cachescope.mirror.TestRegistry;
import io.cachescope.mirror.TokenService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The commands over OCI copies of Spack's fixture mirrors in a real registry: the same listing
 * and pages as the originals, with and without {@code index.spack}, and incremental ingest.
 */
class OciIT {

  static final String[] MIRRORS = {
    "fixtures/spack-v3/v3_migrated_unsigned",
    "fixtures/spack-v3/v3_migrated_signed",
    "fixtures/spack-testdata/mirrors/v2_layout/unsigned",
    "fixtures/spack-testdata/mirrors/v2_layout/signed",
  };

  @TempDir static Path dir;
  static TestRegistry registry;

  @BeforeAll
  static void push() throws Exception {
    registry = TestRegistry.anonymous(dir);
    for (int i = 0; i < MIRRORS.length; i++) {
      new OciPush(registry.hostPort, "cache/indexed-" + i, null).copyMirror(Fixtures.path(MIRRORS[i]), true);
      new OciPush(registry.hostPort, "cache/plain-" + i, null).copyMirror(Fixtures.path(MIRRORS[i]), false);
    }
  }

  @AfterAll
  static void stop() {
    if (registry != null) {
      registry.close();
    }
  }

  @ParameterizedTest
  @CsvSource({"0,indexed", "1,indexed", "2,indexed", "3,indexed", "0,plain", "1,plain", "2,plain", "3,plain"})
  void listingEqualsTheOriginalMirrors(int mirror, String kind) {
    CliRun.Result original = CliRun.run("list", "-a", "-l", "-v", "--mirror", Fixtures.path(MIRRORS[mirror]).toString());
    CliRun.Result oci = CliRun.run("list", "-a", "-l", "-v", "--cache-dir", dir.resolve("cache").toString(),
        "--mirror", registry.url("cache/" + kind + "-" + mirror));
    assertThat(oci.code()).as(oci.err()).isZero();
    assertThat(oci.out()).isEqualTo(original.out()).contains("libdwarf");
  }

  @Test
  void pagesFromAnOciTagAreTheSamePagesByteForByte() throws Exception {
    for (String kind : new String[] {"indexed", "plain"}) {
      Path a = dir.resolve("pages-original-" + kind);
      Path b = dir.resolve("pages-oci-" + kind);
      Path sources = dir.resolve("sources-" + kind + ".json");
      Path original = dir.resolve("original.json");
      Files.writeString(original, "{\"develop\": [{\"label\": \"root\", \"url\": \"" + Fixtures.path(MIRRORS[0]) + "\"}]}");
      Files.writeString(sources, "{\"develop\": [{\"label\": \"root\", \"url\": \"" + registry.url("cache/" + kind + "-0") + "\"}]}");
      CliRun.Result r1 = CliRun.run("pages", "--sizes", "--sources", original.toString(), "--out", a.toString());
      CliRun.Result r2 = CliRun.run("pages", "--sizes", "--sources", sources.toString(), "--out", b.toString(),
          "--cache-dir", dir.resolve("cache").toString());
      assertThat(r1.code()).as(r1.err()).isZero();
      assertThat(r2.code()).as(r2.err()).isZero();
      Map<String, String> pa = tree(a);
      assertThat(pa).isNotEmpty();
      assertThat(tree(b)).as(kind).isEqualTo(pa);
    }
  }

  @Test
  void anUnchangedOciMirrorIsNotReadAgainByIngest() {
    String db = dir.resolve("oci.db").toString();
    String url = registry.url("cache/indexed-0");
    CliRun.Result first = CliRun.run("ingest", "--mirror", url, "--db", db);
    CliRun.Result second = CliRun.run("ingest", "--mirror", url, "--db", db);
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(second.code()).as(second.err()).isZero();
    assertThat(first.out()).contains("1 stacks read").contains("0 unchanged");
    assertThat(second.out()).contains("0 stacks read").contains("1 unchanged");
    CliRun.Result plain = CliRun.run("ingest", "--mirror", registry.url("cache/plain-0"), "--db", db);
    CliRun.Result plainAgain = CliRun.run("ingest", "--mirror", registry.url("cache/plain-0"), "--db", db);
    assertThat(plain.out()).as(plain.err()).contains("1 stacks read");
    assertThat(plainAgain.out()).contains("0 stacks read").contains("1 unchanged");
  }

  @Test
  void anOciBuildSaysUnsignedOci() {
    CliRun.Result r = CliRun.run("list", "-a", "--json", "--mirror", registry.url("cache/indexed-1"));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("\"signature\" : \"unsigned (OCI)\"").doesNotContain("\"verified\"");
  }

  @Test
  void aLoginComesFromTheEnvironmentAndIsNeverPrinted(@TempDir Path tmp) throws Exception {
    try (TokenService tokens = new TokenService(false); TestRegistry secured = TestRegistry.withTokens(tmp, tokens)) {
      new OciPush(secured.hostPort, "private/cache", tokens.pushToken("private/cache"))
          .copyMirror(Fixtures.path(MIRRORS[0]), true);
      String url = secured.url("private/cache");
      ProcessBuilder ok = Cli.command("list", "-a", "-l", "-v", "--mirror", url,
          "--oci-username", TokenService.USER, "--oci-password-env", "REGISTRY_TOKEN");
      ok.environment().put("REGISTRY_TOKEN", TokenService.PASSWORD);
      Run good = run(ok);
      assertThat(good.code).as(good.err).isZero();
      assertThat(good.out).isEqualTo(CliRun.run("list", "-a", "-l", "-v", "--mirror", Fixtures.path(MIRRORS[0]).toString()).out());

      ProcessBuilder wrong = Cli.command("list", "-a", "--mirror", url,
          "--oci-username", TokenService.USER, "--oci-password-env", "REGISTRY_TOKEN");
      wrong.environment().put("REGISTRY_TOKEN", "not-the-password");
      Run bad = run(wrong);
      assertThat(bad.code).isEqualTo(1);
      assertThat(bad.err.strip().lines()).hasSize(1);
      assertThat(bad.err).contains(url.replace("oci+http://", "")).contains("token service").contains("401")
          .doesNotContain("not-the-password").doesNotContain("Exception");

      Run anonymous = run(Cli.command("list", "-a", "--mirror", url));
      assertThat(anonymous.code).isEqualTo(1);
      assertThat(anonymous.err).contains("private/cache").contains("--oci-username");

      Run unset = run(Cli.command("list", "-a", "--mirror", url, "--oci-username", "x", "--oci-password-env", "NO_SUCH_VARIABLE_X"));
      assertThat(unset.code).isEqualTo(1);
      assertThat(unset.err).contains("NO_SUCH_VARIABLE_X").contains("not set");
    }
  }

  record Run(int code, String out, String err) {}

  static Run run(ProcessBuilder pb) throws Exception {
    Path out = Files.createTempFile("oci-out", ".txt");
    Path err = Files.createTempFile("oci-err", ".txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertThat(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  static Map<String, String> tree(Path root) throws Exception {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        files.put(root.relativize(p).toString(), new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
      }
    }
    return files;
  }
}
