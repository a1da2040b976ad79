package org.marketingsql.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.marketingsql.sql.SqlTokens.Kind;
import org.marketingsql.sql.SqlTokens.Token;

/**
 * PostgreSQL's {@code (start1, end1) OVERLAPS (start2, end2)} of dates and timestamps: each period is half-open,
 * so two that only touch do not overlap ({@code (a, b) OVERLAPS (b, c)} is false; Calcite's OVERLAPS says true),
 * and two starting together do. On tokens, a pair of periods without the word {@code interval} becomes the call
 * {@code pg_overlaps(start1, end1, start2, end2)}, which {@link PgCalls} binds to {@link #OVERLAPS}, named
 * {@code overlaps} as PostgreSQL names the column; a period written with an interval keeps Calcite's OVERLAPS.
 * Public because Calcite's generated code calls {@link #overlaps}.
 */
public final class PgOverlaps {
  /** The call the periods become: no keyword, unlike {@code overlaps}. */
  static final String CALL = "pg_overlaps";
  static final SqlOperator OVERLAPS = new PgFunction("OVERLAPS", false, true, null, ReturnTypes.BOOLEAN_NULLABLE,
      OperandTypes.family(SqlTypeFamily.DATETIME, SqlTypeFamily.DATETIME, SqlTypeFamily.DATETIME,
          SqlTypeFamily.DATETIME), List.of("start1", "end1", "start2", "end2"), List.of(method()));

  private PgOverlaps() {
  }

  private static java.lang.reflect.Method method() {
    try {
      return PgOverlaps.class.getMethod("overlaps", long.class, long.class, long.class, long.class);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("PgOverlaps lacks overlaps", e);
    }
  }

  /** PostgreSQL's overlaps_timestamp of two periods, each given by its ends in any order. */
  public static boolean overlaps(long start1, long end1, long start2, long end2) {
    long s1 = Math.min(start1, end1);
    long e1 = Math.max(start1, end1);
    long s2 = Math.min(start2, end2);
    long e2 = Math.max(start2, end2);
    return s1 > s2 ? s1 < e2 : s1 < s2 ? s2 < e1 : true;
  }

  static String rewrite(String sql) {
    if (!sql.toLowerCase(Locale.ROOT).contains("overlaps")) {
      return sql;
    }
    List<Token> all = new ArrayList<>(SqlTokens.tokenize(sql));
    for (int i = 0; i < all.size(); i++) {
      if (!all.get(i).isWord("OVERLAPS")) {
        continue;
      }
      int close1 = PgCasts.previous(all, i);
      int open1 = close1 < 0 || !all.get(close1).is(")") ? -1 : PgCasts.matchingBackwards(all, close1);
      int open2 = PgCasts.following(all, i);
      int close2 = open2 < 0 || !all.get(open2).is("(") ? -1 : PgCasts.matching(all, open2);
      if (open1 < 0 || close2 < 0) {
        continue;
      }
      List<List<Token>> first = parts(all.subList(open1 + 1, close1));
      List<List<Token>> second = parts(all.subList(open2 + 1, close2));
      if (first == null || second == null) {
        continue;
      }
      int start = open1;
      int before = PgCasts.previous(all, open1);
      if (before >= 0 && all.get(before).isWord("ROW")) {
        start = before;
      }
      String call = CALL + "(" + SqlTokens.join(first.get(0)) + ", " + SqlTokens.join(first.get(1)) + ", "
          + SqlTokens.join(second.get(0)) + ", " + SqlTokens.join(second.get(1)) + ")";
      all.subList(start, close2 + 1).clear();
      all.add(start, new Token(Kind.WORD, call));
      i = start;
    }
    return SqlTokens.join(all);
  }

  /** The two top-level parts of a period's list, or null when it has another number or an interval. */
  private static List<List<Token>> parts(List<Token> inside) {
    List<List<Token>> parts = new ArrayList<>();
    List<Token> part = new ArrayList<>();
    int depth = 0;
    for (Token t : inside) {
      if (t.isWord("INTERVAL")) {
        return null;
      }
      if (t.is("(") || t.is("[")) {
        depth++;
      } else if (t.is(")") || t.is("]")) {
        depth--;
      } else if (depth == 0 && t.is(",")) {
        parts.add(part);
        part = new ArrayList<>();
        continue;
      }
      part.add(t);
    }
    parts.add(part);
    return parts.size() == 2 ? parts : null;
  }
}
