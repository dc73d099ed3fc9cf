package io.cachescope.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Durations on the command line: one or more number-unit parts, {@code 90s}, {@code 15m},
 * {@code 1h30m}, {@code 1d}; units d, h, m, s. Anything else is refused before a command starts.
 */
public final class DurationConverter implements ITypeConverter<Duration> {
  private static final Pattern WHOLE = Pattern.compile("(?:\\d+[dhms])+");
  private static final Pattern PART = Pattern.compile("(\\d+)([dhms])");

  @Override
  public Duration convert(String text) {
    return parse(text);
  }

  public static Duration parse(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    if (!WHOLE.matcher(t).matches()) {
      throw new TypeConversionException(
          "'" + text + "' is not a duration (use a number and a unit: 90s, 15m, 1h30m, 1d)");
    }
    Duration total = Duration.ZERO;
    Matcher m = PART.matcher(t);
    while (m.find()) {
      try {
        long n = Long.parseLong(m.group(1));
        total = total.plus(switch (m.group(2)) {
          case "d" -> Duration.ofDays(n);
          case "h" -> Duration.ofHours(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofSeconds(n);
        });
      } catch (NumberFormatException | ArithmeticException e) {
        throw new TypeConversionException("'" + text + "' is too long a duration");
      }
    }
    if (total.isZero()) {
      throw new TypeConversionException("'" + text + "' is zero; give a positive duration");
    }
    return total;
  }
}
