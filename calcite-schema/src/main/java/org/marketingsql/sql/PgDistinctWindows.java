package org.marketingsql.sql;

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
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.util.Litmus;
import org.apache.calcite.util.Util;

/**
 * PostgreSQL's {@code SELECT DISTINCT rank() OVER (ORDER BY x) AS r FROM t ORDER BY r}: a {@code SELECT DISTINCT} whose
 * select list holds a window function, ordered. Calcite checks the ORDER BY of a {@code SELECT DISTINCT} as it checks a
 * grouped query's, and refused the columns the window reads ("Expression 'x' is not in the select clause"). Such a
 * select becomes {@code SELECT * FROM (SELECT DISTINCT …) AS "$distinct"}, the statement's ORDER BY (and its LIMIT and
 * OFFSET) ordering the distinct rows; an ORDER BY item written as a select item's expression orders by that item's
 * position. An output name or position orders as before.
 */
final class PgDistinctWindows extends SqlBasicVisitor<Void> {
  private static final String ALIAS = "$distinct";

  private PgDistinctWindows() {
  }

  /** {@code node} with each ordered {@code SELECT DISTINCT} of a window function as the select of its distinct rows. */
  static <T extends SqlNode> T apply(T node) {
    if (node != null) {
      node.accept(new PgDistinctWindows());
    }
    return node;
  }

  @Override
  public Void visit(SqlCall call) {
    Void visited = super.visit(call);
    if (call instanceof SqlOrderBy order && order.query instanceof SqlSelect select && select.isDistinct()
        && order.orderList != null && !order.orderList.isEmpty() && hasWindow(select.getSelectList())) {
      selectDistinctRows(select, order.orderList);
    }
    return visited;
  }

  private static boolean hasWindow(SqlNodeList items) {
    boolean[] found = {false};
    items.accept(new SqlBasicVisitor<Void>() {
      @Override
      public Void visit(SqlCall call) {
        if (call instanceof SqlSelect) {
          return null; // a sub-query's windows are its own
        }
        if (call.getKind() == SqlKind.OVER) {
          found[0] = true;
          return null;
        }
        return super.visit(call);
      }
    });
    return found[0];
  }

  private static void selectDistinctRows(SqlSelect select, SqlNodeList orderList) {
    SqlParserPos pos = select.getParserPosition();
    SqlNodeList items = select.getSelectList();
    SqlSelect distinct = new SqlSelect(pos, select.getOperandList().get(0) instanceof SqlNodeList keywords ? keywords : null,
        items, select.getFrom(), select.getWhere(), select.getGroup(), select.getHaving(), new SqlNodeList(select.getWindowList(), pos),
        select.getQualify(), null, null, null, select.getHints());
    for (int i = 0; i < orderList.size(); i++) {
      orderList.set(i, byPosition(orderList.get(i), items));
    }
    select.setOperand(0, new SqlNodeList(pos));
    select.setSelectList(SqlNodeList.of(SqlIdentifier.star(pos)));
    select.setFrom(SqlStdOperatorTable.AS.createCall(pos, distinct, new SqlIdentifier(ALIAS, pos)));
    select.setWhere(null);
    select.setGroupBy(null);
    select.setHaving(null);
    select.getWindowList().clear();
    select.setQualify(null);
  }

  /** An ORDER BY item written as a select item's expression as that item's position; any other item as it is. */
  private static SqlNode byPosition(SqlNode item, SqlNodeList items) {
    if (item instanceof SqlBasicCall call && (call.getKind() == SqlKind.DESCENDING || call.getKind() == SqlKind.NULLS_FIRST
        || call.getKind() == SqlKind.NULLS_LAST)) {
      return call.getOperator().createCall(call.getParserPosition(), byPosition(call.operand(0), items));
    }
    if (item instanceof SqlNumericLiteral || item instanceof SqlIdentifier id && id.isSimple() && isOutputName(id, items)) {
      return item;
    }
    for (int i = 0; i < items.size(); i++) {
      SqlNode expression = items.get(i).getKind() == SqlKind.AS ? ((SqlCall) items.get(i)).operand(0) : items.get(i);
      if (expression.equalsDeep(item, Litmus.IGNORE)) {
        return SqlLiteral.createExactNumeric(Integer.toString(i + 1), item.getParserPosition());
      }
    }
    return item;
  }

  private static boolean isOutputName(SqlIdentifier name, SqlNodeList items) {
    for (SqlNode item : items) {
      SqlNode named = item.getKind() == SqlKind.AS ? ((SqlCall) item).operand(1) : item;
      if (named instanceof SqlIdentifier output && !output.isStar()
          && Util.last(output.names).equalsIgnoreCase(name.getSimple())) {
        return true;
      }
    }
    return false;
  }
}
