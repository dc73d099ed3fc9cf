package io.cachescope;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecretsTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "http://alice:S3CRET@host/mirror | http://host/mirror",
      "s3://key:secret@bucket/x | s3://bucket/x",
      "cannot read https://u@h/a/b: 404 | cannot read https://h/a/b: 404",
      "jdbc:postgresql://db/catalog?user=cs&password=hunter2&ssl=true | jdbc:postgresql://db/catalog?user=cs&password=***&ssl=true",
      "https://h/index.json?X-Amz-Signature=abc&X-Amz-Credential=def | https://h/index.json?X-Amz-Signature=***&X-Amz-Credential=***",
      "/plain/path/with@sign | /plain/path/with@sign",
      "mirror at build_cache/x@1.2-abc.spec.json | mirror at build_cache/x@1.2-abc.spec.json",
  })
  void credentialsAreRemovedAndTheRestKept(String text, String shown) {
    assertThat(Secrets.redact(text)).isEqualTo(shown);
  }

  @org.junit.jupiter.api.Test
  void theModelNeverHoldsCredentials() {
    var stack = new io.cachescope.catalog.Stack("e4s", "https://alice:S3CRET@host/e4s",
        Specs.index("https://alice:S3CRET@host/e4s", java.util.List.of()));
    assertThat(stack.url()).isEqualTo("https://host/e4s");
    assertThat(stack.index().url()).isEqualTo("https://host/e4s");
    assertThat(io.cachescope.mirror.Sources.ofMirrors(java.util.List.of("https://alice:S3CRET@host/e4s"), null)
        .tags().get(0).stacks().get(0).label()).isEqualTo("https://host/e4s");
  }

  @org.junit.jupiter.api.Test
  void errorsNameTheSourceWithoutItsPassword() {
    var e = new SourceException("jdbc:postgresql://127.0.0.1:1/x?password=S3CRET", "",
        "cannot open http://bob:pw@h/: refused");
    assertThat(e.getMessage()).doesNotContain("S3CRET").doesNotContain("bob:pw").contains("127.0.0.1:1/x");
  }

  @org.junit.jupiter.api.Test
  void aCatalogThatCannotBeOpenedSaysSoWithoutThePassword() {
    var r = io.cachescope.cli.CliRun.run("list", "-a", "--db", "jdbc:postgresql://127.0.0.1:1/x?user=u&password=S3CRET");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("cannot open the catalog").doesNotContain("S3CRET");
  }
}
