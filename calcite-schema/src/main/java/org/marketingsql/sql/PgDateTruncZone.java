package org.marketingsql.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.marketingsql.sql.SqlTokens.Kind;
import org.marketingsql.sql.SqlTokens.Token;

/**
 * PostgreSQL's {@code date_trunc(unit, timestamptz, zone)}: the instant truncated in the named zone rather than the
 * session's, {@code date_trunc('day', ts, 'Asia/Tokyo')} the instant of that day's midnight in Tokyo. Calcite's
 * parser takes no third argument, so the call becomes, on tokens, the local time in the zone truncated and read back
 * in the zone: {@code timezone(zone, date_trunc(unit, timezone(zone, timestamptz(ts))))}, the forms
 * {@link PgTimeZones} already computes (a timestamp argument is taken as the session's timestamptz, as PostgreSQL
 * casts it). Only a zone written as a string literal is rewritten, since it is read twice (a parameter would count
 * twice); strings, comments and quoted names are never touched.
 */
final class PgDateTruncZone {
  /** More rewrites than any statement needs: a bound on a loop over the statement's calls. */
  private static final int MAX_REWRITES = 1000;

  private PgDateTruncZone() {
  }

  /** {@code sql} with each three-argument {@code date_trunc} as the calls above; the same text when there is none. */
  static String rewrite(String sql) {
    if (!sql.toLowerCase(Locale.ROOT).contains("date_trunc")) {
      return sql;
    }
    List<Token> all = SqlTokens.tokenize(sql);
    for (int rewrites = 0, from = 0; rewrites < MAX_REWRITES; rewrites++) {
      int name = next(all, from);
      if (name < 0) {
        break;
      }
      int open = PgCasts.following(all, name);
      int close = open < 0 || !all.get(open).is("(") ? -1 : PgCasts.matching(all, open);
      List<int[]> arguments = close < 0 ? List.of() : arguments(all, open, close);
      int zone = arguments.size() == 3 ? significantOnly(all, arguments.get(2)) : -1;
      if (zone < 0 || all.get(zone).kind() != Kind.STRING || !all.get(zone).text().startsWith("'")) {
        from = name + 1;
        continue;
      }
      String z = all.get(zone).text();
      String unit = text(all, arguments.get(0));
      String source = text(all, arguments.get(1));
      String call = PgTimeZones.TIMEZONE_CALL + "(" + z + ", date_trunc(" + unit + ", " + PgTimeZones.TIMEZONE_CALL
          + "(" + z + ", " + PgTimeZones.TIMESTAMPTZ_CALL + "(" + source + "))))";
      all = SqlTokens.tokenize(SqlTokens.join(all.subList(0, name)) + call
          + SqlTokens.join(all.subList(close + 1, all.size())));
      from = name + 1;
    }
    return SqlTokens.join(all);
  }

  /** The index of the next unqualified word {@code date_trunc} from {@code from}, or -1. */
  private static int next(List<Token> all, int from) {
    for (int i = Math.max(from, 0); i < all.size(); i++) {
      int before = PgCasts.previous(all, i);
      if (all.get(i).isWord("DATE_TRUNC") && (before < 0 || !all.get(before).is("."))) {
        return i;
      }
    }
    return -1;
  }

  /** The first and last token of each argument between {@code open} and {@code close}, split at top-level commas. */
  private static List<int[]> arguments(List<Token> all, int open, int close) {
    List<int[]> out = new ArrayList<>();
    int depth = 0;
    int start = open + 1;
    for (int i = open + 1; i < close; i++) {
      Token t = all.get(i);
      if (t.is("(") || t.is("[")) {
        depth++;
      } else if (t.is(")") || t.is("]")) {
        depth--;
      } else if (depth == 0 && t.is(",")) {
        out.add(new int[] {start, i - 1});
        start = i + 1;
      }
    }
    out.add(new int[] {start, close - 1});
    return out;
  }

  /** The one significant token of {@code range}, or -1 when it has none or more than one. */
  private static int significantOnly(List<Token> all, int[] range) {
    int found = -1;
    for (int i = range[0]; i <= range[1]; i++) {
      if (all.get(i).significant()) {
        if (found >= 0) {
          return -1;
        }
        found = i;
      }
    }
    return found;
  }

  private static String text(List<Token> all, int[] range) {
    return range[1] < range[0] ? "" : SqlTokens.join(all.subList(range[0], range[1] + 1));
  }
}
