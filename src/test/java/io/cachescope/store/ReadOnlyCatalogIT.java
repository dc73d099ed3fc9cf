package io.cachescope.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.cachescope.Fixtures;
import io.cachescope.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A catalog nobody may write (a read-only file system as root, as in CI; permissions
 * otherwise) is read read-only, never migrated, and lists as it did.
 */
class ReadOnlyCatalogIT {

  @TempDir Path tmp;
  Path mounted;

  private static boolean run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  @AfterEach
  void unmount() throws Exception {
    if (mounted != null) {
      run("umount", mounted.toString());
    }
  }

  @Test
  void aReadOnlyCatalogIsReadAsItIs() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("ro"));
    boolean root = "root".equals(System.getProperty("user.name"));
    if (root) {
      assertThat(run("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", dir.toString())).as("mount a tmpfs").isTrue();
      mounted = dir;
    }
    String db = dir.resolve("catalog.db").toString();
    String mirror = Fixtures.path("fixtures/spack-v3/v3_migrated_signed").toString();
    assertThat(CliRun.run("ingest", "--mirror", mirror, "--db", db).code()).isZero();
    String expected = CliRun.run("list", "-a", "-l", "-v", "--db", db).out();
    if (root) {
      assertThat(run("mount", "-o", "remount,ro", dir.toString())).as("remount read-only").isTrue();
    } else {
      Files.setPosixFilePermissions(Path.of(db), PosixFilePermissions.fromString("r--r--r--"));
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
    }
    CliRun.Result r = CliRun.run("list", "-a", "-l", "-v", "--db", db);
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(expected).contains("libelf@0.8.13");
    if (!root) {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }
}
