package org.marketingsql.access;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.ObjIntConsumer;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code rank()}, {@code dense_rank()}, {@code percent_rank()} and {@code cume_dist()} over a window without ORDER BY
 * ({@code OVER ()}, {@code OVER (PARTITION BY x)}, or a named window of the same SELECT without one), as PostgreSQL
 * computes them: every row of a partition is a peer of every other, so {@code rank} and {@code dense_rank} are 1,
 * {@code percent_rank} 0 and {@code cume_dist} 1. Calcite refuses them ("RANK or DENSE_RANK functions require ORDER BY
 * clause in window specification"); before validation, each becomes that value as a window function over the same
 * partitions, {@code CAST(MIN(1) OVER (PARTITION BY x) AS BIGINT)} ({@code double precision} for the last two, as
 * PostgreSQL types them), so it stays a window function where SQL allows one (not in WHERE nor GROUP BY) and runs
 * in the store or in Calcite alike. A window frame, which ranking functions ignore, is dropped. A ranking function
 * over a window with an ORDER BY, or over a window name this SELECT does not declare, is left as written.
 */
final class PeerRanks {
  /** The functions by their names: before validation a call of one is unresolved (its kind is not yet RANK). */
  private static final Set<String> RANKS = Set.of("RANK", "DENSE_RANK", "PERCENT_RANK", "CUME_DIST");

  private PeerRanks() {
  }

  /** Rewrites, in {@code statement} at any depth, every ranking function over a window without ORDER BY. */
  static void rewrite(SqlNode statement) {
    visit(statement, SqlNodeList.EMPTY);
  }

  /** Rewrites under {@code node}; {@code windows} are the named windows of the SELECT it belongs to. */
  private static void visit(SqlNode node, SqlNodeList windows) {
    if (node instanceof SqlNodeList list) {
      visitAll(list, windows, (value, i) -> list.set(i, value));
    } else if (node instanceof SqlCall call) {
      SqlNodeList own = call instanceof SqlSelect select ? select.getWindowList() : windows;
      visitAll(call.getOperandList(), own, (value, i) -> call.setOperand(i, value));
    }
  }

  /** Puts the value of each of {@code children} that is a ranking function to rewrite in its place, else visits it. */
  private static void visitAll(List<SqlNode> children, SqlNodeList windows, ObjIntConsumer<SqlNode> replace) {
    for (int i = 0; i < children.size(); i++) {
      SqlNode child = children.get(i);
      SqlNode value = peerValue(child, windows);
      if (value != null) {
        replace.accept(value, i);
      } else if (child != null) {
        visit(child, windows);
      }
    }
  }

  /** The value of {@code node} when it is a ranking function over a window without ORDER BY; else null. */
  private static SqlNode peerValue(SqlNode node, SqlNodeList windows) {
    if (node == null || node.getKind() != SqlKind.OVER) {
      return null;
    }
    SqlCall over = (SqlCall) node;
    String function = rankingFunction(over.operand(0));
    if (function == null) {
      return null;
    }
    SqlNodeList partitions = partitionsWithoutOrder(over.operand(1), windows);
    if (partitions == null) {
      return null;
    }
    boolean rank = function.equals("RANK") || function.equals("DENSE_RANK");
    SqlParserPos pos = node.getParserPosition();
    // a copy: a named window's partitions are validated where that window is declared too
    SqlNodeList copy = new SqlNodeList(pos);
    partitions.forEach(p -> copy.add(p.clone(p.getParserPosition())));
    SqlNode whole = SqlWindow.create(null, null, copy, SqlNodeList.EMPTY, SqlLiteral.createBoolean(false, pos), null,
        null, null, pos);
    SqlNode value = SqlLiteral.createExactNumeric(function.equals("PERCENT_RANK") ? "0" : "1", pos);
    SqlNode windowed = SqlStdOperatorTable.OVER.createCall(pos, SqlStdOperatorTable.MIN.createCall(pos, value), whole);
    SqlDataTypeSpec type = new SqlDataTypeSpec(
        new SqlBasicTypeNameSpec(rank ? SqlTypeName.BIGINT : SqlTypeName.DOUBLE, pos), pos);
    return SqlStdOperatorTable.CAST.createCall(pos, windowed, type);
  }

  /** The upper-case name of {@code call} when it is a ranking function without arguments and schema; else null. */
  private static String rankingFunction(SqlNode call) {
    if (!(call instanceof SqlCall function) || function.operandCount() != 0
        || function.getOperator() instanceof SqlUnresolvedFunction unresolved
        && unresolved.getSqlIdentifier() != null && !unresolved.getSqlIdentifier().isSimple()) {
      return null;
    }
    String name = function.getOperator().getName().toUpperCase(Locale.ROOT);
    return RANKS.contains(name) ? name : null;
  }

  /**
   * The PARTITION BY list of {@code window} (inline, or a name of {@code windows}, or an inline window on one) when
   * neither it nor a window it names orders its rows; null when one does or a name is not among {@code windows}.
   */
  private static SqlNodeList partitionsWithoutOrder(SqlNode window, SqlNodeList windows) {
    SqlNode current = window;
    for (int depth = 0; depth <= windows.size(); depth++) {
      SqlIdentifier name;
      if (current instanceof SqlIdentifier identifier) {
        name = identifier;
      } else if (current instanceof SqlWindow inline) {
        if (inline.getOrderList() != null && inline.getOrderList().size() > 0) {
          return null;
        }
        if (inline.getRefName() == null) {
          return inline.getPartitionList() == null ? SqlNodeList.EMPTY : inline.getPartitionList();
        }
        if (inline.getPartitionList() != null && inline.getPartitionList().size() > 0) {
          return null;
        }
        name = inline.getRefName();
      } else {
        return null;
      }
      current = declared(name, windows);
    }
    return null;
  }

  private static SqlWindow declared(SqlIdentifier name, SqlNodeList windows) {
    for (SqlNode declared : windows) {
      if (declared instanceof SqlWindow window && window.getDeclName() != null
          && window.getDeclName().getSimple().equals(name.getSimple())) {
        return window;
      }
    }
    return null;
  }
}
