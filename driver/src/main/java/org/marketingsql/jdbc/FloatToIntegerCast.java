package org.marketingsql.jdbc;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql2rel.SqlRexContext;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.marketingsql.sql.PgFloatRounding;

/**
 * Calcite's conversion of SQL to expressions, with a cast of a double precision to an integer rounded half to even
 * first, as PostgreSQL's {@code rint} ({@link PgFloatRounding#BEFORE_CAST}): {@code 3.5::float8::int} is {@code 4} and
 * {@code 2.5::float8::int} {@code 2}, where Calcite's cast cuts toward zero. Here rather than in the plan, so that a
 * cast of a literal, which Calcite computes while converting, is rounded too.
 */
final class FloatToIntegerCast extends CastConvertlet {
  FloatToIntegerCast(SqlRexConvertletTable calcite) {
    super(calcite);
  }

  @Override
  RexNode convert(SqlRexContext context, SqlCall cast, RelDataType from, RelDataType to) {
    if (!SqlTypeUtil.isIntType(to)
        || from.getSqlTypeName() != SqlTypeName.DOUBLE && from.getSqlTypeName() != SqlTypeName.FLOAT) {
      return null;
    }
    RexBuilder rex = context.getRexBuilder();
    return rex.makeCast(to, rex.makeCall(PgFloatRounding.BEFORE_CAST, context.convertExpression(cast.operand(0))));
  }
}
