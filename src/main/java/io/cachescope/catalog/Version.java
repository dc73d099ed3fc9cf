package io.cachescope.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A concrete Spack version, ordered as Spack orders {@code StandardVersion}s: components split
 * at {@code . - _} and letter/digit boundaries; numbers compare as numbers; plain words sort
 * below numbers, and the "infinity" words {@code stable < trunk < head < master < main <
 * develop} above all numbers; a shorter prefix sorts first; {@code alpha < beta < rc <} final.
 * Git versions ({@code git.<ref>=<version>}, {@code <sha>=<version>}) order by their version.
 */
public final class Version implements Comparable<Version> {

  private static final Pattern SEGMENT = Pattern.compile("(?:([0-9]+)|([a-zA-Z]+))([_.-]*)");
  private static final List<String> INFINITY = List.of("stable", "trunk", "head", "master", "main", "develop");
  private static final List<String> PRERELEASE = List.of("alpha", "beta", "rc");
  private static final int FINAL = 3;

  private final String text;
  /** Each component: a Long, a String, or an Integer (index into INFINITY). */
  private final List<Object> release;
  private final int prerelease;
  private final long prereleaseNumber;

  private Version(String text, List<Object> release, int prerelease, long prereleaseNumber) {
    this.text = text;
    this.release = release;
    this.prerelease = prerelease;
    this.prereleaseNumber = prereleaseNumber;
  }

  public static Version parse(String text) {
    String whole = text.strip();
    // A git version orders by the version after its '='; peeled in a loop, never recursively,
    // so a hostile git.=git.=... cannot exhaust the stack.
    int start = 0;
    for (int eq = whole.indexOf('=', 1); eq > start
        && (whole.startsWith("git.", start) || (eq - start == 40 && whole.substring(start, eq).matches("[a-f0-9]{40}")));
        eq = whole.indexOf('=', start + 1)) {
      start = eq + 1;
    }
    String s = start == 0 ? whole : whole.substring(start);
    if (s.length() > MAX_LENGTH) {
      s = s.substring(0, MAX_LENGTH); // longer than any real version: order by its start
    }
    Version v = parseStandard(s);
    return s == whole ? v : new Version(whole, v.release, v.prerelease, v.prereleaseNumber);
  }

  /** Versions longer than this are compared by their first {@value} characters. */
  static final int MAX_LENGTH = 512;

  private static Version parseStandard(String s) {
    List<String[]> segments = new ArrayList<>();
    Matcher m = SEGMENT.matcher(s);
    while (m.find()) {
      segments.add(new String[] {m.group(1), m.group(2)});
    }
    int pre = FINAL;
    long preNumber = -1;
    int n = segments.size();
    if (n >= 3 && segments.get(n - 2)[1] != null && PRERELEASE.contains(segments.get(n - 2)[1]) && segments.get(n - 1)[0] != null) {
      pre = PRERELEASE.indexOf(segments.get(n - 2)[1]);
      preNumber = parseLong(segments.get(n - 1)[0]);
      segments = segments.subList(0, n - 2);
    } else if (n >= 2 && segments.get(n - 1)[1] != null && PRERELEASE.contains(segments.get(n - 1)[1])) {
      pre = PRERELEASE.indexOf(segments.get(n - 1)[1]);
      segments = segments.subList(0, n - 1);
    }
    List<Object> release = new ArrayList<>(segments.size());
    for (String[] seg : segments) {
      if (seg[0] != null) {
        release.add(parseLong(seg[0]));
      } else {
        int inf = INFINITY.indexOf(seg[1]);
        release.add(inf >= 0 ? (Object) Integer.valueOf(inf) : seg[1]);
      }
    }
    return new Version(s, List.copyOf(release), pre, preNumber);
  }

  private static long parseLong(String digits) {
    // Dates and commit-like numbers can exceed a long; clamp, order is all that matters here.
    return digits.length() > 18 ? Long.MAX_VALUE : Long.parseLong(digits);
  }

  @Override
  public int compareTo(Version o) {
    int n = Math.min(release.size(), o.release.size());
    for (int i = 0; i < n; i++) {
      int c = compareComponent(release.get(i), o.release.get(i));
      if (c != 0) {
        return c;
      }
    }
    if (release.size() != o.release.size()) {
      return Integer.compare(release.size(), o.release.size());
    }
    if (prerelease != o.prerelease) {
      return Integer.compare(prerelease, o.prerelease);
    }
    return Long.compare(prereleaseNumber, o.prereleaseNumber);
  }

  /** Strings below numbers below infinity words; like kinds compare naturally. */
  private static int compareComponent(Object a, Object b) {
    int ra = rank(a);
    int rb = rank(b);
    if (ra != rb) {
      return Integer.compare(ra, rb);
    }
    if (a instanceof Long x) {
      return Long.compare(x, (Long) b);
    }
    if (a instanceof Integer x) {
      return Integer.compare(x, (Integer) b);
    }
    return ((String) a).compareTo((String) b);
  }

  private static int rank(Object c) {
    return c instanceof String ? 0 : c instanceof Long ? 1 : 2;
  }

  /** True when this version's components start with all of {@code prefix}'s ({@code 1.2.5} in {@code 1.2}). */
  public boolean hasPrefix(Version prefix) {
    if (prefix.release.size() > release.size()) {
      return false;
    }
    for (int i = 0; i < prefix.release.size(); i++) {
      if (compareComponent(release.get(i), prefix.release.get(i)) != 0) {
        return false;
      }
    }
    return prefix.release.size() < release.size() || (prefix.prerelease == prerelease && prefix.prereleaseNumber == prereleaseNumber);
  }

  /** Versions are equal when they order equal (so {@code 1.0} and {@code 1-0} are one version). */
  @Override
  public boolean equals(Object o) {
    return o instanceof Version v && compareTo(v) == 0;
  }

  @Override
  public int hashCode() {
    return release.hashCode() * 31 + prerelease * 7 + Long.hashCode(prereleaseNumber);
  }

  @Override
  public String toString() {
    return text;
  }

  /** Orders version strings as Spack orders versions. */
  public static int compare(String a, String b) {
    int c = parse(a).compareTo(parse(b));
    return c != 0 ? c : a.compareTo(b);
  }
}
