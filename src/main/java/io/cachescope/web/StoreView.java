package io.cachescope.web;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Membership;
import io.cachescope.catalog.PackageSummary;
import io.cachescope.catalog.PyStrings;
import io.cachescope.catalog.SpecFormat;
import io.cachescope.catalog.TagContents;
import io.cachescope.catalog.TagSummary;
import io.cachescope.catalog.Union;
import io.cachescope.catalog.Version;
import io.cachescope.query.SnapshotDiff;
import io.cachescope.store.CatalogReads;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The catalog as the server reads it from the database: tag summaries and the package-name index
 * kept (small: they grow with packages, not specs), everything else read on demand into bounded
 * caches. One view per published state: when a writer publishes, the server makes a new one
 * (in milliseconds) and the old one's caches go with it.
 */
public final class StoreView implements CatalogView {

  /** Records of a hash: the spec, its compilers, and what each tag holding it says. */
  private record Facts(ConcreteSpec spec, String compilers, List<String> tags, Map<String, List<String>> stacks, Membership all) {}

  private static final int CHUNK = 500;

  private final CatalogReads reads;
  private final long version;
  private final List<TagSummary> tags;
  private final Map<String, Integer> position = new HashMap<>();
  private final Map<String, List<String>> tagsWith = new HashMap<>();
  private final Set<String> names;
  private final long specCount;
  private final String loadedAt = CatalogView.now();
  private final LoadingCache<String, Map<String, PackageSummary>> packages;
  private final LruCache<String, List<String>> packageHashes;
  private final LoadingCache<String, Map<String, PackageSummary>> summaries;
  private final LruCache<String, Optional<Facts>> facts;

  /**
   * Reads the tag summaries and package names of the catalog's current state. {@code
   * cachedSpecs}: how many records the caches hold at most (about a kilobyte each).
   */
  public StoreView(CatalogReads reads, int cachedSpecs) {
    this.reads = reads;
    this.version = reads.version();
    this.tags = List.copyOf(reads.tags());
    for (int i = 0; i < tags.size(); i++) {
      position.put(tags.get(i).name(), i);
    }
    TreeSet<String> all = new TreeSet<>();
    reads.packageTags().forEach((name, in) -> {
      List<String> known = in.stream().filter(position::containsKey).sorted(Comparator.comparing(position::get)).toList();
      if (!known.isEmpty()) {
        tagsWith.put(name, known);
        all.add(name);
      }
    });
    this.names = java.util.Collections.unmodifiableSet(all);
    this.specCount = reads.specCount();
    this.packages = Caffeine.newBuilder().maximumWeight(Math.max(1_000, cachedSpecs / 4))
        .<String, Map<String, PackageSummary>>weigher((tag, map) -> Math.max(1, map.size()))
        .build(this::loadPackages);
    this.summaries = Caffeine.newBuilder().maximumSize(Math.max(100, cachedSpecs / 10)).build(this::loadSummaries);
    this.facts = new LruCache<>(cachedSpecs, f -> 1);
    this.packageHashes = new LruCache<>(cachedSpecs, hashes -> Math.max(1, hashes.size()));
  }

  /** The catalog state this view shows: the generation counter when it was made. */
  public long version() {
    return version;
  }

  @Override
  public String loadedAt() {
    return loadedAt;
  }

  @Override
  public List<TagSummary> tags() {
    return tags;
  }

  @Override
  public long specCount() {
    return specCount;
  }

  @Override
  public Set<String> packageNames() {
    return names;
  }

  @Override
  public List<String> tagsWith(String name) {
    return tagsWith.getOrDefault(name, List.of());
  }

  @Override
  public Map<String, PackageSummary> packages(String tag) {
    return position.containsKey(tag) ? packages.get(tag) : Map.of();
  }

  /** One package's summary in one tag: from the tag's summaries when they are read, else the package's. */
  @Override
  public Optional<PackageSummary> pkg(String tag, String name) {
    Map<String, PackageSummary> all = packages.getIfPresent(tag);
    return Optional.ofNullable(all != null ? all.get(name) : summaries(name).get(tag));
  }

  @Override
  public Map<String, PackageSummary> summaries(String name) {
    return tagsWith.containsKey(name) ? summaries.get(name) : Map.of();
  }

  private Map<String, PackageSummary> loadSummaries(String name) {
    Map<String, PackageSummary> out = new TreeMap<>(Comparator.comparing(position::get));
    reads.packageSummaries(name).stream().filter(p -> position.containsKey(p.tag())).forEach(p -> out.put(p.tag(), p));
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(out));
  }

  private Map<String, PackageSummary> loadPackages(String tag) {
    Map<String, PackageSummary> out = new TreeMap<>(PyStrings.ORDER);
    reads.packages(tag).forEach(p -> out.put(p.name(), p));
    return java.util.Collections.unmodifiableMap(out);
  }

  @Override
  public List<ConcreteSpec> builds(String tag, String name) {
    if (!tagsWith(name).contains(tag)) {
      return List.of();
    }
    List<ConcreteSpec> out = new ArrayList<>();
    for (Facts f : facts(hashesOf(name))) {
      if (f.tags().contains(tag)) {
        out.add(f.spec());
      }
    }
    out.sort(TagContents.NEWEST_FIRST);
    return out;
  }

  @Override
  public List<ConcreteSpec> buildsAcross(String name) {
    if (!tagsWith.containsKey(name)) {
      return List.of();
    }
    return facts(hashesOf(name)).stream().filter(f -> !f.tags().isEmpty()).map(Facts::spec).toList();
  }

  /** The hashes of a package's records; read with their facts, which are kept, when not known. */
  private List<String> hashesOf(String name) {
    List<String> known = packageHashes.get(name);
    if (known == null) {
      Map<String, Optional<Facts>> found = group(reads.packageRecords(name));
      facts.putAll(found);
      known = List.copyOf(found.keySet());
      packageHashes.put(name, known);
    }
    return known;
  }

  @Override
  public Iterable<ConcreteSpec> buildsOn(String tag, String os) {
    if (!position.containsKey(tag)) {
      return List.of();
    }
    return () -> {
      // Package by package in name order, each newest first, as the in-memory view gives them.
      List<CatalogReads.Build> builds = new ArrayList<>(reads.builds(tag, os));
      builds.sort(Comparator.comparing(CatalogReads.Build::name, PyStrings.ORDER)
          .thenComparing((CatalogReads.Build b) -> Version.parse(b.version()), Comparator.reverseOrder())
          .thenComparing(CatalogReads.Build::hash));
      return new Iterator<>() {
        private int next;
        private final java.util.ArrayDeque<ConcreteSpec> ready = new java.util.ArrayDeque<>();

        @Override
        public boolean hasNext() {
          while (ready.isEmpty() && next < builds.size()) {
            List<String> chunk = builds.subList(next, Math.min(builds.size(), next + CHUNK)).stream().map(CatalogReads.Build::hash).toList();
            next += chunk.size();
            facts(chunk).forEach(f -> ready.add(f.spec()));
          }
          return !ready.isEmpty();
        }

        @Override
        public ConcreteSpec next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          return ready.poll();
        }
      };
    };
  }

  @Override
  public Map<String, Map<String, Integer>> archCounts(String tag) {
    Map<String, Map<String, Integer>> out = new TreeMap<>(PyStrings.ORDER);
    if (position.containsKey(tag)) {
      out.putAll(reads.archCounts(tag));
    }
    return out;
  }

  @Override
  public Optional<ConcreteSpec> spec(String hash) {
    return fact(hash).map(Facts::spec);
  }

  @Override
  public void prefetch(Collection<String> hashes) {
    facts(List.copyOf(new java.util.LinkedHashSet<>(hashes)));
  }

  private Optional<Facts> fact(String hash) {
    Optional<Facts> f = facts.get(hash);
    if (f == null) {
      f = load(List.of(hash)).getOrDefault(hash, Optional.empty());
      facts.put(hash, f);
    }
    return f;
  }

  @Override
  public List<ConcreteSpec> byHashPrefix(String prefix, int limit) {
    return facts(reads.hashesWithPrefix(prefix, limit)).stream().map(Facts::spec).toList();
  }

  @Override
  public Union union(List<String> tagNames, Collection<String> only) {
    Union u = new Union();
    for (String t : tagNames) {
      reads.tag(t, only).ifPresent(tag -> u.add(tag.union()));
    }
    return u;
  }

  @Override
  public Membership membership(String hash) {
    return fact(hash).map(Facts::all).orElse(null);
  }

  @Override
  public List<String> tagsOf(String hash) {
    return fact(hash).map(Facts::tags).orElse(List.of());
  }

  @Override
  public Map<String, List<String>> stacksOf(String hash) {
    return fact(hash).map(Facts::stacks).orElse(Map.of());
  }

  @Override
  public String compilerOf(ConcreteSpec s) {
    String known = fact(s.hash()).map(Facts::compilers).orElse(null);
    return known != null ? known : SpecFormat.compilers(s, this::lookup);
  }

  @Override
  public SnapshotDiff diff(String from, String to, String onlyPackage) {
    if (onlyPackage != null) {
      // One package: from its cached records, no read of either tag.
      return SnapshotDiff.compute(from, contents(from, onlyPackage), to, contents(to, onlyPackage));
    }
    return SnapshotDiff.compute(reads.tag(from, null).orElseThrow(), reads.tag(to, null).orElseThrow(), null);
  }

  private SnapshotDiff.Contents contents(String tag, String name) {
    Map<String, ConcreteSpec> builds = new LinkedHashMap<>();
    for (Facts f : facts(hashesOf(name))) {
      if (f.tags().contains(tag)) {
        builds.put(f.spec().hash(), f.spec());
      }
    }
    Map<String, Map<String, ConcreteSpec>> byName = builds.isEmpty() ? Map.of() : Map.of(name, builds);
    return new SnapshotDiff.Contents() {
      @Override
      public Map<String, Map<String, ConcreteSpec>> byName() {
        return byName;
      }

      @Override
      public List<String> stacksOf(String hash) {
        return StoreView.this.stacksOf(hash).getOrDefault(tag, List.of());
      }

      @Override
      public String compilers(ConcreteSpec s) {
        return compilerOf(s);
      }
    };
  }

  /** The facts of these hashes, in this order, from the cache or (the ones it lacks) read in bulk. */
  private List<Facts> facts(List<String> hashes) {
    Map<String, Optional<Facts>> present = new HashMap<>();
    for (String h : hashes) {
      Optional<Facts> f = facts.get(h);
      if (f != null) {
        present.put(h, f);
      }
    }
    List<String> missing = hashes.stream().filter(h -> !present.containsKey(h)).toList();
    Map<String, Optional<Facts>> loaded = missing.isEmpty() ? Map.of() : load(missing);
    facts.putAll(loaded);
    List<Facts> out = new ArrayList<>(hashes.size());
    for (String h : hashes) {
      Optional<Facts> f = present.containsKey(h) ? present.get(h) : loaded.getOrDefault(h, Optional.empty());
      f.ifPresent(out::add);
    }
    return out;
  }

  private Map<String, Optional<Facts>> load(List<String> hashes) {
    Map<String, Optional<Facts>> out = new HashMap<>(group(reads.records(hashes)));
    hashes.forEach(h -> out.putIfAbsent(h, Optional.empty()));
    return out;
  }

  /** Groups records by hash into what the pages ask of a hash, as the in-memory view computes it. */
  private Map<String, Optional<Facts>> group(List<CatalogReads.Held> rows) {
    Map<String, List<CatalogReads.Held>> byHash = new LinkedHashMap<>();
    for (CatalogReads.Held h : rows) {
      if (position.containsKey(h.tag())) { // a tag published after this view was made waits for the next
        byHash.computeIfAbsent(h.spec().hash(), k -> new ArrayList<>()).add(h);
      }
    }
    Map<String, Optional<Facts>> out = new LinkedHashMap<>();
    byHash.forEach((hash, held) -> {
      Map<String, Membership> perTag = new HashMap<>();
      Map<String, TreeSet<String>> labels = new HashMap<>();
      Membership all = null;
      for (CatalogReads.Held h : held) {
        perTag.merge(h.tag(), h.membership(), Membership::union);
        labels.computeIfAbsent(h.tag(), k -> new TreeSet<>(PyStrings.ORDER)).add(h.stack());
        all = all == null ? h.membership() : all.union(h.membership());
      }
      List<String> in = perTag.entrySet().stream().filter(e -> e.getValue().inBuildcache()).map(Map.Entry::getKey)
          .sorted(Comparator.comparing(position::get)).toList();
      Map<String, List<String>> stacks = new LinkedHashMap<>();
      in.forEach(t -> stacks.put(t, List.copyOf(labels.get(t))));
      out.put(hash, Optional.of(new Facts(held.get(0).spec(), held.get(0).compilers(), in, stacks, all)));
    });
    return out;
  }
}
