package io.cachescope.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class InstallStepsTest {

  private static List<String> commands(InstallSteps steps) {
    return steps.steps().stream().map(InstallSteps.Step::command).toList();
  }

  @Test
  void aSignedMirrorIsAddedThenItsKeysTrustedThenTheSpecInstalled() {
    Mirror m = new Mirror("spack-v1.0.0", "https://binaries.spack.io/v1.0.0", true);
    assertThat(commands(InstallSteps.of(m, "/jr3yipyxyjulcdvckwwwjrrumis7glpa"))).containsExactly(
        "spack mirror add spack-v1.0.0 https://binaries.spack.io/v1.0.0",
        "spack buildcache keys --install --trust",
        "spack install /jr3yipyxyjulcdvckwwwjrrumis7glpa");
  }

  @Test
  void anUnsignedMirrorIsAddedUnsignedAndHasNoKeysToTrust() {
    Mirror m = new Mirror("spack-mirror", "file:///srv/mirror", false);
    assertThat(commands(InstallSteps.of(m, "zlib@1.3"))).containsExactly(
        "spack mirror add --unsigned spack-mirror file:///srv/mirror",
        "spack install zlib@1.3");
  }

  @Test
  void valuesFromAnIndexAreOneShellWordEach() {
    Mirror m = new Mirror(Mirror.nameFor("x;rm -rf ~"), "https://h/$(touch /tmp/x)", false);
    List<String> c = commands(InstallSteps.of(m, "/abcdefgh$(touch${IFS}/tmp/x)"));
    assertThat(c.get(0)).isEqualTo("spack mirror add --unsigned spack-x-rm--rf-- 'https://h/$(touch /tmp/x)'");
    assertThat(c.get(1)).isEqualTo("spack install '/abcdefgh$(touch${IFS}/tmp/x)'");
    assertThat(Shell.quote("it's")).isEqualTo("'it'\\''s'");
    assertThat(Shell.quote("")).isEqualTo("''");
  }

  @org.junit.jupiter.api.Test
  void aShellRunningTheCopiedCommandsPassesTheHostileValuesAsPlainArguments(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
    java.nio.file.Path marker = tmp.resolve("pwned");
    String evil = "/abc$(touch " + marker + ");touch " + marker + "`touch " + marker + "`";
    Mirror m = new Mirror(Mirror.nameFor("v1"), "https://h/'$(touch " + marker + ")'", true);
    for (String command : commands(InstallSteps.of(m, evil))) {
      // A stand-in spack prints its arguments one per line.
      Process p = new ProcessBuilder("sh", "-c", "spack() { printf '%s\\n' \"$@\"; }; " + command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(p.waitFor()).as(out).isZero();
      if (command.startsWith("spack install")) {
        assertThat(out).isEqualTo("install\n" + evil + "\n");
      }
    }
    assertThat(marker).doesNotExist();
  }
}
