package io.cachescope.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * URLs of the pages, relative to the site root, with every untrusted part percent-encoded: a
 * package name from an index can hold anything.
 */
public final class Links {
  private Links() {}

  public static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  public static String tag(String tag) {
    return "tag/" + segment(tag) + "/";
  }

  public static String pkg(String tag, String name) {
    return "package/" + segment(tag) + "/" + segment(name) + "/";
  }

  /** One package across every release. */
  public static String pkg(String name) {
    return "package/" + segment(name) + "/";
  }

  public static String spec(String hash) {
    return "spec/" + segment(hash) + "/";
  }

  /** The query string with {@code facet=value} added, or removed when present; page reset. */
  public static String toggle(Map<String, List<String>> filters, String facet, String value) {
    Map<String, List<String>> next = new LinkedHashMap<>();
    filters.forEach((k, v) -> next.put(k, new ArrayList<>(v)));
    List<String> values = next.computeIfAbsent(facet, k -> new ArrayList<>());
    if (!values.remove(value)) {
      values.add(value);
    }
    return query(next, 1);
  }

  public static String page(Map<String, List<String>> filters, int page) {
    return query(filters, page);
  }

  public static String query(Map<String, List<String>> filters, int page) {
    StringBuilder b = new StringBuilder("?");
    filters.forEach((k, vs) -> vs.forEach(v -> b.append(b.length() > 1 ? "&" : "").append(segment(k)).append('=').append(segment(v))));
    if (page > 1) {
      b.append(b.length() > 1 ? "&" : "").append("page=").append(page);
    }
    return b.toString();
  }
}
