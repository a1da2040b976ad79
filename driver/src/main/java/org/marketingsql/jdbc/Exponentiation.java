package org.marketingsql.jdbc;

import java.util.Objects;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.marketingsql.sql.PgExponentiation;

/**
 * Calcite's conversion of SQL to expressions, with PostgreSQL's {@code x ^ y} ({@link PgExponentiation})
 * computed as Calcite's {@code power(x, y)}, in double precision.
 */
final class Exponentiation implements SqlRexConvertletTable {
  private final SqlRexConvertletTable calcite;

  Exponentiation(SqlRexConvertletTable calcite) {
    this.calcite = Objects.requireNonNull(calcite, "calcite");
  }

  @Override
  public SqlRexConvertlet get(SqlCall call) {
    if (call.getOperator() != PgExponentiation.INSTANCE || call.operandCount() != 2) {
      return calcite.get(call);
    }
    return (context, power) -> {
      RexBuilder rex = context.getRexBuilder();
      return rex.makeCall(SqlStdOperatorTable.POWER, context.convertExpression(power.operand(0)),
          context.convertExpression(power.operand(1)));
    };
  }
}
