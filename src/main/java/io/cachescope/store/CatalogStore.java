package io.cachescope.store;

import io.cachescope.SourceException;
import io.cachescope.catalog.BuildCacheIndex;
import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Dependency;
import io.cachescope.catalog.Membership;
import io.cachescope.catalog.PackageSummary;
import io.cachescope.catalog.SpecFormat;
import io.cachescope.catalog.TagContents;
import io.cachescope.catalog.TagSummary;
import io.cachescope.catalog.SignatureState;
import io.cachescope.catalog.Stack;
import io.cachescope.catalog.Tag;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.flywaydb.core.Flyway;

/**
 * The catalog database: an SQLite file by default, PostgreSQL when several servers share one.
 * Specs are stored once by hash; each (tag, stack) points at a generation of memberships, and a
 * publish writes new rows and switches the pointers in one transaction, so readers see the old
 * catalog or the new one, never a mix, and a killed ingest leaves the old one intact.
 */
public final class CatalogStore implements AutoCloseable {

  /** The two engines; only connection set-up differs, the SQL is shared. */
  public enum Engine {
    SQLITE,
    POSTGRESQL
  }

  private static final int BATCH = 2_000;

  private final String url;
  private final String jdbcUrl;
  private final Engine engine;
  private final Connection connection;

  private CatalogStore(String url, String jdbcUrl, Engine engine, Connection connection) {
    this.url = url;
    this.jdbcUrl = jdbcUrl;
    this.engine = engine;
    this.connection = connection;
  }

  /**
   * Opens (and migrates) the catalog at {@code db}: {@code jdbc:sqlite:PATH}, {@code
   * jdbc:postgresql://...}, or a plain file path for SQLite.
   */
  public static CatalogStore open(String db) {
    refuseUrlsThatAreNotJdbc(db);
    String url = db.startsWith("jdbc:") ? db : "jdbc:sqlite:" + Path.of(db).toAbsolutePath();
    if (url.startsWith("jdbc:sqlite:") && !url.contains("busy_timeout")) {
      // On every connection, Flyway's too: a second writer waits for the first instead of failing.
      url += (url.contains("?") ? "&" : "?") + "busy_timeout=30000";
    }
    Engine engine = url.startsWith("jdbc:postgresql:") ? Engine.POSTGRESQL : Engine.SQLITE;
    if (engine == Engine.POSTGRESQL && !url.contains("reWriteBatchedInserts")) {
      // pgjdbc sends a batch as multi-row INSERTs only when asked: much faster ingests.
      url += (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
    }
    if (!url.startsWith("jdbc:sqlite:") && engine != Engine.POSTGRESQL) {
      throw new SourceException(db, "", "unsupported database (use an SQLite file or jdbc:postgresql://...)");
    }
    for (int attempt = 1; ; attempt++) {
      try {
        return openOnce(db, url, engine);
      } catch (SQLException | RuntimeException e) {
        // A fresh SQLite file migrated by two writers at once: one waits and tries again.
        if (engine == Engine.SQLITE && isBusy(e) && attempt < BUSY_ATTEMPTS) {
          sleep(attempt);
          continue;
        }
        throw new SourceException(db, "", "cannot open the catalog: " + rootMessage(e), e);
      }
    }
  }

  /** Writers of one process migrate one at a time; PostgreSQL's Flyway also takes an advisory lock. */
  private static final Object MIGRATION = new Object();

  private static CatalogStore openOnce(String db, String url, Engine engine) throws SQLException {
    Connection c = DriverManager.getConnection(url);
    try {
      if (engine == Engine.SQLITE) {
        try (Statement s = c.createStatement()) {
          // WAL (set before migrating) lets a server read while an ingest writes.
          s.execute("PRAGMA journal_mode=WAL");
          s.execute("PRAGMA synchronous=NORMAL");
          // Specs and memberships are keyed by random hashes: a page cache that holds the hot
          // part of those B-trees makes bulk inserts several times faster (SQLite's default is 2 MB).
          s.execute("PRAGMA cache_size=-131072");
          s.execute("PRAGMA temp_store=MEMORY");
        }
      }
      synchronized (MIGRATION) {
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration").load().migrate();
      }
      c.setAutoCommit(false);
      CatalogStore store = new CatalogStore(db, url, engine, c); // errors name the catalog as the user gave it
      store.summarizeWhereMissing();
      return store;
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  private static void refuseUrlsThatAreNotJdbc(String db) {
    if (!db.startsWith("jdbc:") && db.contains("://")) {
      throw new SourceException(db, "", "not a catalog address: give an SQLite file path or jdbc:postgresql://host/db?user=...");
    }
  }

  /**
   * Opens a catalog that must exist already (for commands that only read it): a missing SQLite
   * file is an error, not a new empty catalog.
   */
  public static CatalogStore openExisting(String db) {
    refuseUrlsThatAreNotJdbc(db);
    String path = db.startsWith("jdbc:sqlite:") ? db.substring("jdbc:sqlite:".length()).replaceFirst("\\?.*$", "")
        : db.startsWith("jdbc:") ? null : db;
    if (path != null && !java.nio.file.Files.isRegularFile(Path.of(path))) {
      throw new SourceException(db, "", "no such catalog (write one with: cachescope ingest --sources FILE --db " + db + ")");
    }
    if (path != null) {
      Path file = Path.of(path).toAbsolutePath();
      if (!java.nio.file.Files.isWritable(file) || !java.nio.file.Files.isWritable(file.getParent())) {
        return openReadOnly(db, file);
      }
    }
    return open(db);
  }

  /** The newest migration in {@code db/migration}; a reader that cannot migrate needs it applied. */
  static final int SCHEMA_VERSION = 5;

  /**
   * A catalog on read-only storage (or another user's): opened read-only and never migrated, as
   * long as its schema is current.
   */
  private static CatalogStore openReadOnly(String db, Path file) {
    try {
      String readOnly = "jdbc:sqlite:file:" + file + "?mode=ro&immutable=1";
      Connection c = DriverManager.getConnection(readOnly);
      int version;
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT MAX(CAST(version AS INTEGER)) FROM flyway_schema_history WHERE success = 1")) {
        version = rs.next() ? rs.getInt(1) : 0;
      }
      if (version != SCHEMA_VERSION) {
        c.close();
        throw new SourceException(db, "", "read-only catalog of schema " + version + " (this cachescope reads "
            + SCHEMA_VERSION + "); run ingest once with write access to migrate it");
      }
      c.setAutoCommit(false);
      return new CatalogStore(db, readOnly, Engine.SQLITE, c);
    } catch (SQLException e) {
      throw new SourceException(db, "", "cannot open the read-only catalog: " + rootMessage(e), e);
    }
  }

  public Engine engine() {
    return engine;
  }

  /** The JDBC URL this catalog was opened with, for more connections to it. */
  String readUrl() {
    return jdbcUrl;
  }

  // -----------------------------------------------------------------------------------------
  // Writing

  /** The fingerprint of the published generation of (tag, stack), if any. */
  public Optional<String> fingerprint(String tag, String stack) {
    return query(
        "SELECT g.fingerprint FROM published p JOIN generations g ON g.id = p.generation WHERE p.tag = ? AND p.stack = ?",
        rs -> rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.<String>empty(),
        tag, stack);
  }

  /** Stack labels currently published for a tag, in order. */
  public List<String> stacks(String tag) {
    return query("SELECT stack FROM published WHERE tag = ? ORDER BY position",
        rs -> {
          List<String> out = new ArrayList<>();
          while (rs.next()) {
            out.add(rs.getString(1));
          }
          return out;
        }, tag);
  }

  /** A stack that was read, with the fingerprint of what it was read from. */
  public record ReadStack(Stack stack, String fingerprint) {}

  /**
   * Publishes a tag: {@code changed} stacks get new generations, {@code order} is every stack of
   * the tag in source order (unchanged ones keep their generation), stacks not in {@code order}
   * are dropped. One transaction: all of it, or (on any failure) nothing.
   */
  public void publish(String tag, int tagPosition, List<ReadStack> changed, List<String> order) {
    for (int attempt = 1; ; attempt++) {
      try {
        publishOnce(tag, tagPosition, changed, order);
        return;
      } catch (SourceException e) {
        // Another writer held SQLite's write lock past the busy timeout: wait and try again.
        if (!isBusy(e) || attempt >= BUSY_ATTEMPTS) {
          throw e;
        }
        sleep(attempt);
      }
    }
  }

  private static final int BUSY_ATTEMPTS = 20;

  private static boolean isBusy(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String m = String.valueOf(t.getMessage());
      if (m.contains("SQLITE_BUSY") || m.contains("database is locked")) {
        return true;
      }
    }
    return false;
  }

  private static void sleep(int attempt) {
    try {
      Thread.sleep(Math.min(2_000, 50L * attempt * attempt));
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", ie);
    }
  }

  private void publishOnce(String tag, int tagPosition, List<ReadStack> changed, List<String> order) {
    try {
      if (changed.isEmpty() && publishedStacks(tag).equals(order) && hasSummary(tag)) {
        connection.commit(); // nothing changed: no new generation, nothing to summarize again
        return;
      }
      Set<String> known = new HashSet<>();
      // The counter first: on PostgreSQL its row lock orders concurrent publishes.
      long next = reserveGenerations(changed.size());
      upsertTag(tag, tagPosition);
      for (ReadStack read : changed) {
        writeSpecs(read.stack().index(), known);
        long generation = next++;
        writeGeneration(generation, tag, read);
        point(tag, read.stack().label(), order.indexOf(read.stack().label()), generation);
      }
      try (PreparedStatement reorder = connection.prepareStatement("UPDATE published SET position = ? WHERE tag = ? AND stack = ?");
          PreparedStatement drop = connection.prepareStatement("DELETE FROM published WHERE tag = ? AND stack = ?")) {
        for (String stack : publishedStacks(tag)) {
          int pos = order.indexOf(stack);
          if (pos < 0) {
            drop.setString(1, tag);
            drop.setString(2, stack);
            drop.executeUpdate();
          } else {
            reorder.setInt(1, pos);
            reorder.setString(2, tag);
            reorder.setString(3, stack);
            reorder.executeUpdate();
          }
        }
      }
      // Every stack just read (a new tag, or all of it changed): summarize what is in memory.
      boolean whole = changed.stream().map(r -> r.stack().label()).toList().equals(order);
      summarize(tag, whole ? new Tag(tag, changed.stream().map(ReadStack::stack).toList()) : null, false);
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      rollback();
      if (e instanceof SourceException se) {
        throw se;
      }
      throw new SourceException(url, "tag " + tag, "cannot publish: " + rootMessage(e), e);
    }
  }

  /** The stacks published for a tag, inside the current transaction (no commit). */
  private List<String> publishedStacks(String tag) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement s = connection.prepareStatement("SELECT stack FROM published WHERE tag = ? ORDER BY position")) {
      s.setString(1, tag);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  /**
   * Writes what the pages list of a tag (its summary, its package summaries, the compilers of
   * specs stored before they were kept), in the caller's transaction: the same one that
   * publishes the tag, so readers see summaries and contents change together.
   */
  private boolean hasSummary(String tag) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement("SELECT 1 FROM tag_summaries WHERE tag = ?")) {
      s.setString(1, tag);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next();
      }
    }
  }

  /**
   * {@code known}: the tag as just published, when the caller has all of it; else it is read
   * back. {@code heal}: also give compilers to its specs stored before they were kept.
   */
  private void summarize(String tag, Tag known, boolean heal) throws SQLException {
    try (PreparedStatement a = connection.prepareStatement("DELETE FROM tag_summaries WHERE tag = ?");
        PreparedStatement b = connection.prepareStatement("DELETE FROM package_summaries WHERE tag = ?")) {
      a.setString(1, tag);
      a.executeUpdate();
      b.setString(1, tag);
      b.executeUpdate();
    }
    Optional<Tag> loaded = known != null ? Optional.of(known) : readTag(tag, null);
    if (loaded.isEmpty()) {
      return;
    }
    TagContents contents = new TagContents(loaded.get(), loaded.get().union()::get);
    TagSummary t = contents.summary();
    try (PreparedStatement s = connection.prepareStatement(
        "INSERT INTO tag_summaries (tag, stacks, packages, specs, platforms, oss, targets, mirror_url, signed) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      s.setString(1, tag);
      s.setString(2, SpecRows.strings(t.stacks()));
      s.setInt(3, t.packages());
      s.setInt(4, t.specs());
      s.setString(5, SpecRows.strings(t.platforms()));
      s.setString(6, SpecRows.strings(t.oss()));
      s.setString(7, SpecRows.strings(t.targets()));
      s.setString(8, t.mirrorUrl());
      s.setInt(9, t.signed() ? 1 : 0);
      s.executeUpdate();
    }
    try (PreparedStatement s = connection.prepareStatement(
        "INSERT INTO package_summaries (tag, name, builds, versions, compilers, oss, targets, stacks) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
        PreparedStatement missing = connection.prepareStatement(
            "SELECT s.hash FROM published p JOIN memberships m ON m.generation = p.generation JOIN specs s ON s.hash = m.hash "
                + "WHERE p.tag = ? AND s.compilers IS NULL");
        PreparedStatement update = connection.prepareStatement("UPDATE specs SET compilers = ? WHERE hash = ?")) {
      int pending = 0;
      for (PackageSummary p : contents.packages().values()) {
        s.setString(1, tag);
        s.setString(2, p.name());
        s.setInt(3, p.builds());
        s.setString(4, SpecRows.strings(p.versions()));
        s.setString(5, SpecRows.strings(p.compilers()));
        s.setString(6, SpecRows.strings(p.oss()));
        s.setString(7, SpecRows.strings(p.targets()));
        s.setString(8, SpecRows.strings(p.stacks()));
        s.addBatch();
        if (++pending >= BATCH) {
          s.executeBatch();
          pending = 0;
        }
      }
      s.executeBatch();
      if (!heal) {
        return;
      }
      // Specs written before compilers were stored (schema 4) get them now.
      missing.setString(1, tag);
      pending = 0;
      try (ResultSet rs = missing.executeQuery()) {
        while (rs.next()) {
          ConcreteSpec spec = contents.union().get(rs.getString(1));
          update.setString(1, SpecFormat.compilers(spec, contents.union()::get));
          update.setString(2, spec.hash());
          update.addBatch();
          if (++pending >= BATCH) {
            update.executeBatch();
            pending = 0;
          }
        }
      }
      update.executeBatch();
    }
  }

  /**
   * Counts what the home page shows of the whole catalog (distinct in-cache specs), once an
   * ingest has published every tag: too slow to count per request at a million specs.
   */
  public void count() {
    try (Statement s = connection.createStatement()) {
      s.executeUpdate("DELETE FROM catalog_counts WHERE name = 'specs'");
      s.executeUpdate("INSERT INTO catalog_counts (name, value) SELECT 'specs', COUNT(DISTINCT m.hash) FROM published p "
          + "JOIN memberships m ON m.generation = p.generation WHERE m.in_buildcache = 1");
      connection.commit();
    } catch (SQLException e) {
      rollback();
      throw new SourceException(url, "", "cannot count the catalog: " + rootMessage(e), e);
    }
  }

  /**
   * A catalog written before summaries were kept (schema 4) gets them on its first writable
   * open, so a server started on it reads them like any other.
   */
  private void summarizeWhereMissing() {
    try {
      List<String> missing = new ArrayList<>();
      try (Statement s = connection.createStatement();
          ResultSet rs = s.executeQuery("SELECT DISTINCT tag FROM published WHERE tag NOT IN (SELECT tag FROM tag_summaries)")) {
        while (rs.next()) {
          missing.add(rs.getString(1));
        }
      }
      boolean counted;
      try (Statement s = connection.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM catalog_counts WHERE name = 'specs'")) {
        counted = rs.next() && rs.getInt(1) > 0;
      }
      for (String tag : missing) {
        summarize(tag, null, true);
        connection.commit();
      }
      if (!missing.isEmpty() || !counted) {
        count();
      }
      connection.commit();
    } catch (SQLException e) {
      rollback();
      throw new SourceException(url, "", "cannot summarize the catalog: " + rootMessage(e), e);
    }
  }

  private void upsertTag(String tag, int position) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(
        "INSERT INTO tags (name, snapshot_date, position) VALUES (?, ?, ?) "
            + "ON CONFLICT (name) DO UPDATE SET position = excluded.position")) {
      s.setString(1, tag);
      s.setString(2, Tag.snapshotDate(tag));
      s.setInt(3, position);
      s.executeUpdate();
    }
  }

  /** Reserves {@code n} generation ids; returns the first. */
  private long reserveGenerations(int n) throws SQLException {
    try (PreparedStatement up = connection.prepareStatement("UPDATE counters SET value = value + ? WHERE name = 'generation'")) {
      up.setInt(1, n);
      up.executeUpdate();
    }
    try (Statement q = connection.createStatement(); ResultSet rs = q.executeQuery("SELECT value FROM counters WHERE name = 'generation'")) {
      rs.next();
      return rs.getLong(1) - n + 1;
    }
  }

  private void writeSpecs(BuildCacheIndex index, Set<String> known) throws SQLException {
    Set<String> existing = existingHashes(index);
    try (PreparedStatement spec = connection.prepareStatement(
            "INSERT INTO specs (hash, name, version, namespace, platform, os, target, legacy_compiler, variants, flags, "
                + "external, external_path, specfile_version, package_hash, compilers) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (hash) DO NOTHING");
        PreparedStatement dep = connection.prepareStatement(
            "INSERT INTO dependencies (hash, position, dep_name, dep_hash, deptypes, virtuals) VALUES (?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (hash, position) DO NOTHING")) {
      int pending = 0;
      for (ConcreteSpec s : index.all()) {
        if (existing.contains(s.hash()) || !known.add(s.hash())) {
          continue;
        }
        if (s.hash() == null || s.name() == null) {
          throw new SourceException(index.url(), "", "a record without hash or name");
        }
        int i = 1;
        spec.setString(i++, s.hash());
        spec.setString(i++, s.name());
        spec.setString(i++, s.version());
        spec.setString(i++, s.namespace());
        spec.setString(i++, s.platform());
        spec.setString(i++, s.os());
        spec.setString(i++, s.target());
        spec.setString(i++, SpecRows.compiler(s.legacyCompiler()));
        spec.setString(i++, SpecRows.variants(s.variants()));
        spec.setString(i++, SpecRows.flags(s.flags()));
        spec.setInt(i++, s.external() ? 1 : 0);
        spec.setString(i++, s.externalPath());
        spec.setInt(i++, s.specfileVersion());
        spec.setString(i++, s.packageHash());
        spec.setString(i, SpecFormat.compilers(s, index.specs()::get));
        spec.addBatch();
        int position = 0;
        for (Dependency d : s.dependencies()) {
          dep.setString(1, s.hash());
          dep.setInt(2, position++);
          dep.setString(3, d.name());
          dep.setString(4, d.hash());
          dep.setInt(5, d.deptypes());
          dep.setString(6, SpecRows.strings(d.virtuals()));
          dep.addBatch();
        }
        if (++pending >= BATCH) {
          spec.executeBatch();
          dep.executeBatch();
          pending = 0;
        }
      }
      spec.executeBatch();
      dep.executeBatch();
    }
  }

  /** Hashes of the index already stored, so re-ingests skip them (one query per chunk). */
  private Set<String> existingHashes(BuildCacheIndex index) throws SQLException {
    Set<String> found = new HashSet<>();
    List<String> hashes = new ArrayList<>(index.specs().keySet());
    int chunk = 500;
    for (int from = 0; from < hashes.size(); from += chunk) {
      List<String> part = hashes.subList(from, Math.min(hashes.size(), from + chunk));
      String marks = String.join(",", java.util.Collections.nCopies(part.size(), "?"));
      try (PreparedStatement s = connection.prepareStatement("SELECT hash FROM specs WHERE hash IN (" + marks + ")")) {
        for (int i = 0; i < part.size(); i++) {
          s.setString(i + 1, part.get(i));
        }
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            found.add(rs.getString(1));
          }
        }
      }
    }
    return found;
  }

  private void writeGeneration(long generation, String tag, ReadStack read) throws SQLException {
    BuildCacheIndex index = read.stack().index();
    try (PreparedStatement g = connection.prepareStatement(
        "INSERT INTO generations (id, tag, stack, url, fingerprint, sources, warnings, record_count, created_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      g.setLong(1, generation);
      g.setString(2, tag);
      g.setString(3, read.stack().label());
      g.setString(4, read.stack().url());
      g.setString(5, read.fingerprint());
      g.setString(6, SpecRows.sources(index.sources()));
      g.setString(7, SpecRows.strings(index.warnings()));
      g.setInt(8, index.specs().size());
      g.setString(9, Instant.now().toString());
      g.executeUpdate();
    }
    try (PreparedStatement m = connection.prepareStatement(
        "INSERT INTO memberships (generation, hash, in_buildcache, layouts, tarball_size, signature, position, signer) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      int pending = 0;
      int position = 0;
      for (ConcreteSpec s : index.all()) {
        Membership held = index.membership(s.hash());
        m.setLong(1, generation);
        m.setString(2, s.hash());
        m.setInt(3, held.inBuildcache() ? 1 : 0);
        m.setInt(4, held.layouts());
        m.setLong(5, held.tarballSize());
        m.setString(6, held.signature().name());
        m.setInt(7, position++);
        m.setString(8, held.signer());
        m.addBatch();
        if (++pending >= BATCH) {
          m.executeBatch();
          pending = 0;
        }
      }
      m.executeBatch();
    }
  }

  private void point(String tag, String stack, int position, long generation) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(
        "INSERT INTO published (tag, stack, position, generation) VALUES (?, ?, ?, ?) "
            + "ON CONFLICT (tag, stack) DO UPDATE SET generation = excluded.generation, position = excluded.position")) {
      s.setString(1, tag);
      s.setString(2, stack);
      s.setInt(3, position);
      s.setLong(4, generation);
      s.executeUpdate();
    }
  }

  /** Stops publishing a tag (readers no longer see it); {@link #vacuum} then frees its rows. */
  public void unpublish(String tag) {
    try (PreparedStatement s = connection.prepareStatement("DELETE FROM published WHERE tag = ?");
        PreparedStatement a = connection.prepareStatement("DELETE FROM tag_summaries WHERE tag = ?");
        PreparedStatement b = connection.prepareStatement("DELETE FROM package_summaries WHERE tag = ?")) {
      for (PreparedStatement q : List.of(s, a, b)) {
        q.setString(1, tag);
        q.executeUpdate();
      }
      connection.commit();
    } catch (SQLException e) {
      rollback();
      throw new SourceException(url, "tag " + tag, "cannot unpublish: " + rootMessage(e), e);
    }
  }

  /** Deletes generations nobody points at, and specs no generation holds. */
  public void vacuum() {
    try (Statement s = connection.createStatement()) {
      s.executeUpdate("DELETE FROM memberships WHERE generation NOT IN (SELECT generation FROM published)");
      s.executeUpdate("DELETE FROM generations WHERE id NOT IN (SELECT generation FROM published)");
      s.executeUpdate("DELETE FROM dependencies WHERE hash NOT IN (SELECT hash FROM memberships)");
      s.executeUpdate("DELETE FROM specs WHERE hash NOT IN (SELECT hash FROM memberships)");
      connection.commit();
    } catch (SQLException e) {
      rollback();
      throw new SourceException(url, "", "vacuum failed: " + rootMessage(e), e);
    }
  }

  // -----------------------------------------------------------------------------------------
  // Reading

  /** Tag names in the order of the sources they were ingested from. */
  public List<String> tags() {
    return query("SELECT name FROM tags WHERE name IN (SELECT tag FROM published) ORDER BY position, name", rs -> {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    });
  }

  /** The published state of a tag, as the readers would have given it. */
  public Optional<Tag> loadTag(String tag) {
    try {
      return readTag(tag, null);
    } catch (SQLException e) {
      throw new SourceException(url, "tag " + tag, "cannot read: " + rootMessage(e), e);
    }
  }

  private Optional<Tag> readTag(String tag, java.util.Collection<String> names) throws SQLException {
    return TagRows.read(connection, tag, names);
  }

  // -----------------------------------------------------------------------------------------

  private interface Rows<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private <T> T query(String sql, Rows<T> rows, Object... args) {
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      for (int i = 0; i < args.length; i++) {
        s.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = s.executeQuery()) {
        T result = rows.read(rs);
        connection.commit(); // end the read transaction, so the next read sees new publishes
        return result;
      }
    } catch (SQLException e) {
      rollback();
      throw new SourceException(url, "", "query failed: " + rootMessage(e), e);
    }
  }

  private void rollback() {
    try {
      connection.rollback();
    } catch (SQLException e) {
      // The connection is gone; the transaction is void either way.
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      // Closing a broken connection: nothing left to save.
    }
  }
}
