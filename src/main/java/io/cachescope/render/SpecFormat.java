package io.cachescope.render;

import io.cachescope.catalog.ConcreteSpec;
import io.cachescope.catalog.Variant;
import java.util.List;
import java.util.regex.Pattern;

/** STUB until the pages work lands. */
public final class SpecFormat {
  public enum Style {
    SPACK_1,
    SPACK_0
  }

  private static final Pattern BARE = Pattern.compile("^[a-zA-Z0-9,/_.\\-\\[\\]]+$");

  public static String quoteIfNeeded(String value) {
    if (BARE.matcher(value).matches()) {
      return value;
    }
    return value.contains("'") ? "\"" + value + "\"" : "'" + value + "'";
  }

  public static String variant(Variant v, Style style) {
    switch (v.kind()) {
      case BOOL:
        return (v.enabled() ? "+" : "~") + v.name();
      case MULTI:
        return v.name() + (style == Style.SPACK_1 ? ":=" : "=") + quoteIfNeeded(v.joined());
      default:
        return v.name() + "=" + quoteIfNeeded(v.joined());
    }
  }

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

  public static Style styleOf(ConcreteSpec s) {
    return s.specfileVersion() >= 5 ? Style.SPACK_1 : Style.SPACK_0;
  }
}
