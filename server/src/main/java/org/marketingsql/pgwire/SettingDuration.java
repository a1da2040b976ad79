package org.marketingsql.pgwire;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A time setting written as PostgreSQL writes it: a number and a unit ({@code us ms s min h d}), a bare
 * number in the setting's default unit; {@code 0} turns the setting off.
 */
public final class SettingDuration {
  private static final Pattern VALUE = Pattern.compile("\\s*(\\d{1,12})\\s*(us|ms|s|min|h|d)?\\s*");
  /** PostgreSQL keeps these settings in milliseconds in an int. */
  public static final Duration MAX = Duration.ofMillis(Integer.MAX_VALUE);

  private SettingDuration() {
  }

  /** Reads {@code text}; a bare number is in {@code defaultUnit} ("ms" or "s"). */
  public static Duration parse(String text, String defaultUnit) {
    Matcher m = VALUE.matcher(text == null ? "" : text.toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("\"" + text + "\" is not a duration: write a number and one of us, ms, s, min, h, d");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? defaultUnit : m.group(2);
    Duration d = switch (unit) {
      case "us" -> Duration.ofNanos(n * 1000);
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "min" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> throw new IllegalArgumentException("unknown unit " + unit);
    };
    if (d.compareTo(MAX) > 0) {
      throw new IllegalArgumentException("\"" + text + "\" is longer than " + MAX.toMillis() + "ms, the longest PostgreSQL allows");
    }
    return d;
  }

  /** As SHOW prints it: the largest unit that divides the value ({@code 0}, {@code 250ms}, {@code 5s}, {@code 1h}). */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms == 0) {
      return "0";
    }
    long[] sizes = {86_400_000, 3_600_000, 60_000, 1000};
    String[] units = {"d", "h", "min", "s"};
    for (int i = 0; i < sizes.length; i++) {
      if (ms % sizes[i] == 0) {
        return ms / sizes[i] + units[i];
      }
    }
    return ms + "ms";
  }
}
