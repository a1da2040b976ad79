package org.marketingsql.sql;

import java.util.Set;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlWriter;

/**
 * PostgreSQL's ordered-set aggregate {@code mode() WITHIN GROUP (ORDER BY x)}, which Calcite holds as {@code MODE(x)}
 * and both stores are sent in PostgreSQL's syntax. {@code percentile_cont} and {@code percentile_disc} are not sent:
 * Calcite writes the ORDER BY of their WITHIN GROUP as a position into a select list that is not there (CALCITE's
 * RelToSqlConverter, when the ordered column is an expression of a view), and the store then orders by a constant.
 */
final class OrderedSetAggregates {
  static final Set<SqlKind> KINDS = Set.of(SqlKind.MODE);

  private OrderedSetAggregates() {
  }

  /** Writes {@code call} if it is Calcite's {@code MODE(x)}, as PostgreSQL's; false, having written nothing, otherwise. */
  static boolean unparseMode(SqlWriter writer, SqlCall call) {
    if (call.getKind() != SqlKind.MODE || call.operandCount() != 1) {
      return false;
    }
    writer.keyword("mode()");
    writer.keyword("WITHIN GROUP");
    SqlWriter.Frame frame = writer.startList("(", ")");
    writer.keyword("ORDER BY");
    call.operand(0).unparse(writer, 0, 0);
    writer.endList(frame);
    return true;
  }
}
