package io.cachescope.query;

import io.cachescope.catalog.SpecFormat;
import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Dependency;
import io.cachescope.catalog.Variant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One constraint in Spack spec syntax, as {@code spack buildcache list} takes them: {@code
 * name@versions %compiler +variant ~variant key=value key:=v1,v2 platform= os= target=
 * namespace= /hashprefix ^dependency...}. Every part is optional; a spec matches when it
 * satisfies every part.
 *
 * @param versions null when no {@code @} was given
 * @param target a name, or a range {@code lo:}, {@code :hi}, {@code lo:hi} over archspec's DAG
 */
public record SpecConstraint(
    String name,
    VersionConstraint versions,
    List<VariantConstraint> variants,
    List<CompilerConstraint> compilers,
    String platform,
    String os,
    String target,
    String namespace,
    String hashPrefix,
    List<SpecConstraint> dependencies) {

  /** {@code +x}/{@code ~x} (values {@code true}/{@code false}), {@code x=v1,v2} or {@code x:=v1,v2}. */
  public record VariantConstraint(String name, boolean bool, boolean exact, List<String> values) {
    @Override
    public String toString() {
      if (bool) {
        return (values.get(0).equals("true") ? "+" : "~") + name;
      }
      return name + (exact ? ":=" : "=") + String.join(",", values);
    }
  }

  /** {@code %name@versions} or {@code %c,cxx=name@versions}. */
  public record CompilerConstraint(List<String> virtuals, String name, VersionConstraint versions) {
    @Override
    public String toString() {
      return "%" + (virtuals.isEmpty() ? "" : String.join(",", virtuals) + "=") + name
          + (versions == null ? "" : "@" + versions);
    }
  }

  public SpecConstraint {
    variants = List.copyOf(variants.stream().sorted((a, b) -> a.name().compareTo(b.name())).toList());
    compilers = List.copyOf(compilers);
    dependencies = List.copyOf(dependencies);
  }

  /**
   * Whether {@code spec} satisfies every part. {@code lookup} finds dependency records (for
   * {@code %} versions and {@code ^}); {@code archspec} decides target ranges.
   */
  public boolean matches(ConcreteSpec spec, Function<String, ConcreteSpec> lookup, Microarchitectures archspec) {
    // Cheapest and most selective parts first, stopping at the first miss: a query scans
    // hundreds of thousands of specs; failures() below explains misses, for a handful.
    if ((name != null && !name.equals(spec.name()))
        || (hashPrefix != null && !spec.hash().startsWith(hashPrefix))
        || (platform != null && !platform.equals(spec.platform()))
        || (os != null && !os.equals(spec.os()))
        || (namespace != null && !namespace.equals(spec.namespace()))
        || (versions != null && !versions.satisfiedBy(spec.version()))) {
      return false;
    }
    for (VariantConstraint v : variants) {
      if (!variantMatches(v, spec.variant(v.name()))) {
        return false;
      }
    }
    if (target != null && !targetMatches(spec.target(), archspec)) {
      return false;
    }
    for (CompilerConstraint c : compilers) {
      if (!compilerMatches(c, spec, lookup)) {
        return false;
      }
    }
    for (SpecConstraint dep : dependencies) {
      if (!anyDependency(spec, dep, lookup, archspec)) {
        return false;
      }
    }
    return true;
  }

  /** The parts {@code spec} breaks, in plain words (empty when it matches). */
  public List<String> failures(ConcreteSpec spec, Function<String, ConcreteSpec> lookup, Microarchitectures archspec, Host host) {
    List<String> out = new ArrayList<>();
    if (name != null && !name.equals(spec.name())) {
      out.add("name " + spec.name() + " (wanted " + name + ")");
    }
    if (versions != null && !versions.satisfiedBy(spec.version())) {
      out.add("version " + spec.version() + " (wanted @" + versions + ")");
    }
    for (VariantConstraint v : variants) {
      Variant have = spec.variant(v.name());
      if (!variantMatches(v, have)) {
        out.add((have == null ? "no variant " + v.name() : SpecFormat.variant(have, SpecFormat.Style.SPACK_1)) + " (wanted " + v + ")");
      }
    }
    for (CompilerConstraint c : compilers) {
      if (!compilerMatches(c, spec, lookup)) {
        out.add("compiler " + SpecFormat.compilers(spec, lookup) + " (wanted " + c + ")");
      }
    }
    if (platform != null && !platform.equals(spec.platform())) {
      out.add("platform " + spec.platform() + " (wanted " + platform + ")");
    }
    if (os != null && !os.equals(spec.os())) {
      out.add("os " + spec.os() + " (wanted " + os + ")");
    }
    if (target != null && !targetMatches(spec.target(), archspec)) {
      out.add("target " + spec.target() + " (wanted " + target + ")");
    }
    if (namespace != null && !namespace.equals(spec.namespace())) {
      out.add("namespace " + spec.namespace() + " (wanted " + namespace + ")");
    }
    if (hashPrefix != null && !spec.hash().startsWith(hashPrefix)) {
      out.add("hash " + spec.hash().substring(0, Math.min(7, spec.hash().length())) + " (wanted /" + hashPrefix + ")");
    }
    for (SpecConstraint dep : dependencies) {
      if (!anyDependency(spec, dep, lookup, archspec)) {
        out.add("no dependency matching ^" + dep);
      }
    }
    if (host != null) {
      if (!host.platform().equals(spec.platform()) || !host.os().equals(spec.os())) {
        out.add("os " + spec.platform() + "-" + spec.os() + " (host " + host.platform() + "-" + host.os() + ")");
      } else if (!archspec.isCompatible(spec.target(), host.target())) {
        out.add("target " + spec.target() + " does not run on " + host.target());
      }
    }
    return out;
  }

  private static boolean variantMatches(VariantConstraint v, Variant have) {
    if (have == null) {
      return false;
    }
    if (v.bool()) {
      return have.kind() == Variant.Kind.BOOL && have.enabled() == v.values().get(0).equals("true");
    }
    if (have.kind() == Variant.Kind.BOOL) {
      return v.values().size() == 1 && have.values().get(0).equalsIgnoreCase(v.values().get(0));
    }
    if (v.exact()) {
      return new HashSet<>(have.values()).equals(new HashSet<>(v.values()));
    }
    return have.values().containsAll(v.values());
  }

  private static boolean compilerMatches(CompilerConstraint c, ConcreteSpec spec, Function<String, ConcreteSpec> lookup) {
    String pkg = SpecFormat.compilerPackage(c.name());
    for (Dependency d : spec.dependencies()) {
      boolean named = d.name().equals(c.name()) || d.name().equals(pkg);
      boolean virtualsOk = c.virtuals().isEmpty() || d.virtuals().containsAll(c.virtuals());
      if (named && virtualsOk) {
        if (c.versions() == null) {
          return true;
        }
        ConcreteSpec node = lookup.apply(d.hash());
        if (node != null && c.versions().satisfiedBy(node.version())) {
          return true;
        }
      }
    }
    if (spec.legacyCompiler() != null && c.virtuals().isEmpty()) {
      String n = spec.legacyCompiler().name();
      boolean named = n.equals(c.name()) || SpecFormat.compilerPackage(n).equals(pkg);
      return named && (c.versions() == null || c.versions().satisfiedBy(spec.legacyCompiler().version()));
    }
    return false;
  }

  private boolean targetMatches(String have, Microarchitectures archspec) {
    if (have == null) {
      return false;
    }
    int colon = target.indexOf(':');
    if (colon < 0) {
      return have.equals(target);
    }
    String lo = target.substring(0, colon);
    String hi = target.substring(colon + 1);
    // lo: the target or anything newer in its line; :hi: the target or anything it runs.
    boolean loOk = lo.isEmpty() || have.equals(lo) || archspec.ancestors(have).contains(lo);
    boolean hiOk = hi.isEmpty() || have.equals(hi) || archspec.ancestors(hi).contains(have);
    return loOk && hiOk;
  }

  private static boolean anyDependency(
      ConcreteSpec spec, SpecConstraint dep, Function<String, ConcreteSpec> lookup, Microarchitectures archspec) {
    Deque<String> todo = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    spec.dependencies().forEach(d -> todo.add(d.hash()));
    while (!todo.isEmpty()) {
      String h = todo.poll();
      if (!seen.add(h)) {
        continue;
      }
      ConcreteSpec node = lookup.apply(h);
      if (node == null) {
        continue;
      }
      if (dep.matches(node, lookup, archspec)) {
        return true;
      }
      node.dependencies().forEach(d -> todo.add(d.hash()));
    }
    return false;
  }

  /** Spack syntax that parses back to an equal constraint. */
  @Override
  public String toString() {
    StringBuilder b = new StringBuilder();
    if (name != null) {
      b.append(name);
    }
    if (versions != null) {
      b.append('@').append(versions);
    }
    for (CompilerConstraint c : compilers) {
      b.append(b.length() == 0 ? "" : " ").append(c);
    }
    List<VariantConstraint> bools = variants.stream().filter(VariantConstraint::bool).toList();
    for (VariantConstraint v : bools) {
      b.append(v);
    }
    for (VariantConstraint v : variants) {
      if (!v.bool()) {
        b.append(b.length() == 0 ? "" : " ").append(v);
      }
    }
    append(b, "platform", platform);
    append(b, "os", os);
    append(b, "target", target);
    append(b, "namespace", namespace);
    if (hashPrefix != null) {
      b.append(b.length() == 0 ? "" : " ").append('/').append(hashPrefix);
    }
    for (SpecConstraint d : dependencies) {
      b.append(b.length() == 0 ? "" : " ").append('^').append(d);
    }
    return b.toString();
  }

  private static void append(StringBuilder b, String key, String value) {
    if (value != null) {
      b.append(b.length() == 0 ? "" : " ").append(key).append('=').append(value);
    }
  }
}
