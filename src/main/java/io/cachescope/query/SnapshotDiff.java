package io.cachescope.query;

import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Tag;
import io.cachescope.catalog.Union;
import io.cachescope.catalog.SpecFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What changed between two snapshots, per package: specs added and removed, versions bumped,
 * and specs rebuilt (same package, version, variants, platform, OS, target and compilers, new
 * hash), with per-stack counts.
 */
public record SnapshotDiff(String from, String to, List<SnapshotDiff.PackageChange> packages) {

  public enum Kind {
    ADDED,
    REMOVED,
    CHANGED
  }

  /** One spec, as a diff shows it. */
  public record SpecRef(
      String hash, String version, String platform, String os, String target, String compilers,
      List<String> stacks) {}

  /** A spec that kept its configuration but got a new hash. */
  public record Rebuild(String oldHash, String newHash, String version, String configuration) {}

  /** Specs added and removed in one stack of this package. */
  public record StackChange(int added, int removed) {}

  public record PackageChange(
      String name,
      Kind kind,
      List<String> versionsBefore,
      List<String> versionsAfter,
      List<SpecRef> added,
      List<SpecRef> removed,
      List<Rebuild> rebuilt,
      Map<String, StackChange> stacks) {

    public boolean versionsChanged() {
      return !versionsBefore.equals(versionsAfter);
    }
  }

  /** Compares the in-cache specs of two tags, optionally of one package only. */
  public static SnapshotDiff compute(Tag a, Tag b, String onlyPackage) {
    return compute(a.name(), Side.of(a, onlyPackage), b.name(), Side.of(b, onlyPackage));
  }

  /**
   * What a diff reads of one tag: its in-cache specs by package (then by hash, in the tag's
   * order), the sorted labels of the stacks holding a hash, and a spec's compilers.
   */
  public interface Contents {
    Map<String, Map<String, ConcreteSpec>> byName();

    List<String> stacksOf(String hash);

    String compilers(ConcreteSpec s);
  }

  /** Compares two tags given by their contents (a catalog database gives one package's cheaply). */
  public static SnapshotDiff compute(String from, Contents a, String to, Contents b) {
    Side before = Side.of(a);
    Side after = Side.of(b);
    TreeSet<String> names = new TreeSet<>(before.byName.keySet());
    names.addAll(after.byName.keySet());
    List<PackageChange> changes = new ArrayList<>();
    for (String name : names) {
      PackageChange c = compare(name, before, after);
      if (c != null) {
        changes.add(c);
      }
    }
    return new SnapshotDiff(from, to, changes);
  }

  public int specsAdded() {
    return packages.stream().mapToInt(p -> p.added().size()).sum();
  }

  public int specsRemoved() {
    return packages.stream().mapToInt(p -> p.removed().size()).sum();
  }

  private static PackageChange compare(String name, Side before, Side after) {
    Map<String, ConcreteSpec> old = before.byName.getOrDefault(name, Map.of());
    Map<String, ConcreteSpec> neu = after.byName.getOrDefault(name, Map.of());
    // By hash: the same answer however a tag's records are ordered (index order, or a database's).
    List<ConcreteSpec> gone = old.values().stream().filter(s -> !neu.containsKey(s.hash()))
        .sorted(java.util.Comparator.comparing(ConcreteSpec::hash)).toList();
    List<ConcreteSpec> came = neu.values().stream().filter(s -> !old.containsKey(s.hash()))
        .sorted(java.util.Comparator.comparing(ConcreteSpec::hash)).toList();
    boolean stacksMoved = false;
    for (ConcreteSpec s : neu.values()) {
      if (old.containsKey(s.hash())
          && !before.contents.stacksOf(s.hash()).equals(after.contents.stacksOf(s.hash()))) {
        stacksMoved = true;
      }
    }
    if (gone.isEmpty() && came.isEmpty() && !stacksMoved) {
      return null;
    }
    // Pair removed and added specs with the same configuration: those were rebuilt.
    Map<String, List<ConcreteSpec>> goneByConfig = new HashMap<>();
    for (ConcreteSpec s : gone) {
      goneByConfig.computeIfAbsent(before.configuration(s), k -> new ArrayList<>()).add(s);
    }
    List<Rebuild> rebuilt = new ArrayList<>();
    List<ConcreteSpec> added = new ArrayList<>();
    List<ConcreteSpec> removed = new ArrayList<>(gone);
    for (ConcreteSpec s : came) {
      String config = after.configuration(s);
      List<ConcreteSpec> match = goneByConfig.get(config);
      if (match != null && !match.isEmpty()) {
        ConcreteSpec was = match.remove(0);
        removed.remove(was);
        rebuilt.add(new Rebuild(was.hash(), s.hash(), s.version(), config));
      } else {
        added.add(s);
      }
    }
    Map<String, StackChange> stacks = new TreeMap<>();
    count(stacks, added, after, true);
    count(stacks, removed, before, false);
    Kind kind = old.isEmpty() ? Kind.ADDED : neu.isEmpty() ? Kind.REMOVED : Kind.CHANGED;
    return new PackageChange(
        name,
        kind,
        versions(old),
        versions(neu),
        added.stream().map(after::ref).toList(),
        removed.stream().map(before::ref).toList(),
        rebuilt,
        stacks);
  }

  private static void count(
      Map<String, StackChange> stacks, List<ConcreteSpec> specs, Side side, boolean added) {
    for (ConcreteSpec s : specs) {
      for (String label : side.contents.stacksOf(s.hash())) {
        StackChange c = stacks.getOrDefault(label, new StackChange(0, 0));
        stacks.put(
            label,
            added ? new StackChange(c.added() + 1, c.removed()) : new StackChange(c.added(), c.removed() + 1));
      }
    }
  }

  private static List<String> versions(Map<String, ConcreteSpec> specs) {
    return new ArrayList<>(
        new TreeSet<>(specs.values().stream().map(ConcreteSpec::version).toList()));
  }

  /** One tag's in-cache specs grouped by package, and how a diff names a spec's configuration. */
  private static final class Side {
    final Contents contents;
    final Map<String, Map<String, ConcreteSpec>> byName;

    private Side(Contents contents) {
      this.contents = contents;
      this.byName = contents.byName();
    }

    static Side of(Contents contents) {
      return new Side(contents);
    }

    /** A tag's contents from its stacks. */
    static Contents of(Tag tag, String onlyPackage) {
      Union all = tag.union();
      Map<String, Map<String, ConcreteSpec>> byName = new TreeMap<>();
      for (ConcreteSpec s : all.all()) {
        if (all.inBuildcache(s.hash()) && (onlyPackage == null || s.name().equals(onlyPackage))) {
          byName.computeIfAbsent(s.name(), k -> new LinkedHashMap<>()).put(s.hash(), s);
        }
      }
      return new Contents() {
        @Override
        public Map<String, Map<String, ConcreteSpec>> byName() {
          return byName;
        }

        @Override
        public List<String> stacksOf(String hash) {
          return tag.stacksOf(hash);
        }

        @Override
        public String compilers(ConcreteSpec s) {
          return SpecFormat.compilers(s, all::get);
        }
      };
    }

    String configuration(ConcreteSpec s) {
      return s.name() + "@" + s.version()
          + SpecFormat.variants(s.variants(), SpecFormat.Style.SPACK_1)
          + " " + s.architecture() + " " + contents.compilers(s);
    }

    SpecRef ref(ConcreteSpec s) {
      return new SpecRef(
          s.hash(), s.version(), s.platform(), s.os(), s.target(),
          contents.compilers(s), contents.stacksOf(s.hash()));
    }
  }
}
