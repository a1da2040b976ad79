package org.marketingsql.sql;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.marketingsql.sql.SqlTokens.Kind;
import org.marketingsql.sql.SqlTokens.Token;

/**
 * {@code DATE '…'} and {@code TIMESTAMP '…'} literals of a day before 1582-10-15 as casts of their text,
 * {@code CAST('1582-10-10' AS DATE)}, on tokens. Calcite's parser checks such a literal with
 * {@code java.text.SimpleDateFormat}, whose calendar is Julian before 1582-10-15: it refuses 1582-10-05 to 1582-10-14,
 * which do not exist there, and takes 1000-02-29, which exists only there, as 1000-03-01. PostgreSQL counts every day
 * in the proleptic Gregorian calendar; so does the cast of a text ({@link PgTextInput}), which takes 1582-10-10 and
 * refuses 1000-02-29 as PostgreSQL does ({@code date/time field value out of range}, 22008). Later days, which both
 * calendars count alike, stay literals.
 */
final class GregorianLiterals {
  /** The day a literal's text starts with: year, month and day, as Calcite's format reads them. */
  private static final Pattern DAY = Pattern.compile("\\s*(\\d{1,4})-(\\d{1,2})-(\\d{1,2})");

  private GregorianLiterals() {
  }

  static String rewrite(String sql) {
    String lower = sql.toLowerCase(Locale.ROOT);
    if (!lower.contains("date") && !lower.contains("timestamp")) {
      return sql;
    }
    List<Token> all = SqlTokens.tokenize(sql);
    StringBuilder out = new StringBuilder(sql.length() + 16);
    for (int i = 0; i < all.size(); i++) {
      Token type = all.get(i);
      int literal = type.isWord("date") || type.isWord("timestamp") ? PgCasts.following(all, i) : -1;
      if (literal >= 0 && isOldDay(all.get(literal)) && !namesACastsType(all, i)) {
        out.append("CAST(").append(all.get(literal).text()).append(" AS ").append(type.text()).append(')');
        i = literal;
      } else {
        out.append(type.text());
      }
    }
    return out.toString();
  }

  /** Whether {@code token} is a plain string whose text starts with a day before 1582-10-15. */
  private static boolean isOldDay(Token token) {
    if (token.kind() != Kind.STRING || !token.text().startsWith("'")) {
      return false;
    }
    Matcher day = DAY.matcher(token.text().substring(1));
    if (!day.lookingAt()) {
      return false;
    }
    int year = Integer.parseInt(day.group(1));
    int month = Integer.parseInt(day.group(2));
    return year < 1582 || year == 1582 && (month < 10 || month == 10 && Integer.parseInt(day.group(3)) < 15);
  }

  /** Whether the type name at {@code i} is the type of a CAST or {@code ::}, which a string cannot follow anyway. */
  private static boolean namesACastsType(List<Token> all, int i) {
    int before = PgCasts.previous(all, i);
    return before >= 0 && (all.get(before).isWord("AS") || all.get(before).is(":"));
  }
}
