package org.marketingsql.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * PostgreSQL's {@code SELECT DISTINCT ON (a, b) … ORDER BY …}: the first row of each group of equal {@code a, b}
 * in the statement's order. Before parsing, on tokens, {@code DISTINCT ON (a, b)} becomes a first select item
 * {@code "$distinct_on"(a, b)} that Calcite's parser reads; after parsing, that item is removed again and the select
 * keeps the rows where {@code row_number() OVER (PARTITION BY a, b ORDER BY <the statement's ORDER BY>) = 1}
 * (Calcite's {@code QUALIFY}), which the store computes with the rest of the query. An ORDER BY item that is an
 * output column's position or name is the expression of that column in the window.
 */
final class PgDistinctOn extends SqlBasicVisitor<Void> {
  static final String MARKER = "$distinct_on";

  private PgDistinctOn() {
  }

  /** {@code sql} with each {@code SELECT DISTINCT ON (…)} as a first select item the parser reads. */
  static String rewrite(String sql) {
    if (!sql.toUpperCase(java.util.Locale.ROOT).contains("DISTINCT")) {
      return sql;
    }
    List<SqlTokens.Token> tokens = SqlTokens.tokenize(sql);
    List<SqlTokens.Token> out = new ArrayList<>(tokens.size() + 4);
    SqlTokens.Token previous = null;
    for (int i = 0; i < tokens.size(); i++) {
      SqlTokens.Token token = tokens.get(i);
      int on = next(tokens, i + 1);
      int open = on < 0 ? -1 : next(tokens, on + 1);
      if (token.isWord("DISTINCT") && previous != null && previous.isWord("SELECT") && on >= 0 && tokens.get(on).isWord("ON")
          && open >= 0 && tokens.get(open).is("(")) {
        int close = closing(tokens, open);
        if (close > open) {
          out.add(new SqlTokens.Token(SqlTokens.Kind.QUOTED, '"' + MARKER + '"'));
          out.addAll(tokens.subList(open, close + 1));
          out.add(new SqlTokens.Token(SqlTokens.Kind.OTHER, ","));
          previous = tokens.get(close);
          i = close;
          continue;
        }
      }
      out.add(token);
      if (token.significant()) {
        previous = token;
      }
    }
    return SqlTokens.join(out);
  }

  /** {@code node} with its DISTINCT ON selects as selects that qualify the first row of each group; null stays null. */
  static <T extends SqlNode> T apply(T node) {
    if (node != null) {
      node.accept(new PgDistinctOn());
    }
    return node;
  }

  @Override
  public Void visit(SqlCall call) {
    if (call instanceof SqlOrderBy order && order.query instanceof SqlSelect select) {
      firstOfEachGroup(select, order.orderList);
    } else if (call instanceof SqlSelect select) {
      firstOfEachGroup(select, select.getOrderList());
    }
    return super.visit(call);
  }

  private static void firstOfEachGroup(SqlSelect select, SqlNodeList orderList) {
    SqlNodeList items = select.getSelectList();
    if (items == null || items.isEmpty() || !(items.get(0) instanceof SqlBasicCall marker) || !isMarker(marker)) {
      return;
    }
    SqlParserPos pos = marker.getParserPosition();
    if (select.getQualify() != null) {
      throw new PgSqlException("0A000", "DISTINCT ON together with QUALIFY is not supported");
    }
    SqlNodeList output = new SqlNodeList(items.getList().subList(1, items.size()), items.getParserPosition());
    select.setSelectList(output);
    SqlNodeList order = new SqlNodeList(pos);
    if (orderList != null) {
      orderList.forEach(item -> order.add(inWindow(item, output)));
    }
    SqlWindow window = SqlWindow.create(null, null, new SqlNodeList(marker.getOperandList(), pos), order,
        SqlLiteral.createBoolean(false, pos), null, null, null, pos);
    SqlCall first = SqlStdOperatorTable.OVER.createCall(pos, SqlStdOperatorTable.ROW_NUMBER.createCall(pos), window);
    select.setQualify(SqlStdOperatorTable.EQUALS.createCall(pos, first, SqlLiteral.createExactNumeric("1", pos)));
  }

  private static boolean isMarker(SqlBasicCall call) {
    return call.getOperator().getNameAsId().names.size() == 1 && MARKER.equals(call.getOperator().getName());
  }

  /** An item of the statement's ORDER BY as the window orders by it: positions and output names as their expressions. */
  private static SqlNode inWindow(SqlNode item, SqlNodeList output) {
    if (item instanceof SqlBasicCall call && (call.getKind() == SqlKind.DESCENDING || call.getKind() == SqlKind.NULLS_FIRST
        || call.getKind() == SqlKind.NULLS_LAST)) {
      return call.getOperator().createCall(call.getParserPosition(), inWindow(call.operand(0), output));
    }
    if (item instanceof SqlNumericLiteral position && position.isInteger()) {
      int n = position.intValue(true);
      if (n < 1 || n > output.size() || output.get(n - 1) instanceof SqlIdentifier id && id.isStar()) {
        throw new PgSqlException("42P10", "ORDER BY position " + n + " is not in the select list of a DISTINCT ON");
      }
      return expression(output.get(n - 1));
    }
    if (item instanceof SqlIdentifier name && name.isSimple()) {
      for (SqlNode column : output) {
        if (column.getKind() == SqlKind.AS && ((SqlCall) column).operand(1) instanceof SqlIdentifier alias
            && alias.getSimple().equalsIgnoreCase(name.getSimple())) {
          return ((SqlCall) column).operand(0);
        }
      }
    }
    return item;
  }

  private static SqlNode expression(SqlNode column) {
    return column.getKind() == SqlKind.AS ? ((SqlCall) column).operand(0) : column;
  }

  private static int next(List<SqlTokens.Token> tokens, int from) {
    for (int i = from; i < tokens.size(); i++) {
      if (tokens.get(i).significant()) {
        return i;
      }
    }
    return -1;
  }

  private static int closing(List<SqlTokens.Token> tokens, int open) {
    int depth = 0;
    for (int i = open; i < tokens.size(); i++) {
      if (tokens.get(i).is("(")) {
        depth++;
      } else if (tokens.get(i).is(")") && --depth == 0) {
        return i;
      }
    }
    return -1;
  }
}
