package org.marketingsql.jdbc;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql2rel.SqlRexContext;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.marketingsql.sql.PgCasts;

/**
 * Calcite's conversion of SQL to expressions, with {@code x::numeric}, {@code CAST(x AS numeric)} and
 * {@code CAST(x AS decimal)} without a precision ({@link PgCasts#isNumericWithoutPrecision}) of an exact number as
 * the number itself (a numeric already: its own digits) or a plain cast to a numeric without decimals (a whole number):
 * both stores compute it, so {@code sum(CAST(spend_rc AS decimal))}, as Power BI writes it, is part of the one query
 * the store runs. The cast of a text or a double precision keeps the function, which reads its digits above the store.
 */
final class NumericCast extends CastConvertlet {
  NumericCast(SqlRexConvertletTable calcite) {
    super(calcite);
  }

  @Override
  boolean isCast(SqlCall call) {
    return PgCasts.isNumericWithoutPrecision(call.getOperator()) && call.operandCount() == 1;
  }

  @Override
  RexNode convert(SqlRexContext context, SqlCall cast, RelDataType from, RelDataType to) {
    if (!SqlTypeUtil.isExactNumeric(from)) {
      return null;
    }
    RexNode value = context.convertExpression(cast.operand(0));
    return SqlTypeUtil.equalSansNullability(context.getTypeFactory(), value.getType(), to) ? value
        : context.getRexBuilder().makeCast(to, value);
  }
}
