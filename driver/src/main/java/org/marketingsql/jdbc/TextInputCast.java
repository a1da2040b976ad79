package org.marketingsql.jdbc;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.marketingsql.sql.PgTextInput;

/**
 * Calcite's conversion of SQL to expressions, with a text cast to a number, a boolean, a date or a timestamp
 * ({@code 'x'::int}, {@code CAST(channel AS date)}) reading the text as PostgreSQL does first
 * ({@link PgTextInput#INPUT}), so a text that is no such value is refused in PostgreSQL's words ({@code invalid input
 * syntax for type integer: "x"}) rather than Java's. In the store the cast is the store's own, whose error
 * {@link ErrorMessages} words the same way.
 */
final class TextInputCast implements SqlRexConvertletTable {
  /** The types read, by the name PostgreSQL gives them in its messages. */
  private static final Map<SqlTypeName, String> TYPES = Map.of(SqlTypeName.SMALLINT, "smallint",
      SqlTypeName.INTEGER, "integer", SqlTypeName.BIGINT, "bigint", SqlTypeName.DECIMAL, "numeric",
      SqlTypeName.REAL, "real", SqlTypeName.FLOAT, "double precision", SqlTypeName.DOUBLE, "double precision",
      SqlTypeName.BOOLEAN, "boolean", SqlTypeName.DATE, "date", SqlTypeName.TIMESTAMP, "timestamp");
  private final SqlRexConvertletTable calcite;

  TextInputCast(SqlRexConvertletTable calcite) {
    this.calcite = Objects.requireNonNull(calcite, "calcite");
  }

  @Override
  public SqlRexConvertlet get(SqlCall call) {
    SqlRexConvertlet convertlet = calcite.get(call);
    if (convertlet == null || call.getKind() != SqlKind.CAST || call.operandCount() != 2) {
      return convertlet;
    }
    return (context, cast) -> {
      RelDataType from = context.getValidator().getValidatedNodeTypeIfKnown(cast.operand(0));
      RelDataType to = context.getValidator().getValidatedNodeTypeIfKnown(cast);
      String type = to == null ? null : TYPES.get(to.getSqlTypeName());
      if (from == null || type == null || !SqlTypeUtil.isCharacter(from)) {
        return convertlet.convertCall(context, cast);
      }
      RexBuilder rex = context.getRexBuilder();
      RexNode text = context.convertExpression(cast.operand(0));
      RexNode read = rex.makeCall(text.getType(), PgTextInput.INPUT, List.of(text, rex.makeLiteral(type)));
      return rex.makeCast(to, read);
    };
  }
}
