package io.cachescope.store;

import io.cachescope.catalog.BuildCacheIndex;
import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Dependency;
import io.cachescope.catalog.Membership;
import io.cachescope.catalog.SignatureState;
import io.cachescope.catalog.Stack;
import io.cachescope.catalog.Tag;
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
 * Reads a published tag back as the readers gave it: every stack with its records and what it
 * says of each. Restricted to some packages, it holds their records and their direct
 * dependencies' (where compilers are found), enough to diff or explain those packages.
 */
final class TagRows {

  /** The spec columns, in the order {@link #spec} reads them from index {@code at}. */
  static final String SPEC_COLUMNS = "s.hash, s.name, s.version, s.namespace, s.platform, s.os, s.target, "
      + "s.legacy_compiler, s.variants, s.flags, s.external, s.external_path, s.specfile_version, s.package_hash";

  /** The membership columns, in the order {@link #membership} reads them from index {@code at}. */
  static final String MEMBERSHIP_COLUMNS = "m.in_buildcache, m.layouts, m.tarball_size, m.signature, m.signer";

  private TagRows() {}

  static Optional<Tag> read(Connection c, String tag, Collection<String> names) throws SQLException {
    Map<String, String[]> generationOf = new LinkedHashMap<>();
    try (PreparedStatement s = c.prepareStatement(
        "SELECT p.stack, g.url, g.sources, g.warnings FROM published p JOIN generations g ON g.id = p.generation "
            + "WHERE p.tag = ? ORDER BY p.position")) {
      s.setString(1, tag);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          generationOf.put(rs.getString(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
        }
      }
    }
    if (generationOf.isEmpty()) {
      return Optional.empty();
    }
    // Some packages: start from their hashes (and their dependencies'), each looked up by index,
    // rather than from the whole tag (CROSS JOIN keeps SQLite to that order; PostgreSQL plans it).
    String wanted = names == null ? "" : "WITH wanted(hash) AS (SELECT hash FROM specs WHERE name IN (" + marks(names.size())
        + ") UNION SELECT d2.dep_hash FROM dependencies d2 JOIN specs s2 ON s2.hash = d2.hash WHERE s2.name IN ("
        + marks(names.size()) + ")) ";
    String depsSql = names == null
        ? "SELECT d.hash, d.dep_name, d.dep_hash, d.deptypes, d.virtuals FROM dependencies d WHERE d.hash IN "
            + "(SELECT m.hash FROM published p JOIN memberships m ON m.generation = p.generation WHERE p.tag = ?) "
            + "ORDER BY d.hash, d.position"
        : wanted + "SELECT d.hash, d.dep_name, d.dep_hash, d.deptypes, d.virtuals FROM wanted w CROSS JOIN dependencies d "
            + "WHERE d.hash = w.hash ORDER BY d.hash, d.position";
    Map<String, List<Dependency>> deps = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement(depsSql)) {
      bind(s, names, names == null ? tag : null);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          deps.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(dependency(rs, 2));
        }
      }
    }
    Map<String, ConcreteSpec> specs = new HashMap<>();
    Map<String, Map<String, ConcreteSpec>> byStack = new LinkedHashMap<>();
    Map<String, Map<String, Membership>> heldBy = new LinkedHashMap<>();
    generationOf.keySet().forEach(stack -> {
      byStack.put(stack, new LinkedHashMap<>());
      heldBy.put(stack, new LinkedHashMap<>());
    });
    String columns = "SELECT p.stack, " + SPEC_COLUMNS + ", " + MEMBERSHIP_COLUMNS;
    try (PreparedStatement s = c.prepareStatement(names == null
        ? columns + " FROM published p JOIN memberships m ON m.generation = p.generation JOIN specs s ON s.hash = m.hash "
            + "WHERE p.tag = ? ORDER BY p.position, m.position"
        : wanted + columns + " FROM wanted w CROSS JOIN memberships m CROSS JOIN published p CROSS JOIN specs s "
            + "WHERE m.hash = w.hash AND p.generation = m.generation AND s.hash = m.hash AND p.tag = ? "
            + "ORDER BY p.position, m.position")) {
      bind(s, names, tag);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          String hash = rs.getString(2);
          ConcreteSpec spec = specs.computeIfAbsent(hash, h -> spec(rs, 2, deps.getOrDefault(h, List.of())));
          byStack.get(rs.getString(1)).put(hash, spec);
          heldBy.get(rs.getString(1)).put(hash, membership(rs, 16));
        }
      }
    }
    List<Stack> stacks = new ArrayList<>();
    for (Map.Entry<String, Map<String, ConcreteSpec>> e : byStack.entrySet()) {
      String[] g = generationOf.get(e.getKey());
      stacks.add(new Stack(e.getKey(), g[0],
          new BuildCacheIndex(g[0], SpecRows.sources(g[1]), e.getValue(), heldBy.get(e.getKey()), SpecRows.strings(g[2]))));
    }
    return Optional.of(new Tag(tag, stacks));
  }

  /** A spec from {@link #SPEC_COLUMNS} starting at column {@code at}. */
  static ConcreteSpec spec(ResultSet rs, int at, List<Dependency> deps) {
    try {
      return new ConcreteSpec(rs.getString(at), rs.getString(at + 1), rs.getString(at + 2), rs.getString(at + 3),
          rs.getString(at + 4), rs.getString(at + 5), rs.getString(at + 6), SpecRows.compiler(rs.getString(at + 7)),
          SpecRows.variants(rs.getString(at + 8)), SpecRows.flags(rs.getString(at + 9)), deps, rs.getInt(at + 10) != 0,
          rs.getString(at + 11), rs.getInt(at + 12), rs.getString(at + 13));
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A membership from {@link #MEMBERSHIP_COLUMNS} starting at column {@code at}. */
  static Membership membership(ResultSet rs, int at) throws SQLException {
    return Membership.of(rs.getInt(at) != 0, rs.getInt(at + 1), rs.getLong(at + 2),
        SignatureState.valueOf(rs.getString(at + 3)), rs.getString(at + 4));
  }

  /** A dependency from (dep_name, dep_hash, deptypes, virtuals) starting at column {@code at}. */
  static Dependency dependency(ResultSet rs, int at) throws SQLException {
    return new Dependency(rs.getString(at), rs.getString(at + 1), rs.getInt(at + 2), SpecRows.strings(rs.getString(at + 3)));
  }

  static String marks(int n) {
    return String.join(",", java.util.Collections.nCopies(n, "?"));
  }

  /** Binds the names (twice: the packages and their dependencies), then the tag when given. */
  private static void bind(PreparedStatement s, Collection<String> names, String tag) throws SQLException {
    int i = 1;
    if (names != null) {
      for (int twice = 0; twice < 2; twice++) {
        for (String n : names) {
          s.setString(i++, n);
        }
      }
    }
    if (tag != null) {
      s.setString(i, tag);
    }
  }
}
