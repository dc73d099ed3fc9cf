package io.cachescope.mirror;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cachescope.SourceException;
import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Dependency;
import io.cachescope.catalog.Interner;
import io.cachescope.catalog.SignatureState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads spec files of formats 1 to 5 (docs/spack-formats.md, "Spec files and nodes"): YAML list form, JSON {@code nodes} with
 * edges keyed by {@code hash}, {@code build_hash} or {@code full_hash}; plain, gzip'ed or PGP
 * clear-signed. The first node is the root; every other node is a dependency record.
 */
public final class SpecFileReader {

  /** Newest {@code buildcache_layout_version} Spack writes (3 in OCI image configs). */
  public static final int NEWEST_LAYOUT = 3;

  public static final int NEWEST_FORMAT = 5;

  private static final JsonFactory YAML =
      YAMLFactory.builder()
          .disable(com.fasterxml.jackson.core.StreamReadFeature.AUTO_CLOSE_SOURCE)
          .streamReadConstraints(IndexReader.JSON.streamReadConstraints())
          .build();

  private final Interner interner;

  public SpecFileReader(Interner interner) {
    this.interner = interner;
  }

  /**
   * Reads a spec file's bytes. {@code keys} verifies a clear-signature (an empty ring leaves
   * signed files unverified); {@code yaml} selects the {@code .spec.yaml} syntax.
   */
  public SpecFile read(byte[] bytes, String source, Keyring keys, boolean yaml) {
    byte[] data = Compression.gunzipIfNeeded(bytes, source);
    Signed signed = Signed.of(data, source, keys);
    JsonFactory factory = yaml ? YAML : IndexReader.JSON;
    try (JsonParser p = factory.createParser(signed.payload())) {
      return parse(p, source, signed.state(), signed.signer());
    } catch (JsonProcessingException e) {
      throw IndexReader.malformed(source, e);
    } catch (SpecNodeParser.NodeException e) {
      throw new SourceException(source, "", e.getMessage());
    } catch (IOException e) {
      throw new SourceException(source, "", "cannot read spec file: " + e.getMessage(), e);
    }
  }

  private SpecFile parse(JsonParser p, String source, SignatureState signature, String signer)
      throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw new SourceException(source, IndexReader.where(p), "a spec file must be an object");
    }
    List<SpecNodeParser.Parsed> nodes = null;
    int format = 0;

    for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if (field.equals("spec")) {
        if (value == JsonToken.START_ARRAY) {
          format = 1;
          nodes = readNodes(p, source, 1);
        } else if (value == JsonToken.START_OBJECT) {
          for (JsonToken s = p.nextToken(); s == JsonToken.FIELD_NAME; s = p.nextToken()) {
            String sf = p.currentName();
            JsonToken sv = p.nextToken();
            if (sf.equals("_meta")) {
              format = readMetaVersion(p, sv, source);
            } else if (sf.equals("nodes")) {
              if (sv != JsonToken.START_ARRAY) {
                throw new SourceException(source, IndexReader.where(p), "nodes must be a list");
              }
              nodes = readNodes(p, source, format == 0 ? 2 : format);
            } else {
              p.skipChildren();
            }
          }
        } else {
          throw new SourceException(source, IndexReader.where(p), "spec must be a list or an object");
        }
      } else if (field.equals("buildcache_layout_version")) {
        parseLayout(p, value, source); // refuses layouts newer than this reader knows
      } else {
        p.skipChildren();
      }
    }
    if (nodes == null || nodes.isEmpty()) {
      throw new SourceException(source, "/spec", "spec file has no nodes");
    }
    if (format == 0) {
      format = 2;
    }
    return new SpecFile(resolveEdges(nodes, format), format, signature, signer);
  }

  private static int readMetaVersion(JsonParser p, JsonToken value, String source)
      throws IOException {
    int format = 0;
    if (value != JsonToken.START_OBJECT) {
      throw new SourceException(source, IndexReader.where(p), "_meta must be an object");
    }
    for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String field = p.currentName();
      JsonToken v = p.nextToken();
      if (field.equals("version")) {
        format = v.isNumeric() ? p.getIntValue() : -1;
        if (format < 1 || format > NEWEST_FORMAT) {
          throw new SourceException(
              source,
              "/spec/_meta/version",
              "unsupported spec file version " + p.getText() + " (cachescope reads 1 to 5)");
        }
      } else {
        p.skipChildren();
      }
    }
    return format;
  }

  private static int parseLayout(JsonParser p, JsonToken value, String source)
      throws IOException {
    // Spack's own test data holds the string "10" here: a number or a string, both checked.
    int layout;
    try {
      layout = Integer.parseInt(p.getText().strip());
    } catch (NumberFormatException e) {
      layout = -1;
    }
    if (!value.isScalarValue() || layout < 0 || layout > NEWEST_LAYOUT) {
      throw new SourceException(
          source,
          "/buildcache_layout_version",
          "unsupported build cache layout version '" + p.getText() + "' (cachescope reads 0 to 3)");
    }
    return layout;
  }

  private List<SpecNodeParser.Parsed> readNodes(JsonParser p, String source, int format)
      throws IOException {
    SpecNodeParser parser = new SpecNodeParser(interner);
    List<SpecNodeParser.Parsed> nodes = new ArrayList<>();
    for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (t != JsonToken.START_OBJECT) {
        throw new SourceException(source, IndexReader.where(p), "a node must be an object");
      }
      try {
        nodes.add(parser.parse(p, null, format));
      } catch (SpecNodeParser.NodeException e) {
        throw new SourceException(source, IndexReader.where(p), e.getMessage());
      }
    }
    return nodes;
  }

  /**
   * Rewrites edges to DAG hashes: 0.17 files key edges by {@code build_hash} or {@code
   * full_hash}, and v1 files are resolved by dependency name, as Spack does.
   */
  private List<ConcreteSpec> resolveEdges(List<SpecNodeParser.Parsed> parsed, int format) {
    Map<String, String> toDagHash = new HashMap<>();
    Map<String, String> byName = new HashMap<>();
    for (SpecNodeParser.Parsed n : parsed) {
      String hash = n.spec().hash();
      toDagHash.put(hash, hash);
      if (n.buildHash() != null) {
        toDagHash.putIfAbsent(n.buildHash(), hash);
      }
      if (n.fullHash() != null) {
        toDagHash.putIfAbsent(n.fullHash(), hash);
      }
      byName.putIfAbsent(n.spec().name(), hash);
    }
    List<ConcreteSpec> out = new ArrayList<>(parsed.size());
    for (SpecNodeParser.Parsed n : parsed) {
      ConcreteSpec s = n.spec();
      boolean changed = false;
      List<Dependency> deps = new ArrayList<>(s.dependencies().size());
      for (Dependency d : s.dependencies()) {
        String target = toDagHash.get(d.hash());
        if (target == null && format == 1) {
          target = byName.get(d.name());
        }
        if (target != null && !target.equals(d.hash())) {
          deps.add(interner.intern(new Dependency(d.name(), target, d.deptypes(), d.virtuals())));
          changed = true;
        } else {
          deps.add(d);
        }
      }
      if (changed) {
        s = s.withDependencies(List.copyOf(deps));
      }
      out.add(s);
    }
    return out;
  }
}
