package org.marketingsql.jdbc;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;

/**
 * Calcite's conversion of SQL to expressions, with an interval times a number written number first:
 * {@code interval '1 hour' * 1.5} is {@code 1.5 * interval '1 hour'}, the same product, which Calcite computes
 * (it could not generate the code of the interval-first form for a number with decimals), and a double precision
 * as a numeric, which Calcite multiplies an interval by.
 */
final class IntervalProduct implements SqlRexConvertletTable {
  private final SqlRexConvertletTable calcite;

  IntervalProduct(SqlRexConvertletTable calcite) {
    this.calcite = Objects.requireNonNull(calcite, "calcite");
  }

  @Override
  public SqlRexConvertlet get(SqlCall call) {
    SqlRexConvertlet convertlet = calcite.get(call);
    if (convertlet == null || call.getKind() != SqlKind.TIMES || call.operandCount() != 2) {
      return convertlet;
    }
    return (context, times) -> {
      RelDataType left = context.getValidator().getValidatedNodeTypeIfKnown(times.operand(0));
      RelDataType right = context.getValidator().getValidatedNodeTypeIfKnown(times.operand(1));
      RelDataType product = context.getValidator().getValidatedNodeTypeIfKnown(times);
      if (left == null || right == null || product == null) {
        return convertlet.convertCall(context, times);
      }
      int interval = SqlTypeUtil.isInterval(left) && SqlTypeUtil.isNumeric(right) ? 0
          : SqlTypeUtil.isNumeric(left) && SqlTypeUtil.isInterval(right) ? 1 : -1;
      if (interval < 0) {
        return convertlet.convertCall(context, times);
      }
      RelDataType numberType = interval == 0 ? right : left;
      RexBuilder rex = context.getRexBuilder();
      RexNode number = context.convertExpression(times.operand(1 - interval));
      if (SqlTypeUtil.isApproximateNumeric(numberType)) {
        // Calcite multiplies an interval by an exact number only: a double precision as a numeric of its digits
        RelDataTypeFactory types = rex.getTypeFactory();
        number = rex.makeCast(types.createTypeWithNullability(types.createSqlType(SqlTypeName.DECIMAL,
            types.getTypeSystem().getMaxNumericPrecision(), 9), numberType.isNullable()), number);
      }
      return rex.makeCall(product, SqlStdOperatorTable.MULTIPLY, List.of(number,
          context.convertExpression(times.operand(interval))));
    };
  }
}
