package io.cachescope.catalog;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What a tag holds, computed once from its stacks: the in-cache builds of each package (newest
 * version first), the stacks of each hash, each spec's compilers, and the summaries the pages
 * list. The in-memory view keeps it; an ingest writes its summaries to the catalog.
 */
public final class TagContents {

  /** Builds newest version first (Spack's version order), then by hash. */
  public static final Comparator<ConcreteSpec> NEWEST_FIRST =
      Comparator.comparing((ConcreteSpec s) -> Version.parse(s.version())).reversed().thenComparing(ConcreteSpec::hash);

  private final Tag tag;
  private final Union union;
  private final StackIndex stacks;
  private final Map<String, List<ConcreteSpec>> builds = new LinkedHashMap<>();
  private final Map<String, PackageSummary> packages = new LinkedHashMap<>();
  private final Map<String, String> compilers = new HashMap<>();
  private final TagSummary summary;

  /** {@code lookup}: finds compiler nodes (the tag's own records, or a whole catalog's). */
  public TagContents(Tag tag, Function<String, ConcreteSpec> lookup) {
    this.tag = tag;
    this.union = tag.union();
    this.stacks = new StackIndex(tag);
    TreeSet<String> platforms = new TreeSet<>();
    TreeSet<String> oss = new TreeSet<>();
    TreeSet<String> targets = new TreeSet<>();
    int count = 0;
    for (Map.Entry<String, List<ConcreteSpec>> e : union.byPackage().entrySet()) {
      List<ConcreteSpec> list = new ArrayList<>(e.getValue());
      list.sort(NEWEST_FIRST);
      TreeSet<String> versions = new TreeSet<>(Version::compare);
      TreeSet<String> pkgCompilers = new TreeSet<>();
      TreeSet<String> pkgOss = new TreeSet<>();
      TreeSet<String> pkgTargets = new TreeSet<>();
      TreeSet<String> labels = new TreeSet<>();
      for (ConcreteSpec s : list) {
        String c = SpecFormat.compilers(s, lookup);
        compilers.put(s.hash(), c);
        versions.add(s.version());
        pkgCompilers.add(c);
        pkgOss.add(s.os());
        pkgTargets.add(s.target());
        platforms.add(String.valueOf(s.platform()));
        stacks.of(s.hash()).stream().filter(l -> !l.equals(Stack.UNION_LABEL)).forEach(labels::add);
      }
      count += list.size();
      oss.addAll(pkgOss);
      targets.addAll(pkgTargets);
      builds.put(e.getKey(), List.copyOf(list));
      packages.put(e.getKey(), new PackageSummary(e.getKey(), tag.name(), list.size(),
          new ArrayList<>(versions.descendingSet()), List.copyOf(pkgCompilers), List.copyOf(pkgOss),
          List.copyOf(pkgTargets), List.copyOf(labels)));
    }
    List<String> labels = tag.stacks().stream().map(Stack::label).filter(l -> !l.equals(Stack.UNION_LABEL)).distinct().toList();
    Stack root = tag.stacks().stream().filter(s -> s.label().equals(Stack.UNION_LABEL)).findFirst()
        .orElse(tag.stacks().isEmpty() ? null : tag.stacks().get(0));
    boolean signed = tag.stacks().stream().flatMap(s -> s.index().memberships().values().stream())
        .anyMatch(m -> m.signature() != SignatureState.UNSIGNED);
    summary = new TagSummary(tag.name(), Tag.snapshotDate(tag.name()), labels, packages.size(), count,
        List.copyOf(platforms), List.copyOf(oss), List.copyOf(targets), root == null ? "" : root.url(), signed);
  }

  public Tag tag() {
    return tag;
  }

  /** Every record of the tag's stacks, each hash once. */
  public Union union() {
    return union;
  }

  public TagSummary summary() {
    return summary;
  }

  /** Package summaries by name, in Python's string order. */
  public Map<String, PackageSummary> packages() {
    return packages;
  }

  /** The in-cache builds of a package, newest first; empty when the tag has none. */
  public List<ConcreteSpec> builds(String name) {
    return builds.getOrDefault(name, List.of());
  }

  /** Sorted labels of the stacks whose index holds this hash. */
  public List<String> stacksOf(String hash) {
    return stacks.of(hash);
  }

  /** The compilers of an in-cache build, as {@code buildcache list} prints them. */
  public String compilersOf(String hash) {
    return compilers.get(hash);
  }
}
