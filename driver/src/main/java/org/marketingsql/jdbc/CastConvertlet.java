package org.marketingsql.jdbc;

import java.util.Objects;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql2rel.SqlRexContext;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;

/**
 * Calcite's conversion of SQL to expressions with some casts converted otherwise, as PostgreSQL computes them: each
 * subclass says which casts, by their validated types, and what they become; every other call, and a cast whose
 * types are not known, is converted as Calcite converts it. The driver's tables wrap one another
 * ({@link StorePlanner}).
 */
abstract class CastConvertlet implements SqlRexConvertletTable {
  private final SqlRexConvertletTable calcite;

  CastConvertlet(SqlRexConvertletTable calcite) {
    this.calcite = Objects.requireNonNull(calcite, "calcite");
  }

  /** Whether {@code call} is a cast this table converts when its types say so: by default {@code CAST(x AS type)}. */
  boolean isCast(SqlCall call) {
    return call.getKind() == SqlKind.CAST && call.operandCount() == 2;
  }

  /**
   * The expression of {@code cast}, whose operand's validated type is {@code from} and its own {@code to}; null leaves
   * the cast to Calcite.
   */
  abstract RexNode convert(SqlRexContext context, SqlCall cast, RelDataType from, RelDataType to);

  @Override
  public final SqlRexConvertlet get(SqlCall call) {
    SqlRexConvertlet convertlet = calcite.get(call);
    if (convertlet == null || !isCast(call)) {
      return convertlet;
    }
    return (context, cast) -> {
      RelDataType from = context.getValidator().getValidatedNodeTypeIfKnown(cast.operand(0));
      RelDataType to = context.getValidator().getValidatedNodeTypeIfKnown(cast);
      RexNode converted = from == null || to == null ? null : convert(context, cast, from, to);
      return converted != null ? converted : convertlet.convertCall(context, cast);
    };
  }
}
