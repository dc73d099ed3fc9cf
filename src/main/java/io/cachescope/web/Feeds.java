package io.cachescope.web;

import io.cachescope.query.SnapshotDiff;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Atom feeds to follow changes and an SVG badge for READMEs. Tags are put in time order
 * ({@link Search#NEWEST_FIRST} reversed); an entry's time is its snapshot date, else the time the
 * catalog was loaded. Links are site-relative (resolved against the feed's own address), never
 * built from the request's Host header, which a client chooses; ids are {@code urn:cachescope:}
 * and the path. Every value is XML-escaped.
 */
final class Feeds {

  private Feeds() {}

  /** {@code /package/<name>/feed.atom}: one entry per tag in which the package's builds changed. */
  static Optional<String> pkg(CatalogView view, String name, String base) {
    List<String> with = view.tagsWith(name);
    List<io.cachescope.catalog.TagSummary> having = oldestFirst(view).stream().filter(t -> with.contains(t.name())).toList();
    if (having.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder entries = new StringBuilder();
    List<io.cachescope.catalog.TagSummary> tags = oldestFirst(view);
    for (int i = tags.size() - 1; i >= 0; i--) {
      io.cachescope.catalog.TagSummary to = tags.get(i);
      io.cachescope.catalog.TagSummary from = i > 0 ? tags.get(i - 1) : null;
      String summary;
      if (from == null) {
        if (!with.contains(to.name())) {
          continue;
        }
        summary = view.pkg(to.name(), name).map(p -> p.builds()).orElse(0) + " builds";
      } else if (!with.contains(from.name()) && !with.contains(to.name())) {
        continue; // in neither tag: nothing changed, no need to compare
      } else {
        Optional<SnapshotDiff.PackageChange> c = view.diff(from.name(), to.name(), name).packages().stream().findFirst();
        if (c.isEmpty()) {
          continue;
        }
        summary = c.get().added().size() + " builds added, " + c.get().removed().size() + " removed, "
            + c.get().rebuilt().size() + " rebuilt since " + from.name();
      }
      entry(entries, base + "package/" + Links.segment(to.name()) + "/" + Links.segment(name) + "/",
          name + " in " + to.name(), summary, time(view, to));
    }
    return Optional.of(feed(name + " · cachescope", base + "package/" + Links.segment(name) + "/feed.atom",
        base + Links.pkg(name), latest(view, having), entries));
  }

  /** {@code /tag/<tag>/feed.atom}: the packages that changed in this tag since the one before. */
  static Optional<String> tag(CatalogView view, String tagName, String base) {
    Optional<io.cachescope.catalog.TagSummary> tag = view.tag(tagName);
    if (tag.isEmpty()) {
      return Optional.empty();
    }
    StringBuilder entries = new StringBuilder();
    List<io.cachescope.catalog.TagSummary> tags = oldestFirst(view);
    int i = tags.indexOf(tag.get());
    if (i > 0) {
      for (SnapshotDiff.PackageChange c : view.diff(tags.get(i - 1).name(), tagName, null).packages()) {
        entry(entries, base + "package/" + Links.segment(tagName) + "/" + Links.segment(c.name()) + "/",
            c.name() + " " + c.kind().name().toLowerCase(java.util.Locale.ROOT),
            c.added().size() + " builds added, " + c.removed().size() + " removed since " + tags.get(i - 1).name(),
            time(view, tag.get()));
      }
    }
    return Optional.of(feed(tagName + " · cachescope", base + "tag/" + Links.segment(tagName) + "/feed.atom",
        base + Links.tag(tagName), time(view, tag.get()), entries));
  }

  /** {@code /feed.atom}: one entry per tag, newest first. */
  static String site(CatalogView view, String base) {
    StringBuilder entries = new StringBuilder();
    List<io.cachescope.catalog.TagSummary> tags = oldestFirst(view);
    for (int i = tags.size() - 1; i >= 0; i--) {
      io.cachescope.catalog.TagSummary t = tags.get(i);
      entry(entries, base + Links.tag(t.name()), t.name(), t.packages() + " packages, " + t.specs() + " specs", time(view, t));
    }
    return feed("cachescope: Spack build cache tags", base + "feed.atom", base, tags.isEmpty() ? view.loadedAt() : latest(view, tags), entries);
  }

  /**
   * {@code /package/<name>/badge.svg}: "prebuilt · N builds" in the newest release that has it,
   * narrowed by {@code os} and {@code target}; "not prebuilt" when none.
   */
  static String badge(CatalogView view, String name, String os, String target) {
    List<String> with = view.tagsWith(name);
    long count = Search.newestFirst(view.tags()).stream().filter(t -> with.contains(t.name())).findFirst()
        .map(t -> view.builds(t.name(), name).stream()
            .filter(s -> os.isBlank() || os.equals(s.os()))
            .filter(s -> target.isBlank() || target.equals(s.target()))
            .count())
        .orElse(0L);
    String label = "prebuilt";
    String value = count == 0 ? "none" : count + (count == 1 ? " build" : " builds");
    int lw = 8 + 7 * label.length();
    int vw = 8 + 7 * value.length();
    String color = count == 0 ? "#9f2d20" : "#1a7f37";
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + (lw + vw) + "\" height=\"20\" role=\"img\" aria-label=\""
        + xml(name + ": " + label + " · " + value) + "\"><title>" + xml(name + ": " + label + " · " + value) + "</title>"
        + "<rect width=\"" + lw + "\" height=\"20\" fill=\"#555\"/><rect x=\"" + lw + "\" width=\"" + vw + "\" height=\"20\" fill=\"" + color + "\"/>"
        + "<g fill=\"#fff\" font-family=\"Verdana,DejaVu Sans,sans-serif\" font-size=\"11\">"
        + "<text x=\"4\" y=\"14\">" + xml(label) + "</text><text x=\"" + (lw + 4) + "\" y=\"14\">" + xml(value) + "</text></g></svg>\n";
  }

  private static List<io.cachescope.catalog.TagSummary> oldestFirst(CatalogView view) {
    List<io.cachescope.catalog.TagSummary> tags = new ArrayList<>(Search.newestFirst(view.tags()));
    java.util.Collections.reverse(tags);
    return tags;
  }

  private static String time(CatalogView view, io.cachescope.catalog.TagSummary t) {
    return t.date() != null ? t.date() + "T00:00:00Z" : view.loadedAt();
  }

  private static String latest(CatalogView view, List<io.cachescope.catalog.TagSummary> tags) {
    return tags.stream().map(t -> time(view, t)).max(String::compareTo).orElse(view.loadedAt());
  }

  private static void entry(StringBuilder out, String link, String title, String summary, String updated) {
    out.append("<entry><id>").append(xml(id(link))).append("</id><title>").append(xml(title)).append("</title>")
        .append("<link href=\"").append(xml(link)).append("\"/><updated>").append(updated).append("</updated>")
        .append("<summary>").append(xml(summary)).append("</summary></entry>\n");
  }

  private static String feed(String title, String self, String link, String updated, CharSequence entries) {
    return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        + "<id>" + xml(id(self)) + "</id><title>" + xml(title) + "</title><updated>" + updated + "</updated>"
        + "<link rel=\"self\" href=\"" + xml(self) + "\"/><link href=\"" + xml(link) + "\"/>"
        + "<author><name>cachescope</name></author>\n" + entries + "</feed>\n";
  }

  private static String id(String link) {
    return "urn:cachescope:" + (link.startsWith("/") ? link.substring(1) : link);
  }

  static String xml(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&apos;");
        default -> {
          // XML 1.0 has no place for other control characters.
          if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
            b.append('?');
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
