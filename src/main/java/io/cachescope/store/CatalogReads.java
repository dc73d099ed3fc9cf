package io.cachescope.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.cachescope.SourceException;
import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Dependency;
import io.cachescope.catalog.Membership;
import io.cachescope.catalog.PackageSummary;
import io.cachescope.catalog.Tag;
import io.cachescope.catalog.TagSummary;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a server reads from the catalog, each answer one indexed query on a pooled connection:
 * tag and package summaries, the records of one package or of some hashes with every published
 * membership, hashes by prefix. Thread-safe; each query sees one published state.
 */
public final class CatalogReads implements AutoCloseable {

  /** A record as one stack of one tag holds it, with the spec's compilers. */
  public record Held(ConcreteSpec spec, String compilers, String tag, String stack, Membership membership) {}

  private static final int CHUNK = 500;

  private final String db;
  private final HikariDataSource pool;

  private CatalogReads(String db, HikariDataSource pool) {
    this.db = db;
    this.pool = pool;
  }

  /**
   * Opens an existing catalog for reading with {@code connections} pooled connections (it is
   * migrated and summarized first, when it can be written).
   */
  public static CatalogReads open(String db, int connections) {
    String url;
    try (CatalogStore store = CatalogStore.openExisting(db)) {
      url = store.readUrl();
    }
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setMaximumPoolSize(connections);
    config.setMinimumIdle(1);
    config.setPoolName("cachescope-reads");
    config.setConnectionTimeout(30_000);
    config.setInitializationFailTimeout(-1);
    try {
      return new CatalogReads(db, new HikariDataSource(config));
    } catch (RuntimeException e) {
      throw new SourceException(db, "", "cannot open the catalog for reading: " + e.getMessage(), e);
    }
  }

  /** The generation counter: it moves whenever any writer publishes. */
  public long version() {
    return query("SELECT value FROM counters WHERE name = 'generation'", List.of(), rs -> rs.next() ? rs.getLong(1) : 0L);
  }

  /** Every published tag's summary, in the order of the sources. */
  public List<TagSummary> tags() {
    return query("SELECT t.tag, t.stacks, t.packages, t.specs, t.platforms, t.oss, t.targets, t.mirror_url, t.signed "
        + "FROM tag_summaries t JOIN tags g ON g.name = t.tag WHERE t.tag IN (SELECT tag FROM published) "
        + "ORDER BY g.position, g.name", List.of(), rs -> {
          List<TagSummary> out = new ArrayList<>();
          while (rs.next()) {
            out.add(new TagSummary(rs.getString(1), Tag.snapshotDate(rs.getString(1)), SpecRows.strings(rs.getString(2)),
                rs.getInt(3), rs.getInt(4), SpecRows.strings(rs.getString(5)), SpecRows.strings(rs.getString(6)),
                SpecRows.strings(rs.getString(7)), rs.getString(8), rs.getInt(9) != 0));
          }
          return out;
        });
  }

  /** Distinct in-cache specs over every tag, as the last ingest counted them. */
  public long specCount() {
    return query("SELECT value FROM catalog_counts WHERE name = 'specs'", List.of(), rs -> rs.next() ? rs.getLong(1) : 0L);
  }

  /** Every package name with the tags that have builds of it. */
  public Map<String, List<String>> packageTags() {
    return query("SELECT name, tag FROM package_summaries WHERE tag IN (SELECT tag FROM published)", List.of(), rs -> {
      Map<String, List<String>> out = new HashMap<>();
      while (rs.next()) {
        out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>(2)).add(rs.getString(2));
      }
      return out;
    });
  }

  /** The package summaries of a tag (unordered). */
  public List<PackageSummary> packages(String tag) {
    return query(SUMMARY + "WHERE tag = ?", List.of(tag), CatalogReads::summaries);
  }

  /** A package's summary in every tag that has it (unordered). */
  public List<PackageSummary> packageSummaries(String name) {
    return query(SUMMARY + "WHERE name = ?", List.of(name), CatalogReads::summaries);
  }

  private static final String SUMMARY =
      "SELECT name, tag, builds, versions, compilers, oss, targets, stacks FROM package_summaries ";

  private static List<PackageSummary> summaries(ResultSet rs) throws SQLException {
    List<PackageSummary> out = new ArrayList<>();
    while (rs.next()) {
      out.add(new PackageSummary(rs.getString(1), rs.getString(2), rs.getInt(3), SpecRows.strings(rs.getString(4)),
          SpecRows.strings(rs.getString(5)), SpecRows.strings(rs.getString(6)), SpecRows.strings(rs.getString(7)),
          SpecRows.strings(rs.getString(8))));
    }
    return out;
  }

  private static final String HELD = "SELECT p.tag, p.stack, " + TagRows.SPEC_COLUMNS + ", " + TagRows.MEMBERSHIP_COLUMNS
      + ", s.compilers FROM specs s JOIN memberships m ON m.hash = s.hash JOIN published p ON p.generation = m.generation ";

  /** Every published record of a package, in every tag and stack. */
  public List<Held> packageRecords(String name) {
    Map<String, List<Dependency>> deps = query("SELECT d.hash, d.dep_name, d.dep_hash, d.deptypes, d.virtuals FROM dependencies d "
        + "JOIN specs s ON s.hash = d.hash WHERE s.name = ? ORDER BY d.hash, d.position", List.of(name), CatalogReads::deps);
    return query(HELD + "WHERE s.name = ?", List.of(name), rs -> held(rs, deps));
  }

  /** Every published record of these hashes, in every tag and stack. */
  public List<Held> records(Collection<String> hashes) {
    List<Held> out = new ArrayList<>();
    List<String> all = new ArrayList<>(hashes);
    for (int from = 0; from < all.size(); from += CHUNK) {
      List<Object> part = new ArrayList<>(all.subList(from, Math.min(all.size(), from + CHUNK)));
      String in = TagRows.marks(part.size());
      Map<String, List<Dependency>> deps = query("SELECT d.hash, d.dep_name, d.dep_hash, d.deptypes, d.virtuals FROM dependencies d "
          + "WHERE d.hash IN (" + in + ") ORDER BY d.hash, d.position", part, CatalogReads::deps);
      out.addAll(query(HELD + "WHERE s.hash IN (" + in + ")", part, rs -> held(rs, deps)));
    }
    return out;
  }

  /**
   * In-cache hashes starting with {@code prefix} (of Spack's base32 letters and digits), in
   * order, at most {@code limit}: a range scan of the membership index.
   */
  public List<String> hashesWithPrefix(String prefix, int limit) {
    String upper = upperBound(prefix);
    String sql = "SELECT DISTINCT m.hash FROM memberships m JOIN published p ON p.generation = m.generation "
        + "WHERE m.in_buildcache = 1 AND m.hash >= ?" + (upper == null ? "" : " AND m.hash < ?") + " ORDER BY m.hash LIMIT ?";
    List<Object> args = new ArrayList<>(List.of(prefix));
    if (upper != null) {
      args.add(upper);
    }
    args.add(limit);
    return query(sql, args, rs -> {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        if (rs.getString(1).startsWith(prefix)) {
          out.add(rs.getString(1));
        }
      }
      return out;
    });
  }

  /**
   * The smallest string above every string with this prefix, made of letters and digits only
   * (so that a PostgreSQL locale's collation orders it as the bytes do); null when none is.
   */
  static String upperBound(String prefix) {
    for (int i = prefix.length() - 1; i >= 0; i--) {
      char c = prefix.charAt(i);
      if (c == 'z' || c == '9' || !Character.isLetterOrDigit(c)) {
        continue;
      }
      return prefix.substring(0, i) + (char) (c + 1);
    }
    return null;
  }

  /** A build of a tag: its hash, package and version. */
  public record Build(String hash, String name, String version) {}

  /** The in-cache builds of a tag, only those for {@code os} when it is not null. */
  public List<Build> builds(String tag, String os) {
    return query("SELECT DISTINCT s.hash, s.name, s.version FROM published p JOIN memberships m ON m.generation = p.generation "
        + "JOIN specs s ON s.hash = m.hash WHERE p.tag = ? AND m.in_buildcache = 1" + (os == null ? "" : " AND s.os = ?"),
        os == null ? List.of(tag) : List.of(tag, os), rs -> {
          List<Build> out = new ArrayList<>();
          while (rs.next()) {
            out.add(new Build(rs.getString(1), rs.getString(2), rs.getString(3)));
          }
          return out;
        });
  }

  /** A tag's in-cache builds counted by package and platform-OS-target (one grouped query). */
  public Map<String, Map<String, Integer>> archCounts(String tag) {
    return query("SELECT b.name, b.platform, b.os, b.target, COUNT(*) FROM (SELECT DISTINCT s.hash, s.name, s.platform, s.os, s.target "
        + "FROM published p JOIN memberships m ON m.generation = p.generation JOIN specs s ON s.hash = m.hash "
        + "WHERE p.tag = ? AND m.in_buildcache = 1) b GROUP BY b.name, b.platform, b.os, b.target", List.of(tag), rs -> {
          Map<String, Map<String, Integer>> out = new HashMap<>();
          while (rs.next()) {
            out.computeIfAbsent(rs.getString(1), k -> new java.util.TreeMap<>())
                .put(rs.getString(2) + "-" + rs.getString(3) + "-" + rs.getString(4), rs.getInt(5));
          }
          return out;
        });
  }

  /** A published tag (only these packages and their direct dependencies, when not null). */
  public Optional<Tag> tag(String tag, Collection<String> names) {
    try (Connection c = pool.getConnection()) {
      return TagRows.read(c, tag, names);
    } catch (SQLException e) {
      throw new SourceException(db, "tag " + tag, "cannot read: " + e.getMessage(), e);
    }
  }

  private static Map<String, List<Dependency>> deps(ResultSet rs) throws SQLException {
    Map<String, List<Dependency>> out = new HashMap<>();
    while (rs.next()) {
      out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(TagRows.dependency(rs, 2));
    }
    return out;
  }

  private static List<Held> held(ResultSet rs, Map<String, List<Dependency>> deps) throws SQLException {
    List<Held> out = new ArrayList<>();
    Map<String, ConcreteSpec> seen = new LinkedHashMap<>();
    while (rs.next()) {
      String hash = rs.getString(3);
      ConcreteSpec spec = seen.computeIfAbsent(hash, h -> TagRows.spec(rs, 3, deps.getOrDefault(h, List.of())));
      out.add(new Held(spec, rs.getString(22), rs.getString(1), rs.getString(2), TagRows.membership(rs, 17)));
    }
    return out;
  }

  private interface Rows<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private <T> T query(String sql, List<?> args, Rows<T> rows) {
    try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < args.size(); i++) {
        s.setObject(i + 1, args.get(i));
      }
      try (ResultSet rs = s.executeQuery()) {
        return rows.read(rs);
      }
    } catch (SQLException e) {
      throw new SourceException(db, "", "query failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}
