package io.cachescope.render;

import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Union;
import io.cachescope.catalog.StackIndex;
import io.cachescope.catalog.Tag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The rest of cache.spack.io's generated data: {@code _data/tags.yaml}, {@code
 * pages/tags/<tag>.md}, and the per-tag package summary behind the site's table (what its Liquid
 * {@code /api/data.json} template renders from the pages' {@code meta}).
 */
public final class SiteData {
  private SiteData() {}

  /** {@code _data/tags.yaml} as PyYAML's {@code yaml.dump} wrote it: block lists, keys sorted. */
  public static String tagsYaml(Map<String, List<String>> stacksByTag) {
    List<String> names = new ArrayList<>(stacksByTag.keySet());
    names.sort(TagOrder.UPSTREAM);
    StringBuilder b = new StringBuilder();
    for (String name : names) {
      b.append("- name: ").append(yamlScalar(name)).append('\n');
      b.append("  stacks:\n");
      List<String> stacks = new ArrayList<>(stacksByTag.get(name));
      stacks.sort(PyJson.PYTHON_ORDER);
      for (String s : stacks) {
        b.append("  - ").append(yamlScalar(s)).append('\n');
      }
    }
    return b.toString();
  }

  /** Reads back a {@code tags.yaml} this class (or upstream) wrote. */
  public static Map<String, List<String>> parseTagsYaml(String text) {
    Map<String, List<String>> tags = new LinkedHashMap<>();
    List<String> current = null;
    for (String line : text.split("\n")) {
      if (line.startsWith("- name: ")) {
        current = new ArrayList<>();
        tags.put(unquote(line.substring("- name: ".length())), current);
      } else if (line.startsWith("  - ") && current != null) {
        current.add(unquote(line.substring(4)));
      }
    }
    return tags;
  }

  private static final Pattern PLAIN = Pattern.compile("^[A-Za-z_][A-Za-z0-9_.\\-]*$");
  private static final Pattern YAML_WORDS =
      Pattern.compile("(?i)^(y|n|yes|no|on|off|true|false|null|~)$");

  /** A scalar plain when PyYAML would leave it plain, else single-quoted. */
  static String yamlScalar(String s) {
    if ((PLAIN.matcher(s).matches() || s.matches("^v[0-9][A-Za-z0-9_.\\-]*$")) && !YAML_WORDS.matcher(s).matches()) {
      return s;
    }
    return "'" + s.replace("'", "''") + "'";
  }

  private static String unquote(String s) {
    return s.startsWith("'") && s.endsWith("'") && s.length() >= 2
        ? s.substring(1, s.length() - 1).replace("''", "'")
        : s;
  }

  /** {@code pages/tags/<tag>.md}: the tag's table page, no final newline. */
  public static String tagPage(String tag) {
    return "---\nlayout: table\npermalink: /tag/" + tag + "/\ntag: " + tag + "\n---";
  }

  /**
   * One row per package of the tag, with the fields upstream's {@code /api/data.json} template
   * gives: uid, tag, url, rel, versions, compilers, oss, platforms, targets, stacks, num_specs,
   * num_specs_by_stack.
   */
  public static List<Map<String, Object>> packageSummary(Tag tag) {
    Union union = tag.union();
    StackIndex stacks = new StackIndex(tag);
    Map<String, List<ConcreteSpec>> byPackage = union.byPackage();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map.Entry<String, List<ConcreteSpec>> e : byPackage.entrySet()) {
      TreeSet<String> versions = new TreeSet<>(PyJson.PYTHON_ORDER);
      TreeSet<String> compilers = new TreeSet<>(PyJson.PYTHON_ORDER);
      TreeSet<String> oss = new TreeSet<>(PyJson.PYTHON_ORDER);
      TreeSet<String> platforms = new TreeSet<>(PyJson.PYTHON_ORDER);
      TreeSet<String> targets = new TreeSet<>(PyJson.PYTHON_ORDER);
      TreeSet<String> labels = new TreeSet<>(PyJson.PYTHON_ORDER);
      Map<String, Integer> byStack = new TreeMap<>(PyJson.PYTHON_ORDER);
      for (ConcreteSpec s : e.getValue()) {
        versions.add(s.version());
        compilers.add(SpecsPage.compiler(s, union::get));
        oss.add(s.os());
        platforms.add(s.platform());
        targets.add(s.target());
        for (String label : stacks.of(s.hash())) {
          labels.add(label);
          byStack.merge(label, 1, Integer::sum);
        }
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("uid", e.getKey());
      row.put("tag", tag.name());
      row.put("url", "https://packages.spack.io/package.html?name=" + e.getKey());
      row.put("rel", "package/" + tag.name() + "/" + e.getKey() + "/specs/");
      row.put("versions", new ArrayList<>(versions));
      row.put("compilers", new ArrayList<>(compilers));
      row.put("oss", new ArrayList<>(oss));
      row.put("platforms", new ArrayList<>(platforms));
      row.put("targets", new ArrayList<>(targets));
      row.put("stacks", new ArrayList<>(labels));
      row.put("num_specs", e.getValue().size());
      row.put("num_specs_by_stack", byStack);
      rows.add(row);
    }
    return rows;
  }
}
