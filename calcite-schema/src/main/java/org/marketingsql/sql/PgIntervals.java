package org.marketingsql.sql;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.marketingsql.sql.SqlTokens.Kind;
import org.marketingsql.sql.SqlTokens.Token;

/**
 * PostgreSQL writes the unit inside an interval literal ({@code interval '1 month'}, {@code '7 days'},
 * {@code '-1 day'}, {@code '1 year 2 months'}, {@code '2 hours 30 minutes'}); standard SQL writes it after
 * ({@code INTERVAL '1' MONTH}). This rewrites the first form, and every other text PostgreSQL reads as an interval
 * ({@link #read}), into the second, also as {@code CAST('2 hours' AS interval)}. A week is seven days. A text that is
 * no interval is PostgreSQL's {@code 22007}; an interval mixing months with days or times has no standard form and
 * is refused ({@code 0A000}).
 */
final class PgIntervals {
  /** One part of PostgreSQL's interval text: a time, a year-month, or a number with an optional unit. */
  private static final Pattern FIELD = Pattern.compile("\\s*(?:(?<time>[+-]?(?<h>\\d+):(?<mi>\\d{1,2})"
      + "(?::(?<s>\\d{1,2}(?:\\.\\d+)?))?)|(?<ym>[+-]?(?<y>\\d+)-(?<mo>\\d+))"
      + "|(?<n>[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+))\\s*(?<unit>[a-zA-Z]+)?)\\s*,?\\s*");
  /** ISO 8601's interval: {@code P1Y2M3W4DT5H6M7.5S}. */
  private static final Pattern ISO = Pattern.compile("(?i)P(?:([+-]?\\d+(?:\\.\\d+)?)Y)?(?:([+-]?\\d+(?:\\.\\d+)?)M)?"
      + "(?:([+-]?\\d+(?:\\.\\d+)?)W)?(?:([+-]?\\d+(?:\\.\\d+)?)D)?(?:T(?:([+-]?\\d+(?:\\.\\d+)?)H)?"
      + "(?:([+-]?\\d+(?:\\.\\d+)?)M)?(?:([+-]?\\d+(?:\\.\\d+)?)S)?)?");
  private static final Set<String> UNITS = Set.of("YEAR", "YEARS", "MONTH", "MONTHS", "DAY", "DAYS", "HOUR", "HOURS",
      "MINUTE", "MINUTES", "SECOND", "SECONDS", "WEEK", "WEEKS", "QUARTER", "QUARTERS");

  private PgIntervals() {
  }

  static String rewrite(String sql) {
    List<Token> all = castLiterals(SqlTokens.tokenize(sql));
    for (int i = 0; i < all.size(); i++) {
      if (!all.get(i).isWord("INTERVAL")) {
        continue;
      }
      int literal = next(all, i);
      if (literal < 0 || all.get(literal).kind() != Kind.STRING || !all.get(literal).text().startsWith("'")) {
        continue;
      }
      int after = next(all, literal);
      if (after >= 0 && all.get(after).kind() == Kind.WORD && UNITS.contains(all.get(after).upper())) {
        continue; // already standard: INTERVAL '1' MONTH
      }
      String text = all.get(literal).text();
      all.set(literal, new Token(Kind.STRING, standardOrError(text.substring(1, text.length() - 1).replace("''", "'"))));
    }
    return SqlTokens.join(all);
  }

  /** {@code CAST('2 hours' AS interval)} as the literal {@code INTERVAL '2 hours'}, as PostgreSQL reads both. */
  private static List<Token> castLiterals(List<Token> all) {
    List<Token> out = new java.util.ArrayList<>(all);
    for (int i = 0; i < out.size(); i++) {
      if (!out.get(i).isWord("CAST")) {
        continue;
      }
      int open = next(out, i);
      int literal = open < 0 || !out.get(open).is("(") ? -1 : next(out, open);
      int as = literal < 0 ? -1 : next(out, literal);
      int type = as < 0 ? -1 : next(out, as);
      int close = type < 0 ? -1 : next(out, type);
      if (close < 0 || out.get(literal).kind() != Kind.STRING || !out.get(literal).text().startsWith("'")
          || !out.get(as).isWord("AS") || !out.get(type).isWord("INTERVAL") || !out.get(close).is(")")) {
        continue;
      }
      Token text = out.get(literal);
      out.subList(i, close + 1).clear();
      out.add(i, new Token(Kind.WORD, "INTERVAL"));
      out.add(i + 1, new Token(Kind.SPACE, " "));
      out.add(i + 2, text);
    }
    return out;
  }

  private static int next(List<Token> all, int from) {
    for (int k = from + 1; k < all.size(); k++) {
      if (all.get(k).significant()) {
        return k;
      }
    }
    return -1;
  }

  /**
   * {@code '1 month'} as {@code '1' MONTH}: the literal and its qualifier, or empty when the text is no interval
   * PostgreSQL reads ({@link #read}) or one mixing months with days or times, which has no standard form.
   */
  static Optional<String> standard(String body) {
    Amount amount = read(body);
    if (amount == null || amount.mixed()) {
      return Optional.empty();
    }
    return Optional.of(amount.yearMonth() ? yearMonth(amount.months()) : dayTime(amount.seconds(), amount.units()));
  }

  /**
   * The standard form of an interval literal's text, as {@link #standard}; PostgreSQL's {@code 22007} for a text that is
   * no interval, {@code 0A000} for one mixing months with days or times.
   */
  static String standardOrError(String body) {
    Amount amount = read(body);
    if (amount == null) {
      throw new PgSqlException("22007", "invalid input syntax for type interval: \"" + body + "\"");
    }
    if (amount.mixed()) {
      throw new PgSqlException("0A000", "interval \"" + body + "\" mixes months with days or times, which is not"
          + " supported: add two intervals, one of months and one of days or times");
    }
    return amount.yearMonth() ? yearMonth(amount.months()) : dayTime(amount.seconds(), amount.units());
  }

  /** An interval's months and seconds as read, whether it has either, and its one unit when it names only one. */
  record Amount(long months, BigDecimal seconds, boolean yearMonth, boolean dayTime, List<String> units) {
    boolean mixed() {
      return yearMonth && dayTime;
    }
  }

  /**
   * An interval's text read as PostgreSQL reads one: numbers with units ({@code 1 year 2 mons 3 days}, {@code 1.5
   * hours}, {@code 2w}), a time ({@code 01:02:03}, {@code 1 day 02:00:00}), the SQL standard's year-month
   * ({@code 1-2}) and day-time ({@code 3 4:05:06}), ISO 8601 ({@code P1Y2M3DT4H5M6S}, {@code PT1H}), a bare number
   * (seconds), with an optional leading {@code @} and trailing {@code ago}; null when it is none of these.
   */
  static Amount read(String body) {
    String text = body.strip();
    if (text.startsWith("@")) {
      text = text.substring(1).strip();
    }
    boolean ago = false;
    if (text.toLowerCase(Locale.ROOT).endsWith(" ago")) {
      ago = true;
      text = text.substring(0, text.length() - 4).strip();
    }
    if (text.isEmpty()) {
      return null;
    }
    Amount amount = ISO.matcher(text).matches() ? iso(text) : postgres(text);
    if (amount == null || !ago) {
      return amount;
    }
    return new Amount(-amount.months(), amount.seconds().negate(), amount.yearMonth(), amount.dayTime(), amount.units());
  }

  private static Amount iso(String text) {
    Matcher m = ISO.matcher(text);
    if (!m.matches() || text.endsWith("T") || text.length() == 1) {
      return null;
    }
    Accumulator a = new Accumulator();
    String[] units = {"YEAR", "MONTH", "WEEK", "DAY", "HOUR", "MINUTE", "SECOND"};
    for (int g = 1; g <= units.length; g++) {
      if (m.group(g) != null && !a.add(new BigDecimal(m.group(g)), units[g - 1])) {
        return null;
      }
    }
    return a.amount();
  }

  private static Amount postgres(String text) {
    Accumulator a = new Accumulator();
    Matcher m = FIELD.matcher(text);
    int at = 0;
    boolean time = false;
    while (at < text.length()) {
      m.region(at, text.length());
      if (!m.lookingAt()) {
        return null;
      }
      if (m.group("time") != null) {
        if (time) {
          return null;
        }
        time = true;
        boolean negative = m.group("time").startsWith("-");
        BigDecimal seconds = new BigDecimal(m.group("h")).abs().multiply(BigDecimal.valueOf(3600))
            .add(new BigDecimal(m.group("mi")).multiply(BigDecimal.valueOf(60)))
            .add(m.group("s") == null ? BigDecimal.ZERO : new BigDecimal(m.group("s")));
        a.add(negative ? seconds.negate() : seconds, "SECOND");
        a.units.add("TIME");
      } else if (m.group("ym") != null) {
        boolean negative = m.group("ym").startsWith("-");
        long months = Math.abs(Long.parseLong(m.group("y"))) * 12 + Long.parseLong(m.group("mo"));
        a.add(BigDecimal.valueOf(negative ? -months : months), "MONTH");
        a.units.add("YEAR_MONTH");
      } else {
        BigDecimal value = new BigDecimal(m.group("n"));
        String word = m.group("unit");
        String unit = word == null ? (nextIsTime(text, m.end()) ? "DAY" : "SECOND")
            : PgUnit.of(word).map(Enum::name).orElse(null);
        if (unit == null || !a.add(value, unit)) {
          return null;
        }
      }
      at = m.end();
    }
    return a.parts == 0 ? null : a.amount();
  }

  /** Whether a time ({@code 4:05:06}) follows at {@code from}, making a bare number before it days (SQL's day-time). */
  private static boolean nextIsTime(String text, int from) {
    Matcher m = FIELD.matcher(text);
    m.region(from, text.length());
    return m.lookingAt() && m.group("time") != null;
  }

  /** The months and seconds of an interval's parts, as they are read. */
  private static final class Accumulator {
    private long months;
    private BigDecimal seconds = BigDecimal.ZERO;
    private boolean yearMonth;
    private boolean dayTime;
    private int parts;
    private final List<String> units = new java.util.ArrayList<>();

    /** Adds {@code value} of {@code unit} (a {@link PgUnit} name); false for a unit no interval has. */
    boolean add(BigDecimal value, String unit) {
      long monthsPer = switch (unit) {
        case "YEAR" -> 12;
        case "DECADE" -> 120;
        case "CENTURY" -> 1200;
        case "MILLENNIUM" -> 12000;
        case "MONTH" -> 1;
        default -> 0;
      };
      long secondsPer = switch (unit) {
        case "WEEK" -> 7 * 86400;
        case "DAY" -> 86400;
        case "HOUR" -> 3600;
        case "MINUTE" -> 60;
        case "SECOND" -> 1;
        default -> 0;
      };
      if (monthsPer == 0 && secondsPer == 0 && !unit.equals("MILLISECONDS") && !unit.equals("MICROSECONDS")) {
        return false;
      }
      parts++;
      units.add(unit);
      if (monthsPer > 0) {
        BigDecimal m = value.multiply(BigDecimal.valueOf(monthsPer));
        if (m.stripTrailingZeros().scale() > 0) {
          // a fraction of a month is days in PostgreSQL (30 a month)
          dayTime = true;
          yearMonth |= m.abs().compareTo(BigDecimal.ONE) >= 0;
          BigDecimal whole = new BigDecimal(m.toBigInteger());
          months += whole.longValueExact();
          seconds = seconds.add(m.subtract(whole).multiply(BigDecimal.valueOf(30 * 86400)));
        } else {
          yearMonth = true;
          months += m.longValueExact();
        }
      } else {
        dayTime = true;
        BigDecimal per = switch (unit) {
          case "MILLISECONDS" -> new BigDecimal("0.001");
          case "MICROSECONDS" -> new BigDecimal("0.000001");
          default -> BigDecimal.valueOf(secondsPer);
        };
        seconds = seconds.add(value.multiply(per));
      }
      return true;
    }

    Amount amount() {
      return new Amount(months, seconds, yearMonth || !dayTime, dayTime, List.copyOf(units));
    }
  }

  private static String yearMonth(long months) {
    String sign = months < 0 ? "-" : "";
    long abs = Math.abs(months);
    if (abs % 12 == 0) {
      return "'" + sign + abs / 12 + "' YEAR" + precision(String.valueOf(abs / 12));
    }
    if (abs < 12) {
      return "'" + sign + abs + "' MONTH" + precision(String.valueOf(abs));
    }
    return "'" + sign + abs / 12 + "-" + abs % 12 + "' YEAR" + precision(String.valueOf(abs / 12)) + " TO MONTH";
  }

  /**
   * A day-time interval of {@code seconds}: in the one unit it was written in when that is exact ({@code '7' DAY},
   * {@code '90' MINUTE}), else {@code DAY TO SECOND}.
   */
  private static String dayTime(BigDecimal seconds, List<String> units) {
    if (units.size() == 1 && Set.of("DAY", "HOUR", "MINUTE", "SECOND").contains(units.get(0))) {
      BigDecimal per = BigDecimal.valueOf(switch (units.get(0)) {
        case "DAY" -> 86400;
        case "HOUR" -> 3600;
        case "MINUTE" -> 60;
        default -> 1;
      });
      BigDecimal n = seconds.divide(per, java.math.MathContext.DECIMAL128);
      if (n.stripTrailingZeros().scale() <= 0) {
        String digits = n.stripTrailingZeros().toPlainString();
        return "'" + digits + "' " + units.get(0) + precision(digits);
      }
    }
    String sign = seconds.signum() < 0 ? "-" : "";
    BigDecimal abs = seconds.abs();
    BigDecimal[] dayRest = abs.divideAndRemainder(BigDecimal.valueOf(86400));
    long rest = dayRest[1].longValue();
    BigDecimal secondPart = dayRest[1].subtract(BigDecimal.valueOf(rest - rest % 60));
    String days = dayRest[0].toBigInteger().toString();
    if (dayRest[1].signum() == 0) {
      return "'" + sign + days + "' DAY" + precision(days);
    }
    String text = String.format(Locale.ROOT, "%s%s %d:%d:%s", sign, days, rest / 3600, rest % 3600 / 60,
        secondPart.stripTrailingZeros().toPlainString());
    return "'" + text + "' DAY" + precision(days) + " TO SECOND";
  }

  /** The leading field's precision when it needs more than the default two digits ({@code DAY(3)}), else none. */
  private static String precision(String digits) {
    int length = digits.replace("-", "").length();
    return length > 2 ? "(" + length + ")" : "";
  }
}
