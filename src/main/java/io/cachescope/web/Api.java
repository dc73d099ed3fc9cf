package io.cachescope.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Membership;
import io.cachescope.query.Host;
import io.cachescope.query.Microarchitectures;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON behind every page; {@code /api/openapi.json} documents it. */
public final class Api {
  private static final ObjectMapper JSON =
      new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private final CatalogView view;

  public Api(CatalogView view) {
    this.view = view;
  }

  static byte[] bytes(Object value) {
    try {
      return JSON.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public Map<String, Object> home() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("specs", view.specCount());
    m.put("packages", view.packageCount());
    m.put("stacks", view.stackCount());
    m.put("tags", tags());
    return m;
  }

  public List<Map<String, Object>> tags() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (io.cachescope.catalog.TagSummary t : view.tags()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", t.name());
      m.put("date", t.date());
      m.put("packages", t.packages());
      m.put("specs", t.specs());
      m.put("stacks", t.stacks());
      out.add(m);
    }
    return out;
  }

  public Optional<List<Map<String, Object>>> packages(String tag) {
    return view.tag(tag).map(t -> view.packages(t.name()).values().stream().map(this::summary).toList());
  }

  Map<String, Object> summary(io.cachescope.catalog.PackageSummary p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", p.name());
    m.put("tag", p.tag());
    m.put("specs", p.builds());
    m.put("versions", p.versions());
    m.put("compilers", p.compilers());
    m.put("oss", p.oss());
    m.put("targets", p.targets());
    m.put("stacks", p.stacks());
    return m;
  }

  /**
   * What the host picker needs: the platforms, OSes and targets the catalog's binaries have, and
   * for each archspec target the binary targets that run on it (its ancestors and itself).
   */
  public Map<String, Object> hosts() {
    java.util.TreeSet<String> platforms = new java.util.TreeSet<>();
    java.util.TreeSet<String> oss = new java.util.TreeSet<>();
    java.util.TreeSet<String> targets = new java.util.TreeSet<>();
    for (io.cachescope.catalog.TagSummary t : view.tags()) {
      platforms.addAll(t.platforms());
      oss.addAll(t.oss());
      targets.addAll(t.targets());
    }
    io.cachescope.query.Microarchitectures archspec = io.cachescope.query.Microarchitectures.builtin();
    Map<String, List<String>> runs = new java.util.TreeMap<>();
    for (io.cachescope.query.Microarchitectures.Target host : archspec.all()) {
      runs.put(host.name(), archspec.all().stream().map(io.cachescope.query.Microarchitectures.Target::name)
          .filter(b -> archspec.isCompatible(b, host.name())).sorted().toList());
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("platforms", platforms);
    m.put("oss", oss);
    m.put("targets", targets);
    m.put("runs_on", runs);
    return m;
  }

  public Map<String, Object> search(String query, String tag, Pages pages) {
    return result(Search.run(view, query, pages.scope(tag)));
  }

  /** {@code /api/query}: the binaries that satisfy a spec, optionally only those a host installs. */
  public Map<String, Object> query(String spec, String tag, String host, Pages pages) {
    Optional<io.cachescope.query.Host> on = host.isBlank() ? Optional.empty() : ClientHost.parse(host);
    Search.Result r = !host.isBlank() && on.isEmpty()
        ? new Search.Result(spec, Search.Kind.SPEC, List.of(), List.of(), List.of(), ClientHost.error(host), false)
        : Search.bySpec(view, spec, pages.scope(tag), on.orElse(null));
    Map<String, Object> m = result(r);
    m.put("host", host.isBlank() ? null : host);
    return m;
  }

  private Map<String, Object> result(Search.Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("query", r.query());
    m.put("kind", r.kind().name().toLowerCase(java.util.Locale.ROOT));
    m.put("tags", r.tags());
    m.put("count", r.kind() == Search.Kind.NAME ? r.packages().size() : r.specs().size());
    m.put("packages", r.packages().stream().map(h -> {
      Map<String, Object> p = summary(h.newest());
      p.put("also_in", h.alsoIn());
      return p;
    }).toList());
    m.put("specs", r.specs().stream().map(h -> {
      Map<String, Object> s = spec(h.spec(), h.tag());
      s.put("tag", h.tag());
      return s;
    }).toList());
    m.put("truncated", r.truncated());
    m.put("nearest", r.nearest().stream().map(n -> {
      Map<String, Object> s = spec(n.spec(), null);
      s.put("differences", n.differences());
      return s;
    }).toList());
    m.put("suggestions", r.suggestions());
    m.put("error", r.error());
    return m;
  }

  public Optional<Map<String, Object>> pkg(String tag, String name, Map<String, List<String>> filters, int page) {
    Optional<io.cachescope.catalog.PackageSummary> found = view.pkg(tag, name);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    io.cachescope.catalog.PackageSummary p = found.get();
    Facets.Result facets = Facets.apply(view.builds(tag, name), filters, view, tag);
    Paging paging = Paging.of(facets.specs().size(), page, Pages.PAGE_SIZE);
    Map<String, Object> m = summary(p);
    m.put("filters", filters);
    m.put("matching", facets.specs().size());
    m.put("page", paging.number());
    m.put("pages", paging.pages());
    m.put("facets", facets.counts());
    m.put("builds", paging.slice(facets.specs()).stream().map(s -> spec(s, tag)).toList());
    return Optional.of(m);
  }

  Map<String, Object> spec(ConcreteSpec s, String tag) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("hash", s.hash());
    m.put("name", s.name());
    m.put("version", s.version());
    m.put("platform", s.platform());
    m.put("os", s.os());
    m.put("target", s.target());
    m.put("compilers", view.compilerOf(s));
    m.put("variants", CatalogView.variantsOf(s));
    m.put("stacks", tag == null ? view.stacksOf(s.hash()) : view.stacksOf(s.hash()).getOrDefault(tag, List.of()));
    Membership held = view.membership(s.hash());
    m.put("in_buildcache", held.inBuildcache());
    m.put("size", held.tarballSize() >= 0 ? held.tarballSize() : null);
    m.put("signature", held.signatureLabel());
    m.put("signer", held.signer());
    return m;
  }

  public Optional<Map<String, Object>> spec(String hash) {
    return spec(hash, true);
  }

  /** {@code tree} false: what the page says without walking the dependency tree. */
  Optional<Map<String, Object>> spec(String hash, boolean tree) {
    return view.spec(hash).map(s -> {
      SpecPage page = SpecPage.of(s, view, tree);
      Map<String, Object> m = spec(s, null);
      m.put("spec", page.specString());
      m.put("tags", page.tags());
      m.put("first_seen", page.firstSeen());
      m.put("last_seen", page.lastSeen());
      m.put("flags", s.flags());
      m.put("dependencies", s.dependencies().stream().map(d -> Map.of(
          "name", d.name(), "hash", d.hash(), "deptypes", d.typeNames(), "virtuals", d.virtuals(),
          "in_buildcache", view.inBuildcache(d.hash()))).toList());
      return m;
    });
  }

  public Map<String, Object> host(String platform, String os, String target, String tag, Pages pages) {
    io.cachescope.catalog.TagSummary t = pages.tagOrDefault(tag);
    Host host = new Host(platform.isBlank() ? "linux" : platform, os, target);
    Microarchitectures archspec = Microarchitectures.builtin();
    List<Map<String, Object>> out = new ArrayList<>();
    for (ConcreteSpec s : view.buildsOn(t.name(), os.isBlank() ? null : os)) {
      if (host.installs(s, archspec)) {
        out.add(spec(s, t.name()));
      }
    }
    return Map.of("host", host.toString(), "tag", t.name(), "count", out.size(), "builds", out);
  }
}
