package io.cachescope.render;

import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Variant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Pieces of Spack's spec strings (formats.md §6): variants as Spack 1.x prints them ({@code
 * +shared}, {@code build_type=Release}, {@code languages:='c,c++'}) or as Spack 0.x did ({@code
 * patches=dbc3892}), with Spack's quoting.
 */
public final class SpecFormat {

  /** Which Spack series' printing rules to follow. */
  public enum Style {
    /** Spack 1.x: concrete multi-valued variants print {@code name:=v1,v2}. */
    SPACK_1,
    /** Spack 0.x: multi-valued variants print {@code name=v1,v2}. */
    SPACK_0
  }

  // Spack 1.x allows brackets unquoted; 0.x did not.
  private static final Pattern BARE_1 = Pattern.compile("^[a-zA-Z0-9,/_.\\-\\[\\]]+$");
  private static final Pattern BARE_0 = Pattern.compile("^[a-zA-Z0-9,/_.-]+$");

  private SpecFormat() {}

  /** The style of the Spack series that wrote a spec: 1.x from spec format 5 on. */
  public static Style styleOf(ConcreteSpec s) {
    return s.specfileVersion() >= 5 ? Style.SPACK_1 : Style.SPACK_0;
  }

  /**
   * Spack's {@code quote_if_needed}: bare when safe, else single quotes, or JSON double quotes
   * (escaped as Python's {@code json.dumps}) when the value holds a single quote.
   */
  public static String quoteIfNeeded(String value, Style style) {
    if ((style == Style.SPACK_1 ? BARE_1 : BARE_0).matcher(value).matches()) {
      return value;
    }
    if (value.indexOf('\'') >= 0) {
      StringBuilder b = new StringBuilder();
      PyJson.string(value, b);
      return b.toString();
    }
    return "'" + value + "'";
  }

  public static String quoteIfNeeded(String value) {
    return quoteIfNeeded(value, Style.SPACK_1);
  }

  /** One variant: {@code +x}, {@code ~x}, {@code x=v}, {@code x:=v1,v2} (or {@code x=v1,v2}). */
  public static String variant(Variant v, Style style) {
    switch (v.kind()) {
      case BOOL:
        return (v.enabled() ? "+" : "~") + v.name();
      case MULTI:
        String joined;
        if (v.values().isEmpty() && style == Style.SPACK_1) {
          joined = "*";
        } else if (v.name().equals("patches")) {
          joined = String.join(",", v.values().stream().map(p -> p.substring(0, Math.min(7, p.length()))).toList());
        } else {
          joined = v.joined();
        }
        return v.name() + (style == Style.SPACK_1 ? ":=" : "=") + quoteIfNeeded(joined, style);
      default:
        return v.name() + "=" + quoteIfNeeded(v.joined(), style);
    }
  }

  /**
   * A variant map as Spack prints it in a spec string: every boolean variant first, run
   * together, then each valued variant after a space.
   */
  public static String variants(List<Variant> vs, Style style) {
    StringBuilder bools = new StringBuilder();
    StringBuilder rest = new StringBuilder();
    for (Variant v : vs) {
      if (v.kind() == Variant.Kind.BOOL) {
        bools.append(variant(v, style));
      } else {
        rest.append(' ').append(variant(v, style));
      }
    }
    return bools.append(rest).toString();
  }
}
