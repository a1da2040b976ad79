package org.marketingsql.sql;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.util.Util;

/**
 * The names a statement's function calls were written with, kept for the calls the parse binds to a function of
 * another name: {@code ceiling(x)} is Calcite's CEIL, {@code bool_and(b)} its EVERY, {@code avg(x)} the driver's
 * PG_AVG. PostgreSQL names a result column after the function as written, so the driver's column names read them
 * here. A call is matched to what was written by its span in the parsed text: a call the parse makes in place of
 * another ({@code avg} written out) spans what it replaces, an aggregate over a window or with a filter included.
 * The names live as long as the parsed calls do.
 */
public final class WrittenNames {
  private static final Map<SqlCall, String> NAMES = Collections.synchronizedMap(new WeakHashMap<>());

  private final Map<SqlParserPos, String> written = new HashMap<>();

  private WrittenNames() {
  }

  /** The name {@code call} was written with when the function it is bound to is named otherwise; null otherwise. */
  public static String of(SqlCall call) {
    return NAMES.get(call);
  }

  /**
   * The names of the function calls in {@code parsed}, before they are bound, as {@code sql} writes them: the text
   * parsed, which the parser's rewrites made of {@code original}, the text as written. A name that is no word of
   * {@code original} is a rewrite's own ({@code pg_overlaps} for OVERLAPS), so not kept.
   */
  static WrittenNames read(String sql, String original, SqlNode parsed) {
    WrittenNames names = new WrittenNames();
    if (parsed == null) {
      return names;
    }
    List<Integer> lineStarts = lineStarts(sql);
    String written = original.toLowerCase(Locale.ROOT);
    parsed.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        String name = writtenName(sql, lineStarts, call);
        if (name != null && isWord(written, name.toLowerCase(Locale.ROOT))) {
          names.written.put(call.getParserPosition(), name);
        }
        return super.visit(call);
      }
    });
    return names;
  }

  /** Keeps the written name of each call of {@code bound} at a written call's span whose function is named otherwise. */
  <T extends SqlNode> T keep(T bound) {
    if (bound != null && !written.isEmpty()) {
      bound.accept(new SqlBasicVisitor<Void>() {
        @Override
        public Void visit(SqlCall call) {
          String name = written.get(call.getParserPosition());
          if (name != null && call.getOperator() instanceof SqlFunction
              && !name.equalsIgnoreCase(call.getOperator().getName())) {
            NAMES.put(call, name);
          }
          return super.visit(call);
        }
      });
    }
    return bound;
  }

  /** The function name {@code call} is written with, or null when it is no function call written with a name. */
  private static String writtenName(String sql, List<Integer> lineStarts, SqlCall call) {
    if ((call.getKind() == SqlKind.OVER || call.getKind() == SqlKind.FILTER) && call.operand(0) instanceof SqlCall function) {
      // an aggregate over a window or with a filter, which the parse may write out as one call (avg(x) OVER w)
      return writtenName(sql, lineStarts, function);
    }
    SqlOperator operator = call.getOperator();
    if (!(operator instanceof SqlFunction)) {
      return null;
    }
    if (operator instanceof SqlUnresolvedFunction unresolved) {
      return Util.last(unresolved.getSqlIdentifier().names);
    }
    if (operator.getSyntax() != SqlSyntax.FUNCTION && operator.getSyntax() != SqlSyntax.FUNCTION_STAR) {
      return null;
    }
    SqlParserPos pos = call.getParserPosition();
    if (pos.getLineNum() < 1 || pos.getLineNum() > lineStarts.size() || pos.getColumnNum() < 1) {
      return null;
    }
    int start = lineStarts.get(pos.getLineNum() - 1) + pos.getColumnNum() - 1;
    int end = start;
    while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
      end++;
    }
    int open = end;
    while (open < sql.length() && Character.isWhitespace(sql.charAt(open))) {
      open++;
    }
    boolean named = end > start && Character.isLetter(sql.charAt(start)) && open < sql.length() && sql.charAt(open) == '(';
    return named ? sql.substring(start, end) : null;
  }

  /** Whether {@code word} stands in {@code text} as a word of its own. */
  private static boolean isWord(String text, String word) {
    for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
      int end = at + word.length();
      if ((at == 0 || !isWordPart(text.charAt(at - 1))) && (end == text.length() || !isWordPart(text.charAt(end)))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isWordPart(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }

  private static List<Integer> lineStarts(String sql) {
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    for (int i = 0; i < sql.length(); i++) {
      // as the parser counts lines: \n, \r\n or \r
      if (sql.charAt(i) == '\n' || sql.charAt(i) == '\r' && (i + 1 == sql.length() || sql.charAt(i + 1) != '\n')) {
        starts.add(i + 1);
      }
    }
    return starts;
  }
}
