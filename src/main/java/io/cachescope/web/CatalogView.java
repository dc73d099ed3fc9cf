package io.cachescope.web;

import io.cachescope.catalog.Catalog;
import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Membership;
import io.cachescope.catalog.Union;
import io.cachescope.catalog.Tag;
import io.cachescope.query.SnapshotDiff;
import io.cachescope.catalog.Version;
import io.cachescope.catalog.SpecFormat;
import io.cachescope.render.StackIndex;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What the web pages show, computed once from a catalog: per tag its packages with their
 * summaries and specs, every record by hash, and the tags each hash is in. Immutable; a
 * re-ingest builds a new view and the server swaps it in.
 */
public final class CatalogView {


  /** The stack label of a tag's union (cache.spack.io's {@code root}): shown as no stack. */
  public static final String UNION_LABEL = "root";

  /** One tag: its date (for snapshots), stacks (the union left out), and packages by name. */
  public record TagView(String name, String date, List<String> stacks, Map<String, PackageView> packages, int specs, Mirror mirror) {}

  /** One package in one tag: its specs in the build cache and what they span. */
  public record PackageView(
      String name, String tag, List<ConcreteSpec> specs, List<String> versions, List<String> compilers,
      List<String> oss, List<String> targets, List<String> stacks) {}

  private final List<TagView> tags = new ArrayList<>();
  private final Map<String, TagView> byName = new LinkedHashMap<>();
  private final Union specs = new Union();
  private final Map<String, List<String>> tagsOfHash = new HashMap<>();
  private final Map<String, Map<String, List<String>>> stacksOfHash = new HashMap<>();
  private final Map<String, Tag> catalogTags = new HashMap<>();
  private final int packageCount;
  private final String loadedAt = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();

  public CatalogView(Catalog catalog) {
    TreeSet<String> allPackages = new TreeSet<>();
    for (Tag tag : catalog.tags()) {
      catalogTags.put(tag.name(), tag);
      Union union = tag.union();
      specs.add(union);
      StackIndex stacks = new StackIndex(tag);
      Map<String, List<ConcreteSpec>> byPackage = union.byPackage();
      int count = 0;
      Map<String, PackageView> packages = new LinkedHashMap<>();
      for (Map.Entry<String, List<ConcreteSpec>> e : byPackage.entrySet()) {
        List<ConcreteSpec> list = new ArrayList<>(e.getValue());
        for (ConcreteSpec s : list) {
          count++;
          tagsOfHash.computeIfAbsent(s.hash(), k -> new ArrayList<>()).add(tag.name());
          stacksOfHash.computeIfAbsent(s.hash(), k -> new LinkedHashMap<>()).put(tag.name(), stacks.of(s.hash()));
        }
        list.sort(Comparator.comparing((ConcreteSpec s) -> Version.parse(s.version())).reversed().thenComparing(ConcreteSpec::hash));
        TreeSet<String> versions = new TreeSet<>(Version::compare);
        TreeSet<String> compilers = new TreeSet<>();
        TreeSet<String> oss = new TreeSet<>();
        TreeSet<String> targets = new TreeSet<>();
        TreeSet<String> labels = new TreeSet<>();
        for (ConcreteSpec s : list) {
          versions.add(s.version());
          compilers.add(compilerOf(s));
          oss.add(s.os());
          targets.add(s.target());
          stacks.of(s.hash()).stream().filter(l -> !l.equals(UNION_LABEL)).forEach(labels::add);
        }
        packages.put(e.getKey(), new PackageView(e.getKey(), tag.name(), List.copyOf(list),
            new ArrayList<>(versions.descendingSet()), List.copyOf(compilers), List.copyOf(oss), List.copyOf(targets), List.copyOf(labels)));
        allPackages.add(e.getKey());
      }
      List<String> labels = tag.stacks().stream().map(io.cachescope.catalog.Stack::label)
          .filter(l -> !l.equals(UNION_LABEL)).distinct().toList();
      TagView view = new TagView(tag.name(), Tag.snapshotDate(tag.name()), labels, packages, count, mirrorOf(tag));
      tags.add(view);
      byName.put(tag.name(), view);
    }
    packageCount = allPackages.size();
  }

  /**
   * The mirror of a tag: its {@code root} stack (the tag's union), else its first stack; signed
   * when any of its stacks publishes keys, which is what makes a spec more than unsigned.
   */
  private static Mirror mirrorOf(Tag tag) {
    io.cachescope.catalog.Stack root = tag.stacks().stream().filter(s -> s.label().equals(UNION_LABEL)).findFirst()
        .orElse(tag.stacks().isEmpty() ? null : tag.stacks().get(0));
    boolean signed = tag.stacks().stream().flatMap(s -> s.index().memberships().values().stream())
        .anyMatch(m -> m.signature() != io.cachescope.catalog.SignatureState.UNSIGNED);
    return new Mirror(Mirror.nameFor(tag.name()), root == null ? "" : root.url(), signed);
  }

  /** When this view was built (RFC 3339), the time of feed entries that have no date of their own. */
  public String loadedAt() {
    return loadedAt;
  }

  public List<TagView> tags() {
    return tags;
  }

  public Optional<TagView> tag(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * The tag "get started" names: the newest release in cache.spack.io's order, else the first
   * tag in that order (develop, or the newest snapshot).
   */
  public Optional<TagView> newestRelease() {
    List<TagView> ordered = new ArrayList<>(tags);
    ordered.sort(Comparator.comparing(TagView::name, io.cachescope.render.TagOrder.UPSTREAM));
    return ordered.stream().filter(t -> t.name().matches("v?[0-9][0-9.]*") && !t.packages().isEmpty()).findFirst()
        .or(() -> ordered.stream().filter(t -> !t.packages().isEmpty()).findFirst());
  }

  /** The tag searches and package pages use when none is named: the first of the sources. */
  public Optional<TagView> defaultTag() {
    return tags.stream().findFirst();
  }

  public int packageCount() {
    return packageCount;
  }

  public int specCount() {
    return tagsOfHash.size();
  }

  public int stackCount() {
    return (int) tags.stream().flatMap(t -> t.stacks().stream()).distinct().count();
  }

  public Optional<ConcreteSpec> spec(String hash) {
    return Optional.ofNullable(specs.get(hash));
  }

  /** Specs of the build cache whose hash starts with {@code prefix}, at most {@code limit}. */
  public List<ConcreteSpec> byHashPrefix(String prefix, int limit) {
    List<ConcreteSpec> out = new ArrayList<>();
    for (String hash : tagsOfHash.keySet()) {
      if (hash.startsWith(prefix)) {
        out.add(specs.get(hash));
        if (out.size() == limit) {
          break;
        }
      }
    }
    out.sort(Comparator.comparing(ConcreteSpec::hash));
    return out;
  }

  /** The union of these tags (every tag: the whole catalog's). */
  public Union union(List<String> tagNames) {
    if (tagNames.size() == tags.size()) {
      return specs;
    }
    Union u = new Union();
    tagNames.stream().map(catalogTags::get).filter(java.util.Objects::nonNull).forEach(t -> u.add(t.union()));
    return u;
  }

  /** Every package name of the catalog. */
  public java.util.Set<String> packageNames() {
    java.util.Set<String> names = new TreeSet<>();
    tags.forEach(t -> names.addAll(t.packages().keySet()));
    return names;
  }

  public ConcreteSpec lookup(String hash) {
    return specs.get(hash);
  }

  /** What the tags together say of a hash: in the cache, layouts, size, signature. */
  public Membership membership(String hash) {
    return specs.membership(hash);
  }

  public boolean inBuildcache(String hash) {
    return specs.inBuildcache(hash);
  }

  public List<String> tagsOf(String hash) {
    return tagsOfHash.getOrDefault(hash, List.of());
  }

  public Map<String, List<String>> stacksOf(String hash) {
    return stacksOfHash.getOrDefault(hash, Map.of());
  }

  /** Spack 1.x's compiler of a spec, as the header of {@code buildcache list} prints it. */
  public String compilerOf(ConcreteSpec s) {
    return SpecFormat.compilers(s, specs::get);
  }

  public static String variantsOf(ConcreteSpec s) {
    return SpecFormat.variants(s.variants(), SpecFormat.Style.SPACK_1).strip();
  }

  /**
   * Packages of a tag matching a search: exact name first, then prefix, then substring,
   * case-insensitive; a trailing {@code $} anchors the end.
   */
  public List<PackageView> search(TagView tag, String query) {
    String q = query.strip().toLowerCase(Locale.ROOT);
    boolean anchored = q.endsWith("$");
    if (anchored) {
      q = q.substring(0, q.length() - 1);
    }
    List<PackageView> exact = new ArrayList<>();
    List<PackageView> prefix = new ArrayList<>();
    List<PackageView> substring = new ArrayList<>();
    for (PackageView p : tag.packages().values()) {
      String n = p.name().toLowerCase(Locale.ROOT);
      if (anchored ? !n.endsWith(q) : !n.contains(q)) {
        continue;
      }
      (n.equals(q) ? exact : n.startsWith(q) ? prefix : substring).add(p);
    }
    List<PackageView> out = new ArrayList<>(exact);
    out.addAll(prefix);
    out.addAll(substring);
    return out;
  }

  /** The tag before this one by snapshot date (or source order), to say what changed. */
  public Optional<TagView> previous(TagView tag) {
    int i = tags.indexOf(tag);
    if (tag.date() != null) {
      return tags.stream().filter(t -> t.date() != null && t.date().compareTo(tag.date()) < 0)
          .max(Comparator.comparing(TagView::date));
    }
    return i + 1 < tags.size() ? Optional.of(tags.get(i + 1)) : Optional.empty();
  }

  public SnapshotDiff diff(String from, String to, String onlyPackage) {
    return SnapshotDiff.compute(catalogTags.get(from), catalogTags.get(to), onlyPackage);
  }

  public boolean hasTag(String name) {
    return catalogTags.containsKey(name);
  }
}
