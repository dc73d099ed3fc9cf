package io.cachescope.web;

import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Membership;
import io.cachescope.catalog.PackageSummary;
import io.cachescope.catalog.SpecFormat;
import io.cachescope.catalog.Stack;
import io.cachescope.catalog.TagSummary;
import io.cachescope.catalog.Union;
import io.cachescope.query.SnapshotDiff;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the web pages read of a catalog: tag and package summaries, the builds of a package, a
 * spec by hash with the tags and stacks that hold it, diffs. {@link StoreView} reads it from the
 * catalog database through bounded caches; {@link MemoryView} holds mirrors read into memory.
 * Both answer alike (tests compare them); the pages do not know which they have.
 */
public interface CatalogView {

  /** When this view was made (RFC 3339), the time of feed entries that have no date of their own. */
  String loadedAt();

  /** The current time as {@link #loadedAt} gives it, to the second. */
  static String now() {
    return java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
  }

  /** Every tag, in the order of the sources. */
  List<TagSummary> tags();

  default Optional<TagSummary> tag(String name) {
    return tags().stream().filter(t -> t.name().equals(name)).findFirst();
  }

  default boolean hasTag(String name) {
    return tag(name).isPresent();
  }

  /** Distinct in-cache specs over every tag. */
  long specCount();

  /** Every package name with builds in some tag, sorted. */
  Set<String> packageNames();

  default int packageCount() {
    return packageNames().size();
  }

  /** The tags that have builds of a package, in the order of the sources. */
  List<String> tagsWith(String name);

  /** A tag's package summaries by name, in Python's string order; empty for an unknown tag. */
  Map<String, PackageSummary> packages(String tag);

  default Optional<PackageSummary> pkg(String tag, String name) {
    return Optional.ofNullable(packages(tag).get(name));
  }

  /** A package's summary in each tag that has it, in the order of the sources. */
  default Map<String, PackageSummary> summaries(String name) {
    Map<String, PackageSummary> out = new java.util.LinkedHashMap<>();
    tagsWith(name).forEach(t -> pkg(t, name).ifPresent(p -> out.put(t, p)));
    return out;
  }

  /** A package's in-cache builds in a tag, newest version first. */
  List<ConcreteSpec> builds(String tag, String name);

  /** A package's in-cache builds in any tag, each once (in no particular order). */
  default List<ConcreteSpec> buildsAcross(String name) {
    Map<String, ConcreteSpec> builds = new java.util.LinkedHashMap<>();
    tagsWith(name).forEach(t -> builds(t, name).forEach(s -> builds.putIfAbsent(s.hash(), s)));
    return List.copyOf(builds.values());
  }

  /**
   * Every in-cache build of a tag (only those for {@code os} when it is not null), package by
   * package in name order, each newest first; read lazily, so a caller may stop early.
   */
  Iterable<ConcreteSpec> buildsOn(String tag, String os);

  /** A tag's in-cache builds counted by package (name order) and {@code platform-os-target}. */
  default Map<String, Map<String, Integer>> archCounts(String tag) {
    Map<String, Map<String, Integer>> out = new java.util.TreeMap<>(io.cachescope.catalog.PyStrings.ORDER);
    for (ConcreteSpec s : buildsOn(tag, null)) {
      out.computeIfAbsent(s.name(), k -> new java.util.TreeMap<>()).merge(s.platform() + "-" + s.os() + "-" + s.target(), 1, Integer::sum);
    }
    return out;
  }

  /** Reads these hashes' records ahead, in bulk, when a caller is about to ask for each. */
  default void prefetch(Collection<String> hashes) {}

  /** A record by hash (dependency-only records too). */
  Optional<ConcreteSpec> spec(String hash);

  default ConcreteSpec lookup(String hash) {
    return spec(hash).orElse(null);
  }

  /** In-cache specs whose hash starts with {@code prefix}, in hash order, at most {@code limit}. */
  List<ConcreteSpec> byHashPrefix(String prefix, int limit);

  /**
   * The union of these tags, holding at least the records of the packages {@code names} (all
   * when null) and their direct dependencies.
   */
  Union union(List<String> tags, Collection<String> names);

  /** What the tags together say of a hash: in the cache, layouts, size, signature; null if unknown. */
  Membership membership(String hash);

  default boolean inBuildcache(String hash) {
    Membership m = membership(hash);
    return m != null && m.inBuildcache();
  }

  /** The tags whose build cache holds the hash, in the order of the sources. */
  List<String> tagsOf(String hash);

  /** For each tag of {@link #tagsOf}, the sorted labels of the stacks whose index lists the hash. */
  Map<String, List<String>> stacksOf(String hash);

  /** Spack 1.x's compilers of a spec, as the header of {@code buildcache list} prints them. */
  String compilerOf(ConcreteSpec s);

  /** What changed from one tag to another, of one package only when {@code onlyPackage} is set. */
  SnapshotDiff diff(String from, String to, String onlyPackage);

  static String variantsOf(ConcreteSpec s) {
    return SpecFormat.variants(s.variants(), SpecFormat.Style.SPACK_1).strip();
  }

  /** Stacks over every tag (the union left out), each label once. */
  default int stackCount() {
    return (int) tags().stream().flatMap(t -> t.stacks().stream()).distinct().count();
  }

  /**
   * The tag "get started" names: the newest release by Spack's version order (v1.1.0 after
   * v0.23.1, which cache.spack.io's digit-joining order gets wrong), else the newest tag
   * (develop, or the newest snapshot).
   */
  default Optional<TagSummary> newestRelease() {
    List<TagSummary> ordered = new ArrayList<>(tags());
    ordered.sort(Comparator.comparing(TagSummary::name, Search.NEWEST_FIRST));
    return ordered.stream().filter(t -> t.name().matches("v?[0-9][0-9.]*") && t.packages() > 0).findFirst()
        .or(() -> ordered.stream().filter(t -> t.packages() > 0).findFirst());
  }

  /** The tag pages use when none is named: the first of the sources. */
  default Optional<TagSummary> defaultTag() {
    return tags().stream().findFirst();
  }

  /** The tag before this one by snapshot date (or source order), to say what changed. */
  default Optional<TagSummary> previous(TagSummary tag) {
    List<TagSummary> tags = tags();
    if (tag.date() != null) {
      return tags.stream().filter(t -> t.date() != null && t.date().compareTo(tag.date()) < 0)
          .max(Comparator.comparing(TagSummary::date));
    }
    int i = tags.stream().map(TagSummary::name).toList().indexOf(tag.name());
    return i >= 0 && i + 1 < tags.size() ? Optional.of(tags.get(i + 1)) : Optional.empty();
  }

  /** Whether a stack label is shown as a stack: the tag's union is not one. */
  static boolean isStack(String label) {
    return !label.equals(Stack.UNION_LABEL);
  }
}
