package org.marketingsql.jdbc;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql2rel.SqlRexContext;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.marketingsql.sql.PgTypeNameSpec;

/**
 * Calcite's conversion of SQL to expressions, with a boolean cast to text written as PostgreSQL writes it:
 * {@code true::text} is {@code true} and {@code 'a' || true} is {@code atrue} (Calcite writes {@code TRUE}). The
 * cast becomes {@code CASE WHEN b THEN 'true' ELSE 'false' END} (null stays null), which the store computes
 * where it computes the rest, and Calcite above it, with the same text. The text {@code concat}, {@code concat_ws} and
 * {@code format} take ({@link PgTypeNameSpec#output}) is the boolean's own, {@code t} or {@code f}, as in PostgreSQL.
 */
final class BooleanText extends CastConvertlet {
  BooleanText(SqlRexConvertletTable calcite) {
    super(calcite);
  }

  @Override
  RexNode convert(SqlRexContext context, SqlCall cast, RelDataType from, RelDataType to) {
    if (from.getSqlTypeName() != SqlTypeName.BOOLEAN || !SqlTypeUtil.isCharacter(to)) {
      return null;
    }
    boolean output = cast.operand(1) instanceof SqlDataTypeSpec spec && PgTypeNameSpec.isOutput(spec);
    return asText(context, context.convertExpression(cast.operand(0)), to, output ? "t" : "true", output ? "f" : "false");
  }

  /** {@code value}, a boolean, as the text {@code yes} or {@code no} of type {@code to}. */
  private static RexNode asText(SqlRexContext context, RexNode value, RelDataType to, String yes, String no) {
    RexBuilder rex = context.getRexBuilder();
    RelDataTypeFactory types = rex.getTypeFactory();
    RelDataType text = types.createTypeWithNullability(types.createSqlType(SqlTypeName.VARCHAR), value.getType().isNullable());
    RexNode written = value.getType().isNullable()
        ? rex.makeCall(text, SqlStdOperatorTable.CASE, java.util.List.of(
            rex.makeCall(SqlStdOperatorTable.IS_NULL, value), rex.makeNullLiteral(text),
            value, rex.makeLiteral(yes, text, false), rex.makeLiteral(no, text, false)))
        : rex.makeCall(text, SqlStdOperatorTable.CASE, java.util.List.of(
            value, rex.makeLiteral(yes, text, false), rex.makeLiteral(no, text, false)));
    return rex.makeCast(types.createTypeWithNullability(to, value.getType().isNullable()), written);
  }
}
