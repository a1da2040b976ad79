package org.marketingsql.jdbc;

import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql2rel.SqlRexContext;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.marketingsql.sql.PgTextInput;

/**
 * Calcite's conversion of SQL to expressions, with a text cast to a number, a boolean, a date or a timestamp
 * ({@code 'x'::int}, {@code CAST(channel AS date)}) reading the text as PostgreSQL does first
 * ({@link PgTextInput#INPUT}), so a text that is no such value is refused in PostgreSQL's words ({@code invalid input
 * syntax for type integer: "x"}) rather than Java's. In the store the cast is the store's own, whose error
 * {@link ErrorMessages} words the same way.
 */
final class TextInputCast extends CastConvertlet {
  /** The types read, by the name PostgreSQL gives them in its messages. */
  private static final Map<SqlTypeName, String> TYPES = Map.of(SqlTypeName.SMALLINT, "smallint",
      SqlTypeName.INTEGER, "integer", SqlTypeName.BIGINT, "bigint", SqlTypeName.DECIMAL, "numeric",
      SqlTypeName.REAL, "real", SqlTypeName.FLOAT, "double precision", SqlTypeName.DOUBLE, "double precision",
      SqlTypeName.BOOLEAN, "boolean", SqlTypeName.DATE, "date", SqlTypeName.TIMESTAMP, "timestamp");

  TextInputCast(SqlRexConvertletTable calcite) {
    super(calcite);
  }

  @Override
  RexNode convert(SqlRexContext context, SqlCall cast, RelDataType from, RelDataType to) {
    String type = TYPES.get(to.getSqlTypeName());
    if (type == null || !SqlTypeUtil.isCharacter(from)) {
      return null;
    }
    RexBuilder rex = context.getRexBuilder();
    RexNode text = context.convertExpression(cast.operand(0));
    RexNode read = rex.makeCall(text.getType(), PgTextInput.INPUT, List.of(text, rex.makeLiteral(type)));
    return rex.makeCast(to, read);
  }
}
