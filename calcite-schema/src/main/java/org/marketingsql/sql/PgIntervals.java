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
 * ({@code INTERVAL '1' MONTH}). This rewrites the first form into the second. A week is seven days; an
 * interval mixing months with days or times has no standard form and is left as it is.
 */
final class PgIntervals {
  private static final Pattern PART = Pattern.compile("\\s*([+-]?\\d+(?:\\.\\d+)?)\\s*([a-zA-Z]+)\\s*");
  private static final Set<String> UNITS = Set.of("YEAR", "YEARS", "MONTH", "MONTHS", "DAY", "DAYS", "HOUR", "HOURS",
      "MINUTE", "MINUTES", "SECOND", "SECONDS", "WEEK", "WEEKS", "QUARTER", "QUARTERS");

  private PgIntervals() {
  }

  static String rewrite(String sql) {
    List<Token> all = SqlTokens.tokenize(sql);
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
      Optional<String> standard = standard(text.substring(1, text.length() - 1));
      if (standard.isPresent()) {
        all.set(literal, new Token(Kind.STRING, standard.get()));
      }
    }
    return SqlTokens.join(all);
  }

  private static int next(List<Token> all, int from) {
    for (int k = from + 1; k < all.size(); k++) {
      if (all.get(k).significant()) {
        return k;
      }
    }
    return -1;
  }

  /** {@code '1 month'} as {@code '1' MONTH}: the literal and its qualifier, or empty. */
  static Optional<String> standard(String body) {
    Matcher m = PART.matcher(body);
    long months = 0;
    BigDecimal seconds = BigDecimal.ZERO;
    boolean yearMonth = false;
    boolean dayTime = false;
    String onlyUnit = null;
    BigDecimal onlyValue = null;
    int parts = 0;
    int end = 0;
    while (m.lookingAt()) {
      BigDecimal value = new BigDecimal(m.group(1));
      String unit = PgUnit.of(m.group(2)).map(Enum::name).orElse("");
      BigDecimal factor;
      switch (unit) {
        case "YEAR", "DECADE", "CENTURY", "MILLENNIUM" -> {
          factor = BigDecimal.valueOf(switch (unit) {
            case "YEAR" -> 12;
            case "DECADE" -> 120;
            case "CENTURY" -> 1200;
            default -> 12000;
          });
          yearMonth = true;
        }
        case "MONTH" -> {
          factor = BigDecimal.ONE;
          yearMonth = true;
        }
        case "WEEK" -> {
          factor = BigDecimal.valueOf(7 * 86400);
          dayTime = true;
        }
        case "DAY" -> {
          factor = BigDecimal.valueOf(86400);
          dayTime = true;
        }
        case "HOUR" -> {
          factor = BigDecimal.valueOf(3600);
          dayTime = true;
        }
        case "MINUTE" -> {
          factor = BigDecimal.valueOf(60);
          dayTime = true;
        }
        case "SECOND" -> {
          factor = BigDecimal.ONE;
          dayTime = true;
        }
        default -> {
          return Optional.empty();
        }
      }
      if (unit.equals("YEAR") || unit.equals("MONTH")) {
        if (value.scale() > 0 && value.stripTrailingZeros().scale() > 0) {
          return Optional.empty();
        }
        months += value.longValueExact() * factor.longValueExact();
      } else {
        seconds = seconds.add(value.multiply(factor));
      }
      onlyUnit = unit;
      onlyValue = value;
      parts++;
      end = m.end();
      m.region(end, body.length());
    }
    if (parts == 0 || end != body.length() || yearMonth && dayTime) {
      return Optional.empty();
    }
    if (parts == 1 && !onlyUnit.equals("WEEK") && onlyValue.stripTrailingZeros().scale() <= 0
        && Set.of("YEAR", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND").contains(onlyUnit)) {
      String n = onlyValue.stripTrailingZeros().toPlainString();
      return Optional.of("'" + n + "' " + onlyUnit + precision(n));
    }
    if (yearMonth) {
      String sign = months < 0 ? "-" : "";
      long abs = Math.abs(months);
      return Optional.of("'" + sign + abs / 12 + "-" + abs % 12 + "' YEAR" + precision(String.valueOf(abs / 12))
          + " TO MONTH");
    }
    String sign = seconds.signum() < 0 ? "-" : "";
    BigDecimal abs = seconds.abs();
    BigDecimal[] dayRest = abs.divideAndRemainder(BigDecimal.valueOf(86400));
    long rest = dayRest[1].longValue();
    BigDecimal secondPart = dayRest[1].subtract(BigDecimal.valueOf(rest - rest % 60));
    String days = dayRest[0].toBigInteger().toString();
    if (dayRest[1].signum() == 0) {
      return Optional.of("'" + sign + days + "' DAY" + precision(days));
    }
    String text = String.format(Locale.ROOT, "%s%s %d:%d:%s", sign, days, rest / 3600, rest % 3600 / 60,
        secondPart.stripTrailingZeros().toPlainString());
    return Optional.of("'" + text + "' DAY" + precision(days) + " TO SECOND");
  }

  /** The leading field's precision when it needs more than the default two digits ({@code DAY(3)}), else none. */
  private static String precision(String digits) {
    int length = digits.replace("-", "").length();
    return length > 2 ? "(" + length + ")" : "";
  }
}
