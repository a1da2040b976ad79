package org.marketingsql.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a duration option: a whole number with a unit ({@code 500ms}, {@code 90s}, {@code 30m} or
 * {@code 30min}, {@code 8h}, {@code 1d}), so the units PostgreSQL's own settings take work here too.
 */
final class Durations implements ITypeConverter<Duration> {
  private static final Pattern VALUE = Pattern.compile("(\\d{1,12})(ms|s|m|min|h|d)");

  @Override
  public Duration convert(String value) {
    Matcher m = VALUE.matcher(value.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new TypeConversionException("'" + value + "' is not a duration: write a whole number and ms, s, m (or min), h"
          + " or d, e.g. 90s");
    }
    long n = Long.parseLong(m.group(1));
    try {
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m", "min" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    } catch (ArithmeticException e) {
      throw new TypeConversionException("'" + value + "' is too long a duration");
    }
  }
}
