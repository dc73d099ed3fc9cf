package io.cachescope.mirror;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import io.cachescope.SourceException;
import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Interner;
import io.cachescope.catalog.SpecGrammar;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Streams a Spack index database ({@code build_cache/index.json}, the v3 index blob, the OCI
 * index layer; docs/spack-formats.md, "Index database") into specs, one record at a time: no tree of the whole file is ever
 * built, so an index of hundreds of megabytes reads in a small heap.
 */
public final class IndexReader {

  /** Database versions this reader understands, and the spec format each one implies. */
  public static final int OLDEST_VERSION = 5;

  public static final int NEWEST_VERSION = 8;

  static final JsonFactory JSON =
      JsonFactory.builder()
          .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
          // Record keys are hundreds of thousands of unique hashes: String.intern() on each
          // costs a tenth of the parse and fills the JVM string table for nothing.
          .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(64)
                  .maxStringLength(1 << 20)
                  .maxNumberLength(64)
                  .build())
          .build();

  /**
   * The records of one index, in file order, with the database version it declared, the hashes
   * of records marked {@code in_buildcache: false} (listed only as dependencies), and the hashes
   * edges name that are not records of this index (usually none), for a cheap dangling-edge check.
   */
  public record Result(
      int databaseVersion, Map<String, ConcreteSpec> specs, Set<String> notInBuildcache, Set<String> unresolved,
      List<String> warnings) {

    public boolean inBuildcache(String hash) {
      return !notInBuildcache.contains(hash);
    }
  }

  private static final SerializedString SPEC = new SerializedString("spec");

  private final Interner interner;

  public IndexReader(Interner interner) {
    this.interner = interner;
  }

  /** Spec file format written by the Spack series that wrote a database version. */
  static int specfileVersionOf(int databaseVersion) {
    switch (databaseVersion) {
      case 5:
        return 1;
      case 6:
        return 3;
      case 7:
        return 4;
      default:
        return 5;
    }
  }

  /** Reads the whole index; {@code source} names it in errors. The caller closes {@code in}. */
  public Result read(InputStream in, String source) {
    try (JsonParser p = JSON.createParser(in)) {
      return read(p, source);
    } catch (JsonProcessingException e) {
      throw malformed(source, e);
    } catch (SpecNodeParser.NodeException e) {
      throw new SourceException(source, "", e.getMessage());
    } catch (IOException e) {
      throw new SourceException(source, "", "cannot read index: " + e.getMessage(), e);
    }
  }

  private Result read(JsonParser p, String source) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw new SourceException(source, where(p), "an index must be a JSON object");
    }
    int version = 0;
    Map<String, ConcreteSpec> specs = null;
    Set<String> notInBuildcache = new java.util.HashSet<>();
    List<String> warnings = new java.util.ArrayList<>();
    SpecNodeParser nodes = new SpecNodeParser(interner);
    for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      if (!p.currentName().equals("database")) {
        p.nextToken();
        p.skipChildren();
        continue;
      }
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new SourceException(source, where(p), "database must be an object");
      }
      for (JsonToken d = p.nextToken(); d == JsonToken.FIELD_NAME; d = p.nextToken()) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if (field.equals("version")) {
          version = parseVersion(p, value, source);
        } else if (field.equals("installs")) {
          specs = readInstalls(p, nodes, value, version, source, notInBuildcache, warnings);
        } else {
          p.skipChildren();
        }
      }
    }
    if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
      throw new SourceException(source, where(p), "unexpected content after the database");
    }
    if (version == 0) {
      throw new SourceException(source, "/database/version", "index has no database version");
    }
    if (specs == null) {
      throw new SourceException(source, "/database/installs", "index has no installs");
    }
    boolean versionFirst = specs.values().stream().findFirst().map(s -> s.specfileVersion() != 0).orElse(true);
    return new Result(
        version, versionFirst ? specs : fixVersions(specs, version), notInBuildcache, unresolved(nodes, specs), warnings);
  }

  private static int parseVersion(JsonParser p, JsonToken value, String source)
      throws IOException {
    String text = value.isScalarValue() ? p.getText() : "";
    int version;
    try {
      version = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      version = -1;
    }
    if (version < OLDEST_VERSION || version > NEWEST_VERSION) {
      throw new SourceException(
          source,
          "/database/version",
          "unsupported index database version '" + text + "' (cachescope reads 5 to 8)");
    }
    return version;
  }

  private Map<String, ConcreteSpec> readInstalls(
      JsonParser p, SpecNodeParser nodes, JsonToken value, int version, String source, Set<String> notInBuildcache,
      List<String> warnings)
      throws IOException {
    if (value != JsonToken.START_OBJECT) {
      throw new SourceException(source, where(p), "installs must be an object");
    }
    int specfileVersion = version == 0 ? 0 : specfileVersionOf(version);
    Map<String, ConcreteSpec> specs = new LinkedHashMap<>(1 << 14);
    for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String key = p.currentName();
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new SourceException(source, where(p), "record " + key + " is not an object");
      }
      ConcreteSpec spec = null;
      boolean inBuildcache = true;
      // "spec" comes first: matched in place, as SpecNodeParser matches a node's fields.
      for (String field = SpecNodeParser.nextField(p, SPEC); field != null; field = SpecNodeParser.nextField(p, null)) {
        JsonToken v = p.nextToken();
        if (field.equals("spec")) {
          if (v != JsonToken.START_OBJECT) {
            throw new SourceException(source, where(p), "record spec is not an object");
          }
          try {
            spec = nodes.parse(p, key, specfileVersion).spec();
          } catch (SpecNodeParser.NodeException e) {
            throw new SourceException(source, where(p), e.getMessage());
          }
        } else if (field.equals("in_buildcache")) {
          inBuildcache = v != JsonToken.VALUE_FALSE;
        } else {
          p.skipChildren();
        }
      }
      if (spec == null) {
        throw new SourceException(source, "/database/installs/" + key, "record has no spec");
      }
      String problem = SpecGrammar.problem(spec);
      if (problem != null) {
        // Such a value would end up in URLs and shell commands: report the record and leave it out.
        if (warnings.size() < 20) {
          warnings.add(source + " at /database/installs/" + SpecGrammar.shown(key) + ": " + problem + "; record left out");
        }
        continue;
      }
      if (!inBuildcache) {
        notInBuildcache.add(spec.hash());
      }
      specs.put(spec.hash(), spec);
    }
    return specs;
  }

  /**
   * Every record's hash is among the hashes the parser saw, so as many seen as there are records
   * means every edge names a record: no lookup per hash in the common case.
   */
  private static Set<String> unresolved(SpecNodeParser nodes, Map<String, ConcreteSpec> specs) {
    Set<String> seen = nodes.hashesSeen();
    if (seen.size() == specs.size()) {
      return Set.of();
    }
    Set<String> out = new java.util.HashSet<>();
    for (String h : seen) {
      if (!specs.containsKey(h)) {
        out.add(h);
      }
    }
    return out;
  }

  /** Spack writes the version first; if a writer did not, the records get it afterwards. */
  private static Map<String, ConcreteSpec> fixVersions(Map<String, ConcreteSpec> specs, int v) {
    int specfileVersion = specfileVersionOf(v);
    specs.replaceAll((hash, s) -> s.specfileVersion() != 0 ? s : s.withSpecfileVersion(specfileVersion));
    return specs;
  }

  static String where(JsonParser p) {
    String pointer = p.getParsingContext().pathAsPointer().toString();
    long offset = p.currentLocation().getByteOffset();
    if (offset < 0) {
      offset = p.currentLocation().getCharOffset();
    }
    return (pointer.isEmpty() ? "/" : pointer) + " (byte " + offset + ")";
  }

  static SourceException malformed(String source, JsonProcessingException e) {
    long offset = e.getLocation() == null ? -1 : e.getLocation().getByteOffset();
    if (offset < 0 && e.getLocation() != null) {
      offset = e.getLocation().getCharOffset();
    }
    String pointer = "";
    if (e.getProcessor() instanceof JsonParser) {
      pointer = ((JsonParser) e.getProcessor()).getParsingContext().pathAsPointer().toString();
    }
    String where = (pointer.isEmpty() ? "" : pointer + " ") + "(byte " + offset + ")";
    return new SourceException(source, where.strip(), "malformed JSON: " + e.getOriginalMessage(), e);
  }
}
