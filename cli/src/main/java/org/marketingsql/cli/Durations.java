package org.marketingsql.cli;

import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads a duration option: a whole number with a unit ({@code 90s}, {@code 30m}, {@code 8h}, {@code 1d}). */
final class Durations implements ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    String text = value.strip().toLowerCase(Locale.ROOT);
    if (text.length() >= 2) {
      char unit = text.charAt(text.length() - 1);
      String number = text.substring(0, text.length() - 1);
      if (number.chars().allMatch(Character::isDigit)) {
        try {
          long n = Long.parseLong(number);
          switch (unit) {
            case 's': return Duration.ofSeconds(n);
            case 'm': return Duration.ofMinutes(n);
            case 'h': return Duration.ofHours(n);
            case 'd': return Duration.ofDays(n);
            default: break;
          }
        } catch (NumberFormatException | ArithmeticException e) {
          throw new TypeConversionException("'" + value + "' is too long a duration");
        }
      }
    }
    throw new TypeConversionException("'" + value + "' is not a duration: write a whole number and s, m, h or d, e.g. 90s");
  }
}
