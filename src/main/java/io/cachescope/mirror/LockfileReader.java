package io.cachescope.mirror;

import io.cachescope.catalog.Lockfile;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.cachescope.SourceException;
import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Interner;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code spack.lock} files of lockfile versions 1 to 7: {@code concrete_specs} holds spec
 * nodes in the spec format of its Spack (v1 name-keyed nodes up to lockfile 2).
 */
public final class LockfileReader {

  public static final int NEWEST_VERSION = 7;

  private final Interner interner;

  public LockfileReader(Interner interner) {
    this.interner = interner;
  }

  public Lockfile read(Path file) {
    String source = file.toString();
    try (InputStream in = Files.newInputStream(file);
        JsonParser p = IndexReader.JSON.createParser(in)) {
      return read(p, source);
    } catch (JsonProcessingException e) {
      throw IndexReader.malformed(source, e);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new SourceException(source, "", "no such file");
    } catch (IOException e) {
      throw new SourceException(source, "", "cannot read lockfile: " + e.getMessage(), e);
    }
  }

  /** A lockfile's bytes (an upload); {@code source} names it in errors. */
  public Lockfile read(byte[] bytes, String source) {
    try (JsonParser p = IndexReader.JSON.createParser(bytes)) {
      return read(p, source);
    } catch (JsonProcessingException e) {
      throw IndexReader.malformed(source, e);
    } catch (IOException e) {
      throw new SourceException(source, "", "cannot read lockfile: " + e.getMessage(), e);
    }
  }

  private Lockfile read(JsonParser p, String source) throws IOException {
    if (p.nextToken() != JsonToken.START_OBJECT) {
      throw new SourceException(source, "/", "a lockfile must be a JSON object");
    }
    int version = 0;
    int specfileVersion = 0;
    List<Lockfile.Root> roots = new ArrayList<>();
    Map<String, ConcreteSpec> specs = new LinkedHashMap<>();
    SpecNodeParser nodes = new SpecNodeParser(interner);
    for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "_meta":
          for (JsonToken m = p.nextToken(); m == JsonToken.FIELD_NAME; m = p.nextToken()) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            if (key.equals("lockfile-version")) {
              // Some writers quote it ("5"); the number is what counts.
              version = v.isNumeric() ? p.getIntValue()
                  : v == JsonToken.VALUE_STRING && p.getText().strip().matches("[0-9]{1,3}") ? Integer.parseInt(p.getText().strip()) : -1;
              if (version < 1 || version > NEWEST_VERSION) {
                throw new SourceException(
                    source,
                    "/_meta/lockfile-version",
                    "unsupported lockfile version " + p.getText() + " (cachescope reads 1 to 7)");
              }
            } else if (key.equals("specfile-version") && v.isNumeric()) {
              specfileVersion = p.getIntValue();
            } else {
              p.skipChildren();
            }
          }
          break;
        case "roots":
          if (value != JsonToken.START_ARRAY) {
            throw new SourceException(source, "/roots", "roots must be a list");
          }
          int index = 0;
          for (JsonToken r = p.nextToken(); r != JsonToken.END_ARRAY; r = p.nextToken(), index++) {
            if (r != JsonToken.START_OBJECT) {
              throw new SourceException(source, "/roots/" + index, "a root must be an object {\"hash\": ..., \"spec\": ...}");
            }
            String hash = null;
            String spec = null;
            for (JsonToken f = p.nextToken(); f == JsonToken.FIELD_NAME; f = p.nextToken()) {
              String key = p.currentName();
              p.nextToken();
              if (key.equals("hash")) {
                hash = p.getText();
              } else if (key.equals("spec")) {
                spec = p.getText();
              } else {
                p.skipChildren();
              }
            }
            roots.add(new Lockfile.Root(hash, spec));
          }
          break;
        case "concrete_specs":
          if (value != JsonToken.START_OBJECT) {
            throw new SourceException(source, "/concrete_specs", "concrete_specs must be an object");
          }
          int nodeVersion = specfileVersion > 0 ? specfileVersion : version <= 2 ? 1 : 2;
          for (JsonToken c = p.nextToken(); c == JsonToken.FIELD_NAME; c = p.nextToken()) {
            String key = p.currentName();
            if (p.nextToken() != JsonToken.START_OBJECT) {
              throw new SourceException(source, "/concrete_specs/" + key, "not an object");
            }
            try {
              ConcreteSpec s = nodes.parse(p, key, nodeVersion).spec();
              specs.put(key, s);
            } catch (SpecNodeParser.NodeException e) {
              throw new SourceException(source, "/concrete_specs/" + key, e.getMessage());
            }
          }
          break;
        default:
          p.skipChildren();
      }
    }
    if (version == 0) {
      throw new SourceException(source, "/_meta", "not a Spack lockfile (no lockfile-version)");
    }
    return new Lockfile(version, roots, specs);
  }
}
