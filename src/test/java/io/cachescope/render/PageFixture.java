package io.cachescope.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Rebuilds, from a real cache.spack.io page, the build cache indices that produced it: one
 * Spack index database per stack label, holding exactly the hashes whose {@code stacks} name it,
 * with spec v5 nodes and compilers as dependencies for Spack 1.x pages, or spec v4 nodes with a
 * node compiler for older pages. Written as v2 or v3 mirrors with a sources file, so a test can
 * run the real readers and the page renderer over them.
 */
final class PageFixture {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> GENERIC_TARGETS =
      Set.of("x86_64", "x86_64_v2", "x86_64_v3", "x86_64_v4", "aarch64", "ppc64le", "riscv64");

  final String tag;
  final String packageName;
  final String text;
  final boolean spack1;
  /** Stack label -> hash -> record (in the order the page lists specs). */
  final Map<String, Map<String, ObjectNode>> stacks = new LinkedHashMap<>();

  PageFixture(Path page) throws IOException {
    text = Files.readString(page, StandardCharsets.UTF_8);
    String title = line("title: ");
    packageName = title.substring(1, title.length() - 1);
    String categories = line("categories: ");
    tag = categories.substring(categories.indexOf(", ") + 2, categories.length() - 1);
    JsonNode details = JSON.readTree(line("spec_details: "));
    spack1 = !text.contains("@=") && !tag.equals("develop-2025-03-23");
    for (JsonNode d : details) {
      ObjectNode spec = node(d);
      for (JsonNode label : d.get("stacks")) {
        stacks.computeIfAbsent(label.asText(), k -> new LinkedHashMap<>()).put(d.get("hash").asText(), record(spec, true));
      }
      String compiler = d.get("compiler").asText();
      if (spack1 && !compiler.equals("none")) {
        ObjectNode c = compilerNode(compiler, d);
        stacks.computeIfAbsent("root", k -> new LinkedHashMap<>()).put(c.get("hash").asText(), record(c, false));
      }
    }
  }

  private String line(String prefix) {
    for (String l : text.split("\n")) {
      if (l.startsWith(prefix)) {
        return l.substring(prefix.length());
      }
    }
    throw new IllegalArgumentException("no " + prefix);
  }

  private ObjectNode node(JsonNode d) {
    ObjectNode n = JSON.createObjectNode();
    n.put("name", packageName);
    n.put("version", d.get("versions").get(0).asText());
    ObjectNode arch = n.putObject("arch");
    arch.put("platform", d.get("platform").asText());
    arch.put("platform_os", d.get("os").asText());
    String target = d.get("target").asText();
    if (GENERIC_TARGETS.contains(target)) {
      arch.put("target", target);
    } else {
      ObjectNode t = arch.putObject("target");
      t.put("name", target).put("vendor", "ARM").put("generation", 0);
      t.putArray("features").add("asimd").add("sve");
      t.putArray("parents").add("aarch64");
    }
    String compiler = d.get("compiler").asText();
    if (!spack1) {
      ObjectNode c = n.putObject("compiler");
      c.put("name", compiler.substring(0, compiler.indexOf("@=")));
      c.put("version", compiler.substring(compiler.indexOf("@=") + 2));
    }
    n.put("namespace", "builtin");
    ObjectNode params = n.putObject("parameters");
    for (JsonNode v : d.get("variants")) {
      variant(params, v.asText());
    }
    for (String flag : List.of("cflags", "cppflags", "cxxflags", "fflags", "ldflags", "ldlibs")) {
      params.putArray(flag);
    }
    n.put("package_hash", "a".repeat(52) + "====");
    if (spack1 && !compiler.equals("none")) {
      ArrayNode deps = n.putArray("dependencies");
      ObjectNode edge = deps.addObject();
      edge.put("name", compiler.substring(0, compiler.indexOf('@')));
      edge.put("hash", compilerHash(compiler, d));
      ObjectNode p = edge.putObject("parameters");
      p.putArray("deptypes").add("build");
      p.putArray("virtuals").add("c").add("cxx");
    }
    if (spack1) {
      n.putObject("annotations").put("original_specfile_version", 5);
    }
    n.put("hash", d.get("hash").asText());
    return n;
  }

  /** Parses a variant string of the page back into a parameter of the node dict. */
  private static void variant(ObjectNode params, String v) {
    if (v.startsWith("+") || v.startsWith("~")) {
      params.put(v.substring(1), v.startsWith("+"));
      return;
    }
    boolean multi = v.contains(":=");
    String name = v.substring(0, v.indexOf(multi ? ":=" : "="));
    String value = v.substring(v.indexOf('=') + 1);
    if (value.startsWith("'") && value.endsWith("'")) {
      value = value.substring(1, value.length() - 1);
    }
    if (multi || name.equals("patches")) {
      ArrayNode list = params.putArray(name);
      for (String part : value.split(",")) {
        // Pages show patches as 7 characters of a sha256; the index holds all 64.
        list.add(name.equals("patches") ? part + "0".repeat(57) : part);
      }
    } else {
      params.put(name, value);
    }
  }

  private ObjectNode compilerNode(String compiler, JsonNode d) {
    ObjectNode n = JSON.createObjectNode();
    n.put("name", compiler.substring(0, compiler.indexOf('@')));
    n.put("version", compiler.substring(compiler.indexOf('@') + 1));
    ObjectNode arch = n.putObject("arch");
    arch.put("platform", d.get("platform").asText());
    arch.put("platform_os", d.get("os").asText());
    arch.put("target", "x86_64");
    n.put("namespace", "builtin");
    n.putObject("parameters").putArray("languages").add("c").add("c++");
    n.putObject("external").put("path", "/usr").putNull("module");
    n.putObject("annotations").put("original_specfile_version", 5);
    n.put("hash", compilerHash(compiler, d));
    return n;
  }

  private static String compilerHash(String compiler, JsonNode d) {
    String seed = compiler + d.get("platform").asText() + d.get("os").asText();
    try {
      byte[] sha = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
      StringBuilder b = new StringBuilder();
      String alphabet = "abcdefghijklmnopqrstuvwxyz234567";
      for (int i = 0; i < 32; i++) {
        b.append(alphabet.charAt((sha[i] & 0xff) % 32));
      }
      return b.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode record(ObjectNode spec, boolean inBuildcache) {
    ObjectNode r = JSON.createObjectNode();
    r.set("spec", spec);
    r.put("ref_count", 0);
    r.put("in_buildcache", inBuildcache);
    return r;
  }

  /** The index database JSON of one stack, compact as Spack writes it. */
  String index(String label) throws IOException {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode db = root.putObject("database");
    db.put("version", spack1 ? "8" : "7");
    ObjectNode installs = db.putObject("installs");
    stacks.get(label).forEach(installs::set);
    return JSON.writeValueAsString(root);
  }

  /** Writes every stack as a mirror in the given layout and returns the sources file. */
  Path writeMirrors(Path dir, String layout) throws IOException {
    ObjectNode sources = JSON.createObjectNode();
    ArrayNode entries = sources.putArray(tag);
    for (String label : new TreeSet<>(stacks.keySet())) {
      Path mirror = dir.resolve(label);
      byte[] index = index(label).getBytes(StandardCharsets.UTF_8);
      if (layout.equals("v2")) {
        Files.createDirectories(mirror.resolve("build_cache"));
        Files.write(mirror.resolve("build_cache/index.json"), index);
        Files.writeString(mirror.resolve("build_cache/index.json.hash"), sha256(index) + "\n");
      } else {
        String sha = sha256(index);
        Path blob = mirror.resolve("blobs/sha256/" + sha.substring(0, 2) + "/" + sha);
        Files.createDirectories(blob.getParent());
        Files.write(blob, index);
        Path manifest = mirror.resolve("v3/manifests/index/index.manifest.json");
        Files.createDirectories(manifest.getParent());
        Files.writeString(
            manifest,
            "{\n\"version\":3,\n\"data\":[\n{\n\"contentLength\":" + index.length
                + ",\n\"mediaType\":\"application/vnd.spack.db.v8+json\",\n\"compression\":\"none\",\n"
                + "\"checksumAlgorithm\":\"sha256\",\n\"checksum\":\"" + sha + "\"\n}\n]\n}");
        Files.writeString(mirror.resolve("v3/layout.json"), "{\"signing\": \"gpg\"}");
      }
      entries.addObject().put("label", label).put("url", mirror.toString());
    }
    Path file = dir.resolve("sources.json");
    JSON.writeValue(file.toFile(), sources);
    return file;
  }

  /**
   * Pushes every stack to a registry as {@code spack buildcache push} would: with {@code
   * index.spack}, or only one image per binary whose config holds the spec and the records of
   * the stack it depends on. Returns the sources file.
   */
  Path pushOci(io.cachescope.mirror.TestRegistry registry, Path dir, boolean withIndex) throws Exception {
    ObjectNode sources = JSON.createObjectNode();
    ArrayNode entries = sources.putArray(tag);
    for (String label : new TreeSet<>(stacks.keySet())) {
      String repository = "pages/" + label + (withIndex ? "-indexed" : "-plain");
      io.cachescope.mirror.OciPush push = new io.cachescope.mirror.OciPush(registry.hostPort, repository, null);
      Map<String, ObjectNode> records = stacks.get(label);
      if (withIndex) {
        push.pushIndex(index(label).getBytes(StandardCharsets.UTF_8));
      } else {
        for (Map.Entry<String, ObjectNode> r : records.entrySet()) {
          if (r.getValue().path("in_buildcache").asBoolean(true)) {
            byte[] spec = JSON.writeValueAsBytes(specFile(r.getKey(), records));
            push.pushSpec(new io.cachescope.mirror.OciPush.Entry(r.getKey(), spec, ("tarball of " + r.getKey()).getBytes(StandardCharsets.UTF_8)), Map.of());
          }
        }
      }
      entries.addObject().put("label", label).put("url", registry.url(repository));
    }
    Path file = dir.resolve("sources-oci.json");
    JSON.writeValue(file.toFile(), sources);
    return file;
  }

  /**
   * A spec file of one record (format 5 for Spack 1.x pages, else 4, as the index's nodes are):
   * the root node, then the stack's records it reaches.
   */
  private ObjectNode specFile(String hash, Map<String, ObjectNode> records) {
    ObjectNode file = JSON.createObjectNode();
    ObjectNode spec = file.putObject("spec");
    spec.putObject("_meta").put("version", spack1 ? 5 : 4);
    ArrayNode nodes = spec.putArray("nodes");
    java.util.Deque<String> todo = new java.util.ArrayDeque<>(List.of(hash));
    Set<String> seen = new java.util.HashSet<>();
    while (!todo.isEmpty()) {
      String h = todo.poll();
      ObjectNode r = records.get(h);
      if (r == null || !seen.add(h)) {
        continue;
      }
      nodes.add(r.get("spec"));
      for (JsonNode d : r.get("spec").path("dependencies")) {
        todo.add(d.path("hash").asText());
      }
    }
    return file;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
