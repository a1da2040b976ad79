package org.marketingsql.sql;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * PostgreSQL's {@code OVER (w ROWS BETWEEN …)}: a named window of the WINDOW clause refined with a frame, written out
 * as the window it names with that frame. Calcite kept the named window's own frame (the default, up to the current
 * row), so {@code last_value(x) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)} gave the current
 * row's value.
 */
final class PgWindows extends SqlBasicVisitor<Void> {
  private PgWindows() {
  }

  /** {@code node} with each named window refined by a frame written out; null stays null. */
  static <T extends SqlNode> T inline(T node) {
    if (node != null) {
      node.accept(new PgWindows());
    }
    return node;
  }

  @Override
  public Void visit(SqlCall call) {
    if (call instanceof SqlSelect select && select.getWindowList() != null && !select.getWindowList().isEmpty()) {
      SqlNodeList declared = select.getWindowList();
      SqlBasicVisitor<Void> refinements = new SqlBasicVisitor<>() {
        @Override
        public Void visit(SqlCall inner) {
          if (inner instanceof SqlSelect) {
            return null; // its windows are its own
          }
          if (inner.getKind() == SqlKind.OVER && inner.operand(1) instanceof SqlWindow window) {
            SqlWindow named = framed(window, declared);
            if (named != window) {
              inner.setOperand(1, named);
            }
          }
          return super.visit(inner);
        }
      };
      for (SqlNode node : new SqlNode[] {select.getSelectList(), select.getOrderList(), select.getQualify()}) {
        if (node != null) {
          node.accept(refinements);
        }
      }
    }
    return super.visit(call);
  }

  /** {@code window} written out when it refines a declared window with a frame of its own; else itself. */
  private static SqlWindow framed(SqlWindow window, SqlNodeList declared) {
    if (window.getRefName() == null || window.getLowerBound() == null && window.getUpperBound() == null) {
      return window;
    }
    for (SqlNode node : declared) {
      if (node instanceof SqlWindow named && named.getDeclName() != null && named.getRefName() == null
          && named.getLowerBound() == null && named.getUpperBound() == null
          && named.getDeclName().getSimple().equalsIgnoreCase(window.getRefName().getSimple())) {
        SqlNodeList order = window.getOrderList().isEmpty() ? named.getOrderList() : window.getOrderList();
        SqlParserPos pos = window.getParserPosition();
        return SqlWindow.create(null, null, named.getPartitionList(), order, SqlLiteral.createBoolean(window.isRows(), pos),
            window.getLowerBound(), window.getUpperBound(), null, window.getExclude(), pos);
      }
    }
    return window;
  }
}
