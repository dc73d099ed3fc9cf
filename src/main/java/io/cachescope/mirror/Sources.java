package io.cachescope.mirror;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cachescope.SourceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What to read: tags and their stacks, in the shape of cache.spack.io's {@code
 * cache_spack_io_index.json}: {@code {"<tag>": [{"label": "<stack>", "url": "<mirror>"}]}}, as
 * JSON or YAML. An entry may add {@code "view"} to read a v3 index view.
 */
public record Sources(List<Sources.TagSource> tags) {

  /** The tag name used for mirrors given with {@code --mirror}. */
  public static final String MIRROR_TAG = "mirror";

  public record StackSource(String label, String url, String view) {}

  public record TagSource(String name, List<StackSource> stacks) {
    public TagSource {
      stacks = List.copyOf(stacks);
    }
  }

  public Sources {
    tags = List.copyOf(tags);
  }

  /** One tag whose stacks are the given mirror URLs, each labelled by its URL (without credentials). */
  public static Sources ofMirrors(List<String> urls, String view) {
    List<StackSource> stacks = new ArrayList<>();
    for (String url : urls) {
      if (stacks.stream().anyMatch(st -> st.url().equals(url))) {
        throw new SourceException("--mirror", url, "given twice");
      }
      stacks.add(new StackSource(io.cachescope.Secrets.redact(url), url, view));
    }
    return new Sources(List.of(new TagSource(MIRROR_TAG, stacks)));
  }

  private static final int MAX_SIZE = 16 << 20;

  public static Sources read(Path file) {
    String source = file.toString();
    byte[] bytes;
    try {
      try (java.io.InputStream in = Files.newInputStream(file)) {
        bytes = in.readNBytes(MAX_SIZE + 1); // /dev/zero, or a file that is no sources file
      }
      if (bytes.length > MAX_SIZE) {
        throw new SourceException(source, "", "larger than " + (MAX_SIZE >> 20) + " MiB; not a sources file");
      }
    } catch (java.nio.file.NoSuchFileException e) {
      throw new SourceException(source, "", "no such file");
    } catch (IOException e) {
      throw new SourceException(source, "", "cannot read sources file: " + e.getMessage(), e);
    }
    boolean yaml = source.endsWith(".yaml") || source.endsWith(".yml");
    JsonNode root;
    try {
      root = (yaml ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper()).readTree(bytes);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      long line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
      throw new SourceException(source, line > 0 ? "line " + line : "", "malformed: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new SourceException(source, "", "cannot parse: " + e.getMessage(), e);
    }
    return parse(root, source);
  }

  static Sources parse(JsonNode root, String source) {
    if (root == null || !root.isObject()) {
      throw new SourceException(source, "/", "expected an object of tags");
    }
    List<TagSource> tags = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> tag = it.next();
      String where = "/" + tag.getKey();
      if (hasControl(tag.getKey()) || tag.getKey().isBlank()) {
        // tags.yaml, folder names and terminal lines would all break on them.
        throw new SourceException(source, io.cachescope.catalog.SpecGrammar.shown(where), "a tag name must be printable text");
      }
      if (!tag.getValue().isArray()) {
        throw new SourceException(source, where, "expected a list of {label, url}");
      }
      List<StackSource> stacks = new ArrayList<>();
      java.util.Set<String> labels = new java.util.HashSet<>();
      for (int i = 0; i < tag.getValue().size(); i++) {
        JsonNode entry = tag.getValue().get(i);
        String at = where + "/" + i;
        if (!entry.isObject() || !entry.path("label").isTextual() || !entry.path("url").isTextual()) {
          throw new SourceException(source, at, "expected {\"label\": ..., \"url\": ...}");
        }
        if (hasControl(entry.get("label").asText()) || entry.get("label").asText().isBlank()) {
          throw new SourceException(source, at + "/label", "a stack label must be printable text");
        }
        if (!labels.add(entry.get("label").asText())) {
          // Two stacks of one name would silently shadow each other in the catalog.
          throw new SourceException(source, at + "/label", "duplicate stack label '" + entry.get("label").asText() + "' in tag " + tag.getKey());
        }
        JsonNode view = entry.get("view");
        stacks.add(
            new StackSource(
                entry.get("label").asText(),
                entry.get("url").asText(),
                view == null || view.isNull() ? null : view.asText()));
      }
      tags.add(new TagSource(tag.getKey(), stacks));
    }
    return new Sources(tags);
  }

  private static boolean hasControl(String s) {
    return s.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
  }

  /** Only the named tags, in the order of the sources; an unknown name is an error. */
  public Sources only(List<String> names) {
    if (names == null || names.isEmpty()) {
      return this;
    }
    for (String n : names) {
      if (tags.stream().noneMatch(t -> t.name().equals(n))) {
        throw new SourceException("--tag", n, "no such tag in the sources");
      }
    }
    return new Sources(tags.stream().filter(t -> names.contains(t.name())).toList());
  }
}
