package io.cachescope.query;

import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Membership;
import io.cachescope.catalog.Union;
import io.cachescope.catalog.Lockfile;
import io.cachescope.catalog.SpecFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Will an environment install from binaries? For every concrete spec of a lockfile: its exact
 * hash in the cache, else a binary of the same package and version that installs on the host,
 * else nothing. Externals are not installed, so they are counted apart.
 */
public record Coverage(List<Coverage.Entry> entries, Coverage.Totals totals) {

  public enum Status {
    /** The exact hash is in the cache. */
    CACHED,
    /** Not this hash, but a binary of the same package and version that installs here. */
    COMPATIBLE,
    /** Nothing usable: Spack would build it from source. */
    MISSING,
    /** A system package, not installed by Spack. */
    EXTERNAL
  }

  /**
   * @param alternative the hash of the compatible binary for {@link Status#COMPATIBLE}, else null
   * @param size bytes to download where the cache says, else -1
   */
  public record Entry(
      String hash, String name, String version, Status status, String alternative, long size) {}

  /** Counts per status, and the download size of what the cache holds (where known). */
  public record Totals(
      int specs, int cached, int compatible, int missing, int external, long downloadBytes,
      int unknownSizes) {}

  /**
   * @param cache the catalog's records (only those in the build cache count)
   * @param installs whether a binary installs on the host (platform, OS, target)
   */
  /**
   * Without a host: a binary must suit the machine the lockfile was made for, that is, the
   * platform and OS of the lockfile's spec of that package, and a target that runs there.
   */
  public static Predicate<ConcreteSpec> installsLike(Lockfile lock, Microarchitectures archspec) {
    Map<String, List<ConcreteSpec>> byName = new HashMap<>();
    lock.specs().values().forEach(s -> byName.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s));
    return binary ->
        byName.getOrDefault(binary.name(), List.of()).stream()
            .anyMatch(
                s -> binary.platform().equals(s.platform())
                    && binary.os().equals(s.os())
                    && binary.target() != null
                    && s.target() != null
                    && archspec.isCompatible(binary.target(), s.target()));
  }

  /** What {@code coverage} reports: on {@code host}, or (null) on the lockfile's own machine. */
  public static Coverage compute(Lockfile lock, Union cache, Host host, Microarchitectures archspec) {
    return compute(lock, cache, host == null ? installsLike(lock, archspec) : s -> host.installs(s, archspec));
  }

  public static Coverage compute(Lockfile lock, Union cache, Predicate<ConcreteSpec> installs) {
    Map<String, List<ConcreteSpec>> byName = new HashMap<>();
    for (ConcreteSpec s : cache.all()) {
      if (cache.inBuildcache(s.hash())) {
        byName.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
      }
    }
    List<Entry> entries = new ArrayList<>();
    int cached = 0;
    int compatible = 0;
    int missing = 0;
    int external = 0;
    long bytes = 0;
    int unknown = 0;
    for (ConcreteSpec want : lock.specs().values()) {
      Entry e;
      Membership exact = cache.membership(want.hash());
      if (want.external()) {
        e = new Entry(want.hash(), want.name(), want.version(), Status.EXTERNAL, null, -1);
        external++;
      } else if (exact != null && exact.inBuildcache()) {
        e = new Entry(want.hash(), want.name(), want.version(), Status.CACHED, null, exact.tarballSize());
        cached++;
      } else {
        ConcreteSpec alt = closest(want, byName.getOrDefault(want.name(), List.of()), installs);
        if (alt != null) {
          e = new Entry(want.hash(), want.name(), want.version(), Status.COMPATIBLE, alt.hash(), cache.membership(alt.hash()).tarballSize());
          compatible++;
        } else {
          e = new Entry(want.hash(), want.name(), want.version(), Status.MISSING, null, -1);
          missing++;
        }
      }
      if (e.status() == Status.CACHED || e.status() == Status.COMPATIBLE) {
        if (e.size() >= 0) {
          bytes += e.size();
        } else {
          unknown++;
        }
      }
      entries.add(e);
    }
    return new Coverage(
        entries,
        new Totals(entries.size(), cached, compatible, missing, external, bytes, unknown));
  }

  /** Same version and installable; among those, the one with the most variants in common. */
  private static ConcreteSpec closest(
      ConcreteSpec want, List<ConcreteSpec> candidates, Predicate<ConcreteSpec> installs) {
    String wanted = SpecFormat.variants(want.variants(), SpecFormat.Style.SPACK_1);
    return candidates.stream()
        .filter(c -> c.version().equals(want.version()) && installs.test(c))
        .max(
            Comparator.<ConcreteSpec>comparingInt(c -> shared(c, want))
                .thenComparing(c -> SpecFormat.variants(c.variants(), SpecFormat.Style.SPACK_1).equals(wanted))
                .thenComparing(ConcreteSpec::hash, Comparator.reverseOrder()))
        .orElse(null);
  }

  private static int shared(ConcreteSpec a, ConcreteSpec b) {
    int n = 0;
    for (var v : a.variants()) {
      if (b.variants().contains(v)) {
        n++;
      }
    }
    return n;
  }
}
