package org.marketingsql.sql;

import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.fun.SqlBasicAggFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;

/**
 * PostgreSQL's {@code bool_and}, {@code bool_or} and {@code every}, which Calcite holds as its {@code EVERY} and
 * {@code SOME} (aggregates of the kinds MIN and MAX, which every store dialect takes), in the store's SQL under the
 * names both stores give them: {@code bool_and} and {@code bool_or} (DuckDB has no {@code EVERY} or {@code SOME}
 * aggregate, PostgreSQL no {@code SOME}).
 */
final class BooleanAggregates {
  private static final SqlAggFunction BOOL_AND = SqlBasicAggFunction.create("bool_and", SqlKind.OTHER_FUNCTION,
      ReturnTypes.BOOLEAN_NULLABLE, OperandTypes.BOOLEAN);
  private static final SqlAggFunction BOOL_OR = SqlBasicAggFunction.create("bool_or", SqlKind.OTHER_FUNCTION,
      ReturnTypes.BOOLEAN_NULLABLE, OperandTypes.BOOLEAN);

  private BooleanAggregates() {
  }

  /** Writes {@code call} in the store's words and says so when it is an EVERY or SOME aggregate; else writes nothing. */
  static boolean unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
    SqlOperator operator = call.getOperator();
    if (operator != SqlStdOperatorTable.EVERY && operator != SqlStdOperatorTable.SOME) {
      return false;
    }
    SqlAggFunction named = operator == SqlStdOperatorTable.EVERY ? BOOL_AND : BOOL_OR;
    named.createCall(call.getFunctionQuantifier(), call.getParserPosition(), call.getOperandList())
        .unparse(writer, leftPrec, rightPrec);
    return true;
  }
}
