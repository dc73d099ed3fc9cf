package io.cachescope.corpus;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Writes realistic Spack build caches for tests and benchmarks, deterministically from a seed:
 * package names, versions, variants and dependencies from Spack's builtin repository (Feb 2025),
 * stacks with the platform, OS, target and compiler of real CI stacks, spec v5 records with
 * compilers as external dependencies (or spec v4 with node compilers for a pre-1.0 tag), in v2,
 * v3 or mixed layouts, with a cache.spack.io sources file. Run {@link #main} for the bench.
 */
public final class CorpusGenerator {

  public enum Size {
    /** CI: two tags (pre-1.0 and 1.x), four stacks each, a few hundred records. */
    SMALL,
    /** One develop snapshot: about 8,000 specs of 1,200 packages in 25 stacks. */
    SNAPSHOT,
    /** The mutable develop index: about 400,000 records. */
    DEVELOP,
    /**
     * The public cache's shape: 85 releases and weekly snapshots like {@link #SNAPSHOT} (each its
     * own variation, so their hashes differ) and the develop tag: about 2 M records, 1 M specs.
     */
    PUBLIC
  }

  public enum Layout {
    V2,
    V3,
    MIXED
  }

  /** What was written. */
  public record Summary(Path sources, Map<String, Map<String, Integer>> recordsByTagAndStack, int packages) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final List<String> FLAGS = List.of("cflags", "cppflags", "cxxflags", "fflags", "ldflags", "ldlibs");
  private static final Set<String> UNSTABLE = Set.of("master", "main", "develop", "trunk", "head", "stable");
  private static final Map<String, String> PROVIDERS = Map.ofEntries(
      Map.entry("mpi", "openmpi"), Map.entry("blas", "openblas"), Map.entry("lapack", "openblas"),
      Map.entry("zlib-api", "zlib-ng"), Map.entry("pkgconfig", "pkgconf"), Map.entry("jpeg", "libjpeg-turbo"),
      Map.entry("gl", "mesa"), Map.entry("glu", "mesa-glu"), Map.entry("uuid", "util-linux-uuid"),
      Map.entry("iconv", "libiconv"), Map.entry("fftw-api", "fftw"), Map.entry("scalapack", "netlib-scalapack"),
      Map.entry("elf", "elfutils"), Map.entry("unwind", "libunwind"), Map.entry("awk", "gawk"),
      Map.entry("yacc", "bison"), Map.entry("tbb", "intel-tbb"), Map.entry("java", "openjdk"),
      Map.entry("lua-lang", "lua"), Map.entry("szip", "libaec"));
  private static final Set<String> BUILD_TOOLS =
      Set.of("cmake", "gmake", "ninja", "pkgconf", "autoconf", "automake", "libtool", "m4", "bison", "flex", "meson", "py-pip", "py-setuptools", "py-wheel", "gettext", "perl", "texinfo");

  private final Size size;
  private final long seed;
  private final Layout layout;
  private final boolean specFiles;
  private final JsonNode universe;
  private final JsonNode archspec;

  private CorpusGenerator(Size size, long seed, Layout layout, boolean specFiles) {
    this.size = size;
    this.seed = seed;
    this.layout = layout;
    this.specFiles = specFiles;
    this.universe = resource("data/spack-packages-2025-02.json");
    this.archspec = resource("archspec/microarchitectures.json").get("microarchitectures");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** An immutable-once-built set of options, in the style of {@code java.net.http} builders. */
  public static final class Builder {
    private Size size = Size.SMALL;
    private long seed = 1;
    private Layout layout = Layout.V3;
    private boolean specFiles;

    public Builder size(Size value) {
      size = value;
      return this;
    }

    public Builder seed(long value) {
      seed = value;
      return this;
    }

    public Builder layout(Layout value) {
      layout = value;
      return this;
    }

    public Builder specFiles(boolean value) {
      specFiles = value;
      return this;
    }

    public CorpusGenerator build() {
      return new CorpusGenerator(size, seed, layout, specFiles);
    }
  }

  private static JsonNode resource(String name) {
    try (InputStream in = CorpusGenerator.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------------------------------
  // The model of a generated spec

  record Edge(String name, String hash, List<String> deptypes, List<String> virtuals) {}

  static final class Node {
    String hash;
    String name;
    String version;
    StackProfile profile;
    Map<String, Object> parameters = new TreeMap<>();
    List<Edge> dependencies = new ArrayList<>();
    boolean external;
    boolean inCache = true;
    int specVersion;
  }

  /** Concretizes packages for one stack profile, sharing nodes within one environment. */
  private final class Concretizer {
    final StackProfile profile;
    final int specVersion;
    final int variation;
    final Map<String, Node> env = new LinkedHashMap<>();
    /** Nodes in post-order: every node after its dependencies. */
    final List<Node> done = new ArrayList<>();
    Node compiler;
    Node wrapper;
    Node runtime;

    Concretizer(StackProfile profile, int specVersion, int variation) {
      this.profile = profile;
      this.specVersion = specVersion;
      this.variation = variation;
      if (specVersion >= 5) {
        compiler = externalCompiler();
        wrapper = simple("compiler-wrapper", "1.0", List.of());
        if (profile.hasRuntime()) {
          runtime = simple("gcc-runtime", profile.compilerVersion(), List.of(new Edge(compiler.name, compiler.hash, List.of("build"), List.of())));
        }
      }
    }

    SplittableRandom random(String what) {
      return new SplittableRandom(seed * 1_000_003L + (profile.label() + "/" + what + "/" + variation).hashCode());
    }

    Node externalCompiler() {
      Node n = new Node();
      n.name = profile.compiler();
      n.version = profile.compilerVersion();
      n.profile = profile;
      n.external = true;
      n.inCache = false;
      n.specVersion = specVersion;
      n.parameters.put("build_system", "generic");
      if (n.name.equals("gcc")) {
        n.parameters.put("languages", List.of("c", "c++", "fortran"));
      }
      n.hash = hash(n);
      return n;
    }

    Node simple(String name, String version, List<Edge> deps) {
      Node n = new Node();
      n.name = name;
      n.version = version;
      n.profile = profile;
      n.specVersion = specVersion;
      n.parameters.put("build_system", "generic");
      n.dependencies.addAll(deps);
      n.hash = hash(n);
      return n;
    }

    Node concretize(String name, int depth) {
      Node existing = env.get(name);
      if (existing != null) {
        return existing;
      }
      JsonNode pkg = universe.get(name);
      SplittableRandom r = random(name);
      Node n = new Node();
      n.name = name;
      n.profile = profile;
      n.specVersion = specVersion;
      n.version = version(pkg, r);
      env.put(name, n);
      variants(name, pkg, r, n.parameters);
      if (r.nextInt(12) == 0) {
        n.parameters.put("cflags", List.of("-O3", "-g"));
      }
      if (specVersion >= 5) {
        boolean compiled = false;
        List<String> langs = new ArrayList<>();
        for (JsonNode d : pkg.path("deps")) {
          String dep = d.asText();
          if (dep.equals("c") || dep.equals("cxx") || dep.equals("fortran")) {
            langs.add(dep);
            compiled = true;
          }
        }
        if (compiled) {
          n.dependencies.add(new Edge(wrapper.name, wrapper.hash, List.of("build"), List.of()));
          n.dependencies.add(new Edge(compiler.name, compiler.hash, List.of("build"), langs));
          if (runtime != null) {
            n.dependencies.add(new Edge(runtime.name, runtime.hash, List.of("link"), List.of()));
          }
        }
      }
      if (depth < 4) {
        int taken = 0;
        for (JsonNode d : pkg.path("deps")) {
          String dep = PROVIDERS.getOrDefault(d.asText(), d.asText());
          if (!universe.has(dep) || dep.equals(name) || taken >= 14) {
            continue;
          }
          Node child = concretize(dep, depth + 1);
          if (child.hash == null) {
            continue; // a dependency cycle in the package data: drop the back edge
          }
          taken++;
          List<String> types = BUILD_TOOLS.contains(dep) ? List.of("build")
              : dep.startsWith("py-") ? List.of("build", "run") : List.of("build", "link");
          List<String> virtuals = PROVIDERS.containsKey(d.asText()) ? List.of(d.asText()) : List.of();
          n.dependencies.add(new Edge(dep, child.hash, types, virtuals));
          if (types.equals(List.of("build")) && r.nextInt(20) == 0) {
            child.inCache = false; // pushed --without-build-dependencies
          }
        }
      }
      n.dependencies.sort((a, b) -> a.name().compareTo(b.name()));
      n.hash = hash(n);
      done.add(n);
      return n;
    }

    /** Every node of the environment, the compiler nodes included, dependencies first. */
    List<Node> nodes() {
      List<Node> all = new ArrayList<>();
      if (compiler != null) {
        all.add(compiler);
        all.add(wrapper);
        if (runtime != null) {
          all.add(runtime);
        }
      }
      all.addAll(done);
      for (Node n : env.values()) {
        if (!done.contains(n)) {
          all.add(n); // added by hand (the hostile-strings package)
        }
      }
      return all;
    }
  }

  private static String version(JsonNode pkg, SplittableRandom r) {
    List<String> stable = new ArrayList<>();
    for (JsonNode v : pkg.path("versions")) {
      if (!UNSTABLE.contains(v.asText())) {
        stable.add(v.asText());
      }
    }
    if (stable.isEmpty()) {
      return pkg.path("versions").size() > 0 ? pkg.path("versions").get(0).asText() : "1.0";
    }
    return stable.get(Math.min(stable.size() - 1, r.nextInt(3) == 0 ? r.nextInt(stable.size()) : 0));
  }

  private static void variants(String name, JsonNode pkg, SplittableRandom r, Map<String, Object> params) {
    boolean cmake = false;
    for (JsonNode d : pkg.path("deps")) {
      cmake |= d.asText().equals("cmake");
    }
    params.put("build_system", cmake ? "cmake" : name.startsWith("py-") ? "python_pip" : "generic");
    for (Iterator<Map.Entry<String, JsonNode>> it = pkg.path("variants").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> v = it.next();
      JsonNode def = v.getValue().get("default");
      JsonNode values = v.getValue().path("values");
      String kind = v.getValue().path("kind").asText();
      // The package data labels a few multi-valued variants "single" (default "shared,static").
      if (kind.equals("single") && def != null && def.asText().contains(",")) {
        kind = "multi";
      }
      switch (kind) {
        case "bool":
          boolean b = def != null && def.asBoolean();
          params.put(v.getKey(), r.nextInt(6) == 0 ? !b : b);
          break;
        case "multi":
          List<String> chosen = new ArrayList<>();
          for (String part : (def == null || def.isNull() ? "none" : def.asText()).split(",")) {
            chosen.add(part);
          }
          if (values.size() > 0 && r.nextInt(5) == 0) {
            chosen = new ArrayList<>(List.of(values.get(r.nextInt(values.size())).asText()));
          }
          params.put(v.getKey(), chosen.stream().distinct().sorted().toList());
          break;
        default:
          String value = def == null || def.isNull() ? "none" : def.asText();
          if (values.size() > 0 && r.nextInt(5) == 0) {
            value = values.get(r.nextInt(values.size())).asText();
          }
          params.put(v.getKey(), value);
      }
    }
  }

  /** A DAG hash derived from the node's content, so equal configurations share a hash. */
  private String hash(Node n) {
    return base32(content(n));
  }

  /**
   * Spack's {@code package_hash} covers the package's recipe and patches, not the build: every
   * build of one package version shares it.
   */
  private static String packageHash(Node n) {
    String h = base32("package.py|" + n.name + "@" + n.version);
    return h + h.substring(0, 20) + "====";
  }

  private String content(Node n) {
    StringBuilder content = new StringBuilder();
    content.append(seed).append('|').append(n.name).append('@').append(n.version).append('|')
        .append(n.profile.platform()).append('-').append(n.profile.os()).append('-').append(n.profile.target())
        .append('|').append(n.profile.compiler()).append(n.profile.compilerVersion())
        .append('|').append(n.specVersion).append('|').append(n.parameters).append('|').append(n.external);
    for (Edge e : n.dependencies) {
      content.append('|').append(e.hash()).append(e.deptypes());
    }
    return content.toString();
  }

  private static String base32(String content) {
    byte[] sha = sha256().digest(content.getBytes(StandardCharsets.UTF_8));
    String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    StringBuilder h = new StringBuilder(32);
    long bits = 0;
    int have = 0;
    int i = 0;
    while (h.length() < 32) {
      if (have < 5) {
        bits = (bits << 8) | (sha[i++] & 0xff);
        have += 8;
      }
      h.append(alphabet.charAt((int) ((bits >> (have - 5)) & 31)));
      have -= 5;
    }
    return h.toString();
  }

  // ---------------------------------------------------------------------------------------
  // Writing

  /** Writes the corpus below {@code out}. */
  public Summary writeTo(Path out) {
    try {
      return write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Summary write(Path out) throws IOException {
    Files.createDirectories(out);
    Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
    Set<String> packages = new HashSet<>();
    Map<String, List<String[]>> sources = new LinkedHashMap<>();
    switch (size) {
      case SMALL:
        List<StackProfile> small = pick("e4s", "e4s-neoverse-v2", "ml-darwin-aarch64-mps");
        writeTag(out, "develop-2025-03-30", small, 5, 12, 1, counts, packages, sources, true);
        writeTag(out, "develop-2025-03-23", small, 4, 12, 1, counts, packages, sources, false);
        break;
      case SNAPSHOT:
        writeTag(out, "develop-2025-03-30", StackProfile.DEVELOP_2025, 5, 22, 1, counts, packages, sources, false);
        break;
      case PUBLIC:
        List<String> tags = publicTags();
        for (int i = 0; i < tags.size(); i++) {
          writeTag(out, tags.get(i), StackProfile.DEVELOP_2025, 5, 22, i + 1, counts, packages, sources, false);
        }
        writeDevelop(out, counts, packages, sources);
        break;
      default:
        writeDevelop(out, counts, packages, sources);
    }
    Path file = out.resolve("sources.json");
    Map<String, List<Map<String, String>>> json = new LinkedHashMap<>();
    sources.forEach((tag, stacks) -> {
      List<Map<String, String>> entries = new ArrayList<>();
      for (String[] s : stacks) {
        entries.add(Map.of("label", s[0], "url", s[1]));
      }
      json.put(tag, entries);
    });
    JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), json);
    return new Summary(file, counts, packages.size());
  }

  /** 13 releases and 72 weekly snapshots, newest first, as the public cache names its tags. */
  static List<String> publicTags() {
    List<String> tags = new ArrayList<>(List.of("v1.1.0", "v1.0.2", "v1.0.1", "v1.0.0", "v0.23.1", "v0.23.0", "v0.22.5",
        "v0.22.2", "v0.22.1", "v0.22.0", "v0.21.2", "v0.21.1", "v0.21.0"));
    java.time.LocalDate week = java.time.LocalDate.of(2025, 8, 31);
    for (int i = 0; i < 72; i++) {
      tags.add("develop-" + week.minusWeeks(i));
    }
    return tags;
  }

  private List<StackProfile> pick(String... labels) {
    List<StackProfile> out = new ArrayList<>();
    for (String l : labels) {
      out.add(StackProfile.DEVELOP_2025.stream().filter(p -> p.label().equals(l)).findFirst().orElseThrow());
    }
    return out;
  }

  /**
   * Root candidates: the packages most others depend on, then the rest, so that stacks share
   * their common dependencies as real stacks do and a snapshot spans about 1,200 packages.
   */
  private List<String> popular() {
    if (popular == null) {
      Map<String, Integer> dependents = new TreeMap<>();
      universe.fieldNames().forEachRemaining(n -> dependents.put(n, 0));
      for (JsonNode pkg : universe) {
        for (JsonNode d : pkg.path("deps")) {
          dependents.computeIfPresent(PROVIDERS.getOrDefault(d.asText(), d.asText()), (k, v) -> v + 1);
        }
      }
      List<String> names = new ArrayList<>(dependents.keySet());
      names.sort((a, b) -> dependents.get(b) - dependents.get(a));
      popular = names.subList(0, Math.min(names.size(), 900));
    }
    return popular;
  }

  private List<String> popular;

  private List<String> roots(StackProfile profile, int count, int variation) {
    List<String> names = size == Size.DEVELOP ? allNames() : popular();
    SplittableRandom r = new SplittableRandom(seed + (profile.label() + "#roots" + variation).hashCode());
    List<String> roots = new ArrayList<>();
    while (roots.size() < count) {
      String n = names.get(r.nextInt(names.size()));
      if (!roots.contains(n)) {
        roots.add(n);
      }
    }
    return roots;
  }

  private List<String> allNames() {
    List<String> names = new ArrayList<>();
    universe.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private void writeTag(
      Path out, String tag, List<StackProfile> profiles, int specVersion, int rootsPerStack,
      int variation, Map<String, Map<String, Integer>> counts, Set<String> packages,
      Map<String, List<String[]>> sources, boolean hostile) throws IOException {
    Map<String, Map<String, Node>> byStack = new LinkedHashMap<>();
    Map<String, Node> root = new LinkedHashMap<>();
    for (StackProfile profile : profiles) {
      Concretizer c = new Concretizer(profile, specVersion, variation);
      for (String name : roots(profile, rootsPerStack, variation)) {
        c.concretize(name, 0);
      }
      if (hostile && profile.label().equals("e4s")) {
        c.nodes(); // keep order stable
        Node evil = c.simple("hostile-strings", "1.0", List.of());
        evil.parameters.put("quote", "a\"b'c");
        evil.parameters.put("slash", "back\\slash");
        evil.parameters.put("accent", "caf\u00e9");
        evil.parameters.put("script", "</script><script>alert(1)</script>");
        evil.hash = hash(evil);
        c.env.put(evil.name, evil);
      }
      Map<String, Node> nodes = new LinkedHashMap<>();
      for (Node n : c.nodes()) {
        nodes.put(n.hash, n);
        root.putIfAbsent(n.hash, n);
        packages.add(n.name);
      }
      byStack.put(profile.label(), nodes);
    }
    List<String[]> entries = new ArrayList<>();
    Map<String, Integer> tagCounts = new LinkedHashMap<>();
    Map<String, Map<String, Node>> all = new LinkedHashMap<>();
    all.put("root", root);
    all.putAll(byStack);
    for (Map.Entry<String, Map<String, Node>> e : all.entrySet()) {
      Path mirror = out.resolve(tag).resolve(e.getKey());
      writeMirror(mirror, e.getValue().values(), specVersion);
      entries.add(new String[] {e.getKey(), mirror.toAbsolutePath().toString()});
      tagCounts.put(e.getKey(), e.getValue().size());
    }
    counts.put(tag, tagCounts);
    sources.put(tag, entries);
  }

  /** The develop tag: a root index streamed to about 400,000 records, and three small stacks. */
  private void writeDevelop(
      Path out, Map<String, Map<String, Integer>> counts, Set<String> packages,
      Map<String, List<String[]>> sources) throws IOException {
    int target = 400_000;
    Path mirror = out.resolve("develop").resolve("root");
    Set<String> written = new HashSet<>();
    Map<String, Integer> tagCounts = new LinkedHashMap<>();
    List<String[]> entries = new ArrayList<>();
    Path index = Files.createDirectories(mirror.resolve("build_cache")).resolve("index.json");
    try (IndexWriter w = new IndexWriter(index, 8)) {
      int variation = 0;
      while (written.size() < target) {
        StackProfile profile = StackProfile.DEVELOP_2025.get(variation % StackProfile.DEVELOP_2025.size());
        Concretizer c = new Concretizer(profile, 5, variation / StackProfile.DEVELOP_2025.size());
        for (String name : roots(profile, 60, variation)) {
          c.concretize(name, 0);
        }
        for (Node n : c.nodes()) {
          if (written.size() < target && written.add(n.hash)) {
            w.record(n);
            packages.add(n.name);
          }
        }
        variation++;
      }
    }
    // Dependencies first, so the cut at the target count never leaves an edge dangling.
    finishMirror(mirror, index);
    tagCounts.put("root", written.size());
    entries.add(new String[] {"root", mirror.toAbsolutePath().toString()});
    for (StackProfile profile : pick("e4s", "ml-linux-x86_64-cuda", "ml-darwin-aarch64-mps")) {
      Concretizer c = new Concretizer(profile, 5, 0);
      for (String name : roots(profile, 60, 0)) {
        c.concretize(name, 0);
      }
      Path m = out.resolve("develop").resolve(profile.label());
      writeMirror(m, c.nodes(), 5);
      tagCounts.put(profile.label(), c.nodes().size());
      entries.add(new String[] {profile.label(), m.toAbsolutePath().toString()});
    }
    counts.put("develop", tagCounts);
    sources.put("develop", entries);
  }

  private void writeMirror(Path mirror, Iterable<Node> nodes, int specVersion) throws IOException {
    Path index = Files.createDirectories(mirror.resolve("build_cache")).resolve("index.json");
    Map<String, Node> byHash = new LinkedHashMap<>();
    try (IndexWriter w = new IndexWriter(index, specVersion >= 5 ? 8 : 7)) {
      for (Node n : nodes) {
        w.record(n);
        byHash.put(n.hash, n);
      }
    }
    if (specFiles) {
      writeSpecFiles(mirror, byHash);
    }
    finishMirror(mirror, index);
  }

  /** Puts the index where the layout wants it: v2 as is, v3 as a blob with a manifest. */
  private void finishMirror(Path mirror, Path index) throws IOException {
    byte[] sha = digest(index);
    String hex = HexFormat.of().formatHex(sha);
    if (layout != Layout.V3) {
      Files.writeString(index.resolveSibling("index.json.hash"), hex + "\n");
    }
    if (layout != Layout.V2) {
      Path blob = mirror.resolve("blobs/sha256/" + hex.substring(0, 2) + "/" + hex);
      Files.createDirectories(blob.getParent());
      if (layout == Layout.V3) {
        Files.move(index, blob);
      } else {
        Files.copy(index, blob);
      }
      manifest(mirror.resolve("v3/manifests/index/index.manifest.json"),
          List.<String[]>of(new String[] {String.valueOf(Files.size(blob)), "application/vnd.spack.db.v8+json", "none", hex}));
      Files.writeString(mirror.resolve("v3/layout.json"), "{\"signing\": \"gpg\"}");
    }
    if (layout == Layout.V3) {
      deleteTree(mirror.resolve("build_cache")); // v3 keeps only its own tree
    }
  }

  private void writeSpecFiles(Path mirror, Map<String, Node> byHash) throws IOException {
    for (Node n : byHash.values()) {
      if (!n.inCache) {
        continue;
      }
      List<Node> closure = new ArrayList<>();
      collect(n, byHash, closure, new HashSet<>());
      java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
      try (JsonGenerator g = FACTORY.createGenerator(buffer, JsonEncoding.UTF8)) {
        g.writeStartObject();
        g.writeObjectFieldStart("spec");
        g.writeObjectFieldStart("_meta");
        g.writeNumberField("version", n.specVersion);
        g.writeEndObject();
        g.writeArrayFieldStart("nodes");
        for (Node c : closure) {
          node(g, c);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeNumberField("buildcache_layout_version", 2);
        g.writeEndObject();
      }
      byte[] spec = buffer.toByteArray();
      byte[] tarball = new byte[256 + (int) (Math.abs((long) n.hash.hashCode()) % 4096)];
      new SplittableRandom(n.hash.hashCode()).nextBytes(tarball);
      if (layout != Layout.V3) {
        Files.write(mirror.resolve("build_cache/" + v2Name(n, byHash) + ".spec.json"), spec);
      }
      if (layout != Layout.V2) {
        String tarHex = blob(mirror, tarball);
        byte[] gz = gzip(spec);
        String specHex = blob(mirror, gz);
        Path manifest = mirror.resolve("v3/manifests/spec/" + n.name + "/" + n.name + "-" + n.version + "-" + n.hash + ".spec.manifest.json");
        manifest(manifest, List.of(
            new String[] {String.valueOf(tarball.length), "application/vnd.spack.install.v2.tar+gzip", "gzip", tarHex},
            new String[] {String.valueOf(gz.length), "application/vnd.spack.spec.v5+json", "gzip", specHex}));
      }
    }
  }

  private static void collect(Node n, Map<String, Node> byHash, List<Node> out, Set<String> seen) {
    if (!seen.add(n.hash)) {
      return;
    }
    out.add(n);
    for (Edge e : n.dependencies) {
      Node child = byHash.get(e.hash());
      if (child != null) {
        collect(child, byHash, out, seen);
      }
    }
  }

  private static String v2Name(Node n, Map<String, Node> byHash) {
    String compiler = "none";
    String version = "none";
    if (n.specVersion < 5) {
      compiler = n.profile.compiler();
      version = n.profile.compilerVersion();
    } else {
      for (Edge e : n.dependencies) {
        if (e.virtuals().contains("c") || e.virtuals().contains("cxx") || e.virtuals().contains("fortran")) {
          compiler = e.name();
          version = byHash.get(e.hash()).version;
        }
      }
    }
    String name = String.join("-", n.profile.platform(), n.profile.os(), n.profile.target(), compiler, version, n.name, n.version, n.hash);
    return name.replaceAll("[^A-Za-z0-9_+.-]", "_");
  }

  private static String blob(Path mirror, byte[] bytes) throws IOException {
    String hex = HexFormat.of().formatHex(sha256().digest(bytes));
    Path p = mirror.resolve("blobs/sha256/" + hex.substring(0, 2) + "/" + hex);
    Files.createDirectories(p.getParent());
    Files.write(p, bytes);
    return hex;
  }

  /** A manifest as Spack writes it: indent 0, one token per line. */
  private static void manifest(Path file, List<String[]> blobs) throws IOException {
    StringBuilder b = new StringBuilder("{\n\"version\":3,\n\"data\":[\n");
    for (int i = 0; i < blobs.size(); i++) {
      String[] x = blobs.get(i);
      b.append("{\n\"contentLength\":").append(x[0]).append(",\n\"mediaType\":\"").append(x[1])
          .append("\",\n\"compression\":\"").append(x[2]).append("\",\n\"checksumAlgorithm\":\"sha256\",\n\"checksum\":\"")
          .append(x[3]).append("\"\n}").append(i + 1 < blobs.size() ? ",\n" : "\n");
    }
    b.append("]\n}");
    Files.createDirectories(file.getParent());
    Files.writeString(file, b.toString());
  }

  /** Streams index records with Jackson, compact like Spack's own writer. */
  private final class IndexWriter implements AutoCloseable {
    final OutputStream out;
    final JsonGenerator g;

    IndexWriter(Path file, int dbVersion) throws IOException {
      out = Files.newOutputStream(file);
      g = FACTORY.createGenerator(new java.io.BufferedOutputStream(out, 1 << 16), JsonEncoding.UTF8);
      g.writeStartObject();
      g.writeObjectFieldStart("database");
      g.writeStringField("version", String.valueOf(dbVersion));
      g.writeObjectFieldStart("installs");
    }

    void record(Node n) throws IOException {
      g.writeObjectFieldStart(n.hash);
      g.writeFieldName("spec");
      node(g, n);
      g.writeNumberField("ref_count", 0);
      g.writeBooleanField("in_buildcache", n.inCache);
      g.writeEndObject();
    }

    @Override
    public void close() throws IOException {
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndObject();
      g.close();
    }
  }

  private void node(JsonGenerator g, Node n) throws IOException {
    g.writeStartObject();
    g.writeStringField("name", n.name);
    g.writeStringField("version", n.version);
    g.writeObjectFieldStart("arch");
    g.writeStringField("platform", n.profile.platform());
    g.writeStringField("platform_os", n.profile.os());
    String target = n.external ? family(n.profile.target()) : n.profile.target();
    JsonNode uarch = archspec.get(target);
    if (uarch == null || uarch.path("vendor").asText().equals("generic")) {
      g.writeStringField("target", target);
    } else {
      g.writeObjectFieldStart("target");
      g.writeStringField("name", target);
      g.writeStringField("vendor", uarch.path("vendor").asText());
      g.writeArrayFieldStart("features");
      for (JsonNode f : uarch.path("features")) {
        g.writeString(f.asText());
      }
      g.writeEndArray();
      g.writeNumberField("generation", uarch.path("generation").asInt(0));
      g.writeArrayFieldStart("parents");
      for (JsonNode p : uarch.path("from")) {
        g.writeString(p.asText());
      }
      g.writeEndArray();
      if (uarch.has("cpupart")) {
        g.writeStringField("cpupart", uarch.get("cpupart").asText());
      }
      g.writeEndObject();
    }
    g.writeEndObject();
    if (n.specVersion < 5) {
      g.writeObjectFieldStart("compiler");
      g.writeStringField("name", n.profile.compiler().equals("intel-oneapi-compilers") ? "oneapi" : n.profile.compiler());
      g.writeStringField("version", n.profile.compilerVersion());
      g.writeEndObject();
    }
    g.writeStringField("namespace", "builtin");
    g.writeObjectFieldStart("parameters");
    for (Map.Entry<String, Object> p : n.parameters.entrySet()) {
      if (FLAGS.contains(p.getKey())) {
        continue;
      }
      writeValue(g, p.getKey(), p.getValue());
    }
    for (String flag : FLAGS) {
      writeValue(g, flag, n.parameters.getOrDefault(flag, List.of()));
    }
    g.writeEndObject();
    if (n.external) {
      g.writeObjectFieldStart("external");
      g.writeStringField("path", "/usr");
      g.writeNullField("module");
      g.writeObjectFieldStart("extra_attributes");
      g.writeObjectFieldStart("compilers");
      g.writeStringField("c", "/usr/bin/gcc");
      g.writeStringField("cxx", "/usr/bin/g++");
      g.writeEndObject();
      g.writeEndObject();
      g.writeEndObject();
    }
    g.writeStringField("package_hash", packageHash(n));
    if (!n.dependencies.isEmpty()) {
      g.writeArrayFieldStart("dependencies");
      for (Edge e : n.dependencies) {
        g.writeStartObject();
        g.writeStringField("name", e.name());
        g.writeStringField("hash", e.hash());
        g.writeObjectFieldStart("parameters");
        g.writeArrayFieldStart("deptypes");
        for (String t : e.deptypes()) {
          g.writeString(t);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("virtuals");
        for (String v : e.virtuals()) {
          g.writeString(v);
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    if (n.specVersion >= 5) {
      g.writeObjectFieldStart("annotations");
      g.writeNumberField("original_specfile_version", 5);
      g.writeEndObject();
    }
    g.writeStringField("hash", n.hash);
    g.writeEndObject();
  }

  private String family(String target) {
    JsonNode t = archspec.get(target);
    String current = target;
    while (t != null && t.path("from").size() > 0) {
      current = t.path("from").get(t.path("from").size() - 1).asText();
      t = archspec.get(current);
    }
    return current;
  }

  private static void writeValue(JsonGenerator g, String name, Object value) throws IOException {
    if (value instanceof Boolean b) {
      g.writeBooleanField(name, b);
    } else if (value instanceof List<?> list) {
      g.writeArrayFieldStart(name);
      for (Object o : list) {
        g.writeString(String.valueOf(o));
      }
      g.writeEndArray();
    } else {
      g.writeStringField(name, String.valueOf(value));
    }
  }

  private static byte[] digest(Path file) throws IOException {
    MessageDigest sha = sha256();
    try (InputStream in = Files.newInputStream(file);
        DigestOutputStream d = new DigestOutputStream(OutputStream.nullOutputStream(), sha)) {
      in.transferTo(d);
    }
    return sha.digest();
  }

  private static byte[] gzip(byte[] bytes) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    // Java writes no time into the gzip header, so equal specs give equal blobs and checksums.
    try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
      gz.write(bytes);
    }
    return out.toByteArray();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var files = Files.walk(root)) {
      for (Path p : (Iterable<Path>) files.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.delete(p);
      }
    }
  }

  /** {@code --out DIR --size small|snapshot|develop|public --seed N --layout v2|v3|mixed [--spec-files]} */
  public static void main(String[] args) {
    Builder b = builder();
    Path out = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--out" -> out = Path.of(args[++i]);
        case "--size" -> b.size(Size.valueOf(args[++i].toUpperCase(java.util.Locale.ROOT)));
        case "--seed" -> b.seed(Long.parseLong(args[++i]));
        case "--layout" -> b.layout(Layout.valueOf(args[++i].toUpperCase(java.util.Locale.ROOT)));
        case "--spec-files" -> b.specFiles(true);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (out == null) {
      throw new IllegalArgumentException("--out DIR is required");
    }
    long start = System.nanoTime();
    Summary s = b.build().writeTo(out);
    System.out.printf("%s: %d packages, %s in %d ms%n", s.sources(), s.packages(), s.recordsByTagAndStack(),
        (System.nanoTime() - start) / 1_000_000);
  }
}
