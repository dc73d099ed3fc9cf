package io.cachescope.mirror;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import io.cachescope.catalog.Compiler;
import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Dependency;
import io.cachescope.catalog.Interner;
import io.cachescope.catalog.Variant;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads one spec node dict (docs/spack-formats.md, "Spec files and nodes") from a streaming parser into a {@link ConcreteSpec},
 * without building a tree. The same node shape appears in index records and spec files of every
 * version; both the new style ({@code {"name": ...}}) and the old name-keyed style ({@code
 * {"zlib": {...}}}) are accepted. Unknown fields are skipped, so newer writers still read.
 */
final class SpecNodeParser {

  /** Spack's compiler flag parameters; every other parameter is a variant. */
  static final Set<String> FLAG_NAMES =
      Set.of("cflags", "cppflags", "cxxflags", "fflags", "ldflags", "ldlibs");

  /** A node and the extra hashes older formats use to name it in edges. */
  record Parsed(ConcreteSpec spec, String buildHash, String fullHash) {}

  private final Interner interner;
  private final NodeBuilder builder = new NodeBuilder();
  // Hashes are many and local to one index: this table is much cheaper than the shared
  // interner, and still makes every edge point at the one string of its record.
  private final HashStrings hashes = new HashStrings();

  // Names, versions, OSes and variant values repeat across records: read them straight from
  // the parser's buffer into shared strings, so a record allocates almost no text.
  private final HashStrings texts;
  private final HashStrings packageHashes = new HashStrings();
  private final java.util.Map<String, Variant> trueVariants = new java.util.HashMap<>();
  private final java.util.Map<String, Variant> falseVariants = new java.util.HashMap<>();
  private final java.util.Map<String, java.util.Map<String, Variant>> singleVariants =
      new java.util.HashMap<>();

  SpecNodeParser(Interner interner) {
    this.interner = interner;
    this.texts = new HashStrings(interner::intern);
  }

  /** The current scalar as a shared string. */
  private String shared(JsonParser p, JsonToken v, String what) throws IOException {
    if (v != JsonToken.VALUE_STRING) {
      return interner.intern(text(p, v, what));
    }
    return texts.canonical(p);
  }

  /**
   * A {@code package_hash}, shared by the builds of one package version. They have a table of
   * their own: there are too many distinct ones to send through the catalog-wide interner.
   */
  private String packageHash(JsonParser p, JsonToken v) throws IOException {
    return v == JsonToken.VALUE_STRING ? packageHashes.canonical(p) : text(p, v, "package_hash");
  }

  private Variant boolVariant(String name, boolean value) {
    java.util.Map<String, Variant> cache = value ? trueVariants : falseVariants;
    Variant v = cache.get(name);
    if (v == null) {
      v = interner.intern(Variant.bool(name, value));
      cache.put(name, v);
    }
    return v;
  }

  private Variant singleVariant(String name, String value) {
    java.util.Map<String, Variant> byValue = singleVariants.get(name);
    if (byValue == null) {
      byValue = new java.util.HashMap<>();
      singleVariants.put(name, byValue);
    }
    Variant v = byValue.get(value);
    if (v == null) {
      v = interner.intern(Variant.single(name, value));
      byValue.put(value, v);
    }
    return v;
  }

  /** Every hash seen so far, as a record's own or as an edge's target. */
  java.util.Set<String> hashesSeen() {
    return hashes.asSet();
  }

  private String hash(String value) {
    return hashes.canonical(value);
  }

  /** The current string value as a canonical hash, read from the parser's buffer. */
  private String hash(JsonParser p, JsonToken v, String what) throws IOException {
    if (v != JsonToken.VALUE_STRING) {
      text(p, v, what);
    }
    return hashes.canonical(p);
  }

  /**
   * Parses the node whose START_OBJECT is the current token. {@code knownHash} is the record key
   * of an index (injected as the hash when the node has none, as Spack does for DB v5);
   * {@code specfileVersion} is used when the node carries no {@code original_specfile_version}.
   */
  Parsed parse(JsonParser p, String knownHash, int specfileVersion) throws IOException {
    expect(p, JsonToken.START_OBJECT, "a spec node must be an object");
    NodeBuilder b = builder;
    b.reset();
    b.specfileVersion = specfileVersion;
    JsonToken t = p.nextToken();
    if (t == JsonToken.FIELD_NAME && !isNodeField(p.currentName())) {
      // Old style: {"<package name>": {node}} with a single key.
      b.name = interner.intern(p.currentName());
      p.nextToken();
      expect(p, JsonToken.START_OBJECT, "a spec node must be an object");
      readFields(p, b);
      t = p.nextToken();
      while (t == JsonToken.FIELD_NAME) {
        p.nextToken();
        p.skipChildren();
        t = p.nextToken();
      }
    } else {
      readFieldsFrom(p, t, b);
    }
    if (b.hash == null) {
      b.hash = knownHash == null ? null : hash(knownHash);
    }
    if (b.name == null) {
      throw new NodeException("spec node has no name");
    }
    if (b.hash == null) {
      throw new NodeException("spec node " + b.name + " has no hash");
    }
    return new Parsed(b.build(interner), b.buildHash, b.fullHash);
  }

  private static boolean isNodeField(String name) {
    switch (name) {
      case "name":
      case "version":
      case "versions":
      case "arch":
      case "compiler":
      case "namespace":
      case "parameters":
      case "dependencies":
      case "hash":
      case "package_hash":
      case "full_hash":
      case "build_hash":
      case "external":
      case "annotations":
      case "patches":
      case "concrete":
      case "build_spec":
        return true;
      default:
        return false;
    }
  }

  private void readFields(JsonParser p, NodeBuilder b) throws IOException {
    readFieldsFrom(p, p.nextToken(), b);
  }

  /** The field Spack writes after this one in a node, to be matched in place (see {@link #nextField}). */
  private static SerializedString after(String field) {
    switch (field) {
      case "name":
        return VERSION;
      case "version":
        return ARCH;
      case "arch":
        return NAMESPACE;
      case "namespace":
        return PARAMETERS;
      case "parameters":
      case "external":
        return PACKAGE_HASH;
      case "package_hash":
        return DEPENDENCIES;
      case "dependencies":
        return ANNOTATIONS;
      case "annotations":
        return HASH;
      default:
        return null;
    }
  }

  private void readFieldsFrom(JsonParser p, JsonToken first, NodeBuilder b) throws IOException {
    String start = first == JsonToken.FIELD_NAME ? p.currentName() : null;
    for (String field = start; field != null; field = nextField(p, after(field))) {
      JsonToken value = p.nextToken();
      switch (field) {
        case "name":
          b.name = shared(p, value, "name");
          break;
        case "version":
          b.version = shared(p, value, "version");
          break;
        case "versions":
          readVersions(p, value, b);
          break;
        case "arch":
          readArch(p, value, b);
          break;
        case "compiler":
          readCompiler(p, value, b);
          break;
        case "namespace":
          b.namespace = value == JsonToken.VALUE_NULL ? null : shared(p, value, "namespace");
          break;
        case "parameters":
          readParameters(p, value, b);
          break;
        case "patches":
          b.nodePatches = stringList(p, value, "patches");
          break;
        case "dependencies":
          readDependencies(p, value, b);
          break;
        case "hash":
          b.hash = hash(p, value, "hash");
          break;
        case "package_hash":
          b.packageHash = value == JsonToken.VALUE_NULL ? null : packageHash(p, value);
          break;
        case "full_hash":
          b.fullHash = value == JsonToken.VALUE_NULL ? null : text(p, value, "full_hash");
          break;
        case "build_hash":
          b.buildHash = value == JsonToken.VALUE_NULL ? null : text(p, value, "build_hash");
          break;
        case "external":
          readExternal(p, value, b);
          break;
        case "annotations":
          readAnnotations(p, value, b);
          break;
        default:
          p.skipChildren();
      }
    }
    if (p.currentToken() != JsonToken.END_OBJECT) {
      throw new NodeException("unexpected " + p.currentToken() + " in spec node");
    }
  }

  private void readVersions(JsonParser p, JsonToken value, NodeBuilder b) throws IOException {
    // Abstract specs and some old files list versions; a concrete spec has exactly one.
    if (value == JsonToken.START_ARRAY) {
      List<String> versions = stringList(p, value, "versions");
      if (b.version == null && !versions.isEmpty()) {
        b.version = interner.intern(stripExact(versions.get(0)));
      }
    } else {
      p.skipChildren();
    }
  }

  private static String stripExact(String version) {
    return version.startsWith("=") ? version.substring(1) : version;
  }

  private void readArch(JsonParser p, JsonToken value, NodeBuilder b) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    SerializedString expected = PLATFORM;
    for (String field = nextField(p, expected); field != null; field = nextField(p, expected)) {
      JsonToken v = p.nextToken();
      switch (field) {
        case "platform":
          b.platform = v == JsonToken.VALUE_NULL ? null : shared(p, v, "arch/platform");
          expected = PLATFORM_OS;
          break;
        case "platform_os":
          b.os = v == JsonToken.VALUE_NULL ? null : shared(p, v, "arch/platform_os");
          expected = TARGET;
          break;
        case "target":
          b.target = readTarget(p, v);
          expected = null;
          break;
        default:
          p.skipChildren();
          expected = null;
      }
    }
  }

  /** A target is a plain name (generic targets) or an object with a name and features. */
  private String readTarget(JsonParser p, JsonToken v) throws IOException {
    if (v == JsonToken.VALUE_NULL) {
      return null;
    }
    if (v != JsonToken.START_OBJECT) {
      return shared(p, v, "arch/target");
    }
    String name = null;
    for (String field = nextField(p, NAME); field != null; field = nextField(p, null)) {
      JsonToken fv = p.nextToken();
      if (field.equals("name")) {
        name = shared(p, fv, "arch/target/name");
      } else {
        p.skipChildren();
      }
    }
    return name;
  }

  private void readCompiler(JsonParser p, JsonToken value, NodeBuilder b) throws IOException {
    if (value == JsonToken.VALUE_STRING) {
      b.compiler = Compiler.parse(p.getText());
      return;
    }
    if (value != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    String name = null;
    String version = "";
    for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      if (field.equals("name")) {
        name = text(p, v, "compiler/name");
      } else if (field.equals("version")) {
        version = stripExact(text(p, v, "compiler/version"));
      } else if (field.equals("versions") && v == JsonToken.START_ARRAY) {
        List<String> versions = stringList(p, v, "compiler/versions");
        if (!versions.isEmpty()) {
          version = stripExact(versions.get(0));
        }
      } else {
        p.skipChildren();
      }
    }
    if (name != null) {
      b.compiler = new Compiler(name, version);
    }
  }

  private void readParameters(JsonParser p, JsonToken value, NodeBuilder b) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if (FLAG_NAMES.contains(name)) {
        List<String> flags =
            v == JsonToken.START_ARRAY ? stringList(p, v, name) : singleOrNone(p, v, name);
        if (!flags.isEmpty()) {
          b.flags().put(name, flags);
        }
        continue;
      }
      switch (v) {
        case VALUE_TRUE:
          b.variants.add(boolVariant(name, true));
          break;
        case VALUE_FALSE:
          b.variants.add(boolVariant(name, false));
          break;
        case START_ARRAY:
          b.variants.add(interner.intern(Variant.multi(name, stringList(p, v, "parameters/" + name))));
          break;
        case VALUE_NULL:
          break;
        case START_OBJECT:
          throw new NodeException("parameter " + name + " is an object");
        default:
          String s = shared(p, v, "parameters/" + name);
          if (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")) {
            b.variants.add(boolVariant(name, s.toLowerCase(Locale.ROOT).equals("true")));
          } else {
            b.variants.add(singleVariant(name, s));
          }
      }
    }
  }

  private void readDependencies(JsonParser p, JsonToken value, NodeBuilder b) throws IOException {
    if (value == JsonToken.START_ARRAY) {
      // v2 and later: [{"name", "hash" | "build_hash" | "full_hash", "type" | "parameters"}]
      for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
        if (t != JsonToken.START_OBJECT) {
          throw new NodeException("a dependency must be an object");
        }
        b.dependencies.add(readEdge(p, null));
      }
    } else if (value == JsonToken.START_OBJECT) {
      // v1: {"<dep name>": {"hash": ..., "type": [...]}}
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String depName = p.currentName();
        if (p.nextToken() != JsonToken.START_OBJECT) {
          throw new NodeException("dependency " + depName + " must be an object");
        }
        b.dependencies.add(readEdge(p, depName));
      }
    } else {
      p.skipChildren();
    }
  }

  // Spack writes a node's and an edge's fields in a fixed order. Asking the parser for the
  // expected name matches its bytes in place, skipping the symbol table: there are millions.
  private static final SerializedString NAME = new SerializedString("name");
  private static final SerializedString HASH = new SerializedString("hash");
  private static final SerializedString PARAMETERS = new SerializedString("parameters");
  private static final SerializedString DEPTYPES = new SerializedString("deptypes");
  private static final SerializedString VERSION = new SerializedString("version");
  private static final SerializedString PLATFORM = new SerializedString("platform");
  private static final SerializedString PLATFORM_OS = new SerializedString("platform_os");
  private static final SerializedString TARGET = new SerializedString("target");
  private static final SerializedString ARCH = new SerializedString("arch");
  private static final SerializedString NAMESPACE = new SerializedString("namespace");
  private static final SerializedString PACKAGE_HASH = new SerializedString("package_hash");
  private static final SerializedString DEPENDENCIES = new SerializedString("dependencies");
  private static final SerializedString ANNOTATIONS = new SerializedString("annotations");
  private static final SerializedString VIRTUALS = new SerializedString("virtuals");

  /** The next field's name (the expected one when it comes), or null at the end of the object. */
  static String nextField(JsonParser p, SerializedString expected) throws IOException {
    if (expected == null) {
      p.nextToken();
    } else if (p.nextFieldName(expected)) {
      return expected.getValue();
    }
    return p.currentToken() == JsonToken.FIELD_NAME ? p.currentName() : null;
  }

  private Dependency readEdge(JsonParser p, String name) throws IOException {
    String hash = null;
    String otherHash = null;
    int deptypes = 0;
    List<String> virtuals = List.of();
    SerializedString expected = NAME;
    for (String field = nextField(p, expected); field != null; field = nextField(p, expected)) {
      JsonToken v = p.nextToken();
      switch (field) {
        case "name":
          name = shared(p, v, "dependencies/name");
          expected = HASH;
          break;
        case "hash":
          hash = hash(p, v, "dependencies/hash");
          expected = PARAMETERS;
          break;
        case "build_hash":
        case "full_hash":
          // 0.17 spec files key edges by build_hash; the reader maps them back to DAG hashes.
          otherHash = nullableText(p, v, "dependencies/" + field);
          expected = null;
          break;
        case "type":
          deptypes |= deptypeBits(p, v, "dependencies/type");
          expected = null;
          break;
        case "parameters":
          expected = null;
          if (v != JsonToken.START_OBJECT) {
            p.skipChildren();
            break;
          }
          SerializedString inner = DEPTYPES;
          for (String pf = nextField(p, inner); pf != null; pf = nextField(p, inner)) {
            JsonToken pv = p.nextToken();
            if (pf.equals("deptypes")) {
              deptypes |= deptypeBits(p, pv, "dependencies/parameters/deptypes");
              inner = VIRTUALS;
            } else if (pf.equals("virtuals")) {
              List<String> named = stringList(p, pv, "dependencies/parameters/virtuals");
              virtuals = named.isEmpty() ? List.of() : interner.intern(named);
              inner = null;
            } else {
              p.skipChildren();
              inner = null;
            }
          }
          break;
        default:
          p.skipChildren();
          expected = null;
      }
    }
    if (p.currentToken() != JsonToken.END_OBJECT) {
      throw new NodeException("unexpected " + p.currentToken() + " in a dependency");
    }
    if (hash == null && otherHash != null) {
      hash = hash(otherHash);
    }
    if (name == null || hash == null) {
      throw new NodeException("dependency without name or hash");
    }
    return new Dependency(name, hash, deptypes, virtuals);
  }

  /** Deptypes as bits, read without keeping the strings: there are millions of them. */
  private int deptypeBits(JsonParser p, JsonToken value, String what) throws IOException {
    if (value == JsonToken.VALUE_STRING) {
      return Dependency.typeBit(texts.canonical(p));
    }
    if (value != JsonToken.START_ARRAY) {
      throw new NodeException(what + " must be a list");
    }
    int bits = 0;
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (t != JsonToken.VALUE_STRING) {
        throw new NodeException(what + " must hold strings");
      }
      bits |= Dependency.typeBit(texts.canonical(p));
    }
    return bits;
  }

  private void readExternal(JsonParser p, JsonToken value, NodeBuilder b) throws IOException {
    if (value == JsonToken.VALUE_NULL || value == JsonToken.VALUE_FALSE) {
      return;
    }
    if (value != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    b.external = true;
    for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      if (field.equals("path")) {
        b.externalPath = nullableText(p, v, "external/path");
      } else {
        p.skipChildren();
      }
    }
  }

  private void readAnnotations(JsonParser p, JsonToken value, NodeBuilder b) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      p.skipChildren();
      return;
    }
    for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      if (field.equals("original_specfile_version") && v.isNumeric()) {
        b.annotatedVersion = p.getIntValue();
      } else if (field.equals("compiler") && v == JsonToken.VALUE_STRING) {
        b.annotatedCompiler = Compiler.parse(p.getText());
      } else {
        p.skipChildren();
      }
    }
  }

  private List<String> stringList(JsonParser p, JsonToken value, String what) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return List.of();
    }
    if (value != JsonToken.START_ARRAY) {
      throw new NodeException(what + " must be a list");
    }
    // Most lists in an index are empty (flags, virtuals) or hold one string: no list for those.
    JsonToken first = p.nextToken();
    if (first == JsonToken.END_ARRAY) {
      return List.of();
    }
    if (!first.isScalarValue() || first == JsonToken.VALUE_NULL) {
      throw new NodeException(what + " must hold strings");
    }
    String one = shared(p, first, what);
    JsonToken second = p.nextToken();
    if (second == JsonToken.END_ARRAY) {
      return List.of(one);
    }
    List<String> out = new ArrayList<>(4);
    out.add(one);
    for (JsonToken t = second; t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (!t.isScalarValue() || t == JsonToken.VALUE_NULL) {
        throw new NodeException(what + " must hold strings");
      }
      out.add(shared(p, t, what));
    }
    return out.isEmpty() ? List.of() : out;
  }

  private List<String> singleOrNone(JsonParser p, JsonToken v, String what) throws IOException {
    if (v == JsonToken.VALUE_NULL) {
      return List.of();
    }
    String s = text(p, v, what);
    return s.isEmpty() ? List.of() : List.of(s);
  }

  private static String text(JsonParser p, JsonToken v, String what) throws IOException {
    if (v == null || !v.isScalarValue() || v == JsonToken.VALUE_NULL) {
      throw new NodeException(what + " must be a string");
    }
    return p.getText();
  }

  private static String nullableText(JsonParser p, JsonToken v, String what) throws IOException {
    return v == JsonToken.VALUE_NULL ? null : text(p, v, what);
  }

  private static void expect(JsonParser p, JsonToken expected, String message) {
    if (p.currentToken() != expected) {
      throw new NodeException(message);
    }
  }

  /** A node that is not what Spack writes; the caller adds source and place. */
  static final class NodeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NodeException(String message) {
      super(message);
    }
  }

  private static final class NodeBuilder {
    String name;
    String version;
    String namespace;
    String platform;
    String os;
    String target;
    Compiler compiler;
    Compiler annotatedCompiler;
    int annotatedVersion;
    int specfileVersion;
    final List<Variant> variants = new ArrayList<>(8);
    Map<String, List<String>> flags;
    final List<Dependency> dependencies = new ArrayList<>(8);
    List<String> nodePatches = List.of();
    boolean external;
    String externalPath;
    String packageHash;
    String hash;
    String buildHash;
    String fullHash;

    /** Clears the builder for the next node: one builder serves a whole index. */
    void reset() {
      name = null;
      version = null;
      namespace = null;
      platform = null;
      os = null;
      target = null;
      compiler = null;
      annotatedCompiler = null;
      annotatedVersion = 0;
      specfileVersion = 0;
      variants.clear();
      flags = null;
      dependencies.clear();
      nodePatches = List.of();
      external = false;
      externalPath = null;
      packageHash = null;
      hash = null;
      buildHash = null;
      fullHash = null;
    }

    Map<String, List<String>> flags() {
      if (flags == null) {
        flags = new TreeMap<>();
      }
      return flags;
    }

    ConcreteSpec build(Interner in) {
      if (!nodePatches.isEmpty() && variants.stream().noneMatch(v -> v.name().equals("patches"))) {
        variants.add(Variant.multi("patches", nodePatches));
      }
      List<Variant> sorted;
      if (variants.isEmpty()) {
        sorted = List.of();
      } else {
        variants.sort((a, c) -> a.name().compareTo(c.name()));
        sorted = in.intern(List.copyOf(variants));
      }
      Compiler legacy = compiler != null ? compiler : annotatedCompiler;
      int version = annotatedVersion > 0 ? annotatedVersion : specfileVersion;
      // Names, versions and the architecture were interned as they were read.
      return new ConcreteSpec(
          hash,
          name,
          this.version == null ? "" : this.version,
          namespace,
          platform,
          os,
          target,
          in.intern(legacy),
          sorted,
          flags == null ? Map.of() : in.intern(Collections.unmodifiableMap(flags)),
          dependencies.isEmpty() ? List.of() : List.copyOf(dependencies),
          external,
          externalPath,
          version,
          packageHash);
    }
  }
}
