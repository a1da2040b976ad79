package org.marketingsql.sql;

import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * PostgreSQL's integer results of {@code grouping(…)} and of the window function {@code ntile(n)}, which Calcite
 * types as bigints: each call is read as its cast to integer, which holds every value either gives (a bit mask of at
 * most 31 grouped columns in PostgreSQL, a bucket number no larger than n). The cast runs where the call does, in
 * the store or above it.
 */
final class PgIntegerResults {
  private PgIntegerResults() {
  }

  /** {@code node} cast to integer when it is a {@code grouping(…)} call or {@code ntile(n) OVER (…)}; else itself. */
  static SqlNode integer(SqlNode node) {
    boolean grouping = is(node, SqlKind.GROUPING, "grouping");
    boolean ntile = node != null && node.getKind() == SqlKind.OVER && is(((SqlCall) node).operand(0), SqlKind.NTILE, "ntile");
    if (!grouping && !ntile) {
      return node;
    }
    SqlParserPos pos = node.getParserPosition();
    return SqlStdOperatorTable.CAST.createCall(pos, node,
        new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.INTEGER, pos), pos));
  }

  /** Whether {@code node} is a call of Calcite's function of {@code kind}, or of the unqualified {@code name} as parsed. */
  private static boolean is(SqlNode node, SqlKind kind, String name) {
    if (node == null || node.getKind() == kind) {
      return node != null;
    }
    return node instanceof SqlCall call && call.getOperator() instanceof SqlUnresolvedFunction function
        && function.getSqlIdentifier().names.size() == 1 && function.getName().equalsIgnoreCase(name);
  }
}
