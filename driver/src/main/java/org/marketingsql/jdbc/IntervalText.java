package org.marketingsql.jdbc;

import java.util.List;
import org.apache.calcite.avatica.util.TimeUnit;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql2rel.SqlRexContext;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.marketingsql.sql.PgOperators;

/**
 * Calcite's conversion of SQL to expressions, with an interval cast to text written as PostgreSQL writes it:
 * {@code CAST(interval '1 day' AS text)} is {@code 1 day} and {@code (interval '90 minutes')::varchar} {@code 01:30:00}
 * (Calcite writes the count of the type's unit, {@code +1}). Computed above the store.
 */
final class IntervalText extends CastConvertlet {
  IntervalText(SqlRexConvertletTable calcite) {
    super(calcite);
  }

  @Override
  RexNode convert(SqlRexContext context, SqlCall cast, RelDataType from, RelDataType to) {
    if (!SqlTypeUtil.isInterval(from) || !SqlTypeUtil.isCharacter(to)) {
      return null;
    }
    RexBuilder rex = context.getRexBuilder();
    RexNode value = context.convertExpression(cast.operand(0));
    RelDataType text = rex.getTypeFactory().createTypeWithNullability(
        rex.getTypeFactory().createSqlType(SqlTypeName.VARCHAR), from.isNullable());
    RexNode written = from.getSqlTypeName().getFamily() == SqlTypeFamily.INTERVAL_YEAR_MONTH
        ? rex.makeCall(text, PgOperators.YEAR_MONTH_TEXT, List.of(value))
        : rex.makeCall(text, PgOperators.DAY_TIME_TEXT, List.of(value,
            rex.makeLiteral(from.getIntervalQualifier().getStartUnit() == TimeUnit.DAY)));
    return rex.makeCast(rex.getTypeFactory().createTypeWithNullability(to, from.isNullable()), written);
  }
}
