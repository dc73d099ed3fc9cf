package io.cachescope.web;

import io.cachescope.catalog.Catalog;
import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Membership;
import io.cachescope.catalog.PackageSummary;
import io.cachescope.catalog.Tag;
import io.cachescope.catalog.TagContents;
import io.cachescope.catalog.TagSummary;
import io.cachescope.catalog.Union;
import io.cachescope.query.SnapshotDiff;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A catalog held in memory, for mirrors read without a catalog database ({@code serve
 * --mirror M}) and for the static export: every tag's contents computed once. Immutable.
 */
public final class MemoryView implements CatalogView {

  private final Map<String, TagContents> contents = new LinkedHashMap<>();
  private final List<TagSummary> tags = new ArrayList<>();
  private final Union specs = new Union();
  private final Map<String, List<String>> tagsOfHash = new HashMap<>();
  private final Map<String, Map<String, List<String>>> stacksOfHash = new HashMap<>();
  private final Map<String, List<String>> tagsWith = new HashMap<>();
  private final Set<String> names = new TreeSet<>();
  private final String loadedAt = CatalogView.now();

  public MemoryView(Catalog catalog) {
    catalog.tags().forEach(t -> specs.add(t.union()));
    for (Tag tag : catalog.tags()) {
      TagContents c = new TagContents(tag, specs::get);
      contents.put(tag.name(), c);
      tags.add(c.summary());
      for (String name : c.packages().keySet()) {
        names.add(name);
        tagsWith.computeIfAbsent(name, k -> new ArrayList<>()).add(tag.name());
        for (ConcreteSpec s : c.builds(name)) {
          tagsOfHash.computeIfAbsent(s.hash(), k -> new ArrayList<>()).add(tag.name());
          stacksOfHash.computeIfAbsent(s.hash(), k -> new LinkedHashMap<>()).put(tag.name(), c.stacksOf(s.hash()));
        }
      }
    }
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
    return tagsOfHash.size();
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
    TagContents c = contents.get(tag);
    return c == null ? Map.of() : c.packages();
  }

  @Override
  public List<ConcreteSpec> builds(String tag, String name) {
    TagContents c = contents.get(tag);
    return c == null ? List.of() : c.builds(name);
  }

  @Override
  public Iterable<ConcreteSpec> buildsOn(String tag, String os) {
    TagContents c = contents.get(tag);
    if (c == null) {
      return List.of();
    }
    return () -> c.packages().keySet().stream().flatMap(n -> c.builds(n).stream())
        .filter(s -> os == null || os.equals(s.os())).iterator();
  }

  @Override
  public Optional<ConcreteSpec> spec(String hash) {
    return Optional.ofNullable(specs.get(hash));
  }

  @Override
  public List<ConcreteSpec> byHashPrefix(String prefix, int limit) {
    return tagsOfHash.keySet().stream().filter(h -> h.startsWith(prefix)).sorted().limit(limit).map(specs::get).toList();
  }

  /** Every record of these tags: at least what {@code names} asks for. */
  @Override
  public Union union(List<String> tagNames, Collection<String> names) {
    Union u = new Union();
    tagNames.stream().map(contents::get).filter(java.util.Objects::nonNull).forEach(c -> u.add(c.union()));
    return u;
  }

  @Override
  public Membership membership(String hash) {
    return specs.membership(hash);
  }

  @Override
  public List<String> tagsOf(String hash) {
    return tagsOfHash.getOrDefault(hash, List.of());
  }

  @Override
  public Map<String, List<String>> stacksOf(String hash) {
    return stacksOfHash.getOrDefault(hash, Map.of());
  }

  @Override
  public String compilerOf(ConcreteSpec s) {
    for (TagContents c : contents.values()) {
      String known = c.compilersOf(s.hash());
      if (known != null) {
        return known;
      }
    }
    return io.cachescope.catalog.SpecFormat.compilers(s, specs::get);
  }

  @Override
  public SnapshotDiff diff(String from, String to, String onlyPackage) {
    return SnapshotDiff.compute(contents.get(from).tag(), contents.get(to).tag(), onlyPackage);
  }
}
