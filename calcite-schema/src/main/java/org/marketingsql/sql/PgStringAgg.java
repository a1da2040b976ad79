package org.marketingsql.sql;

import java.util.List;
import org.apache.calcite.schema.impl.AggregateFunctionImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandMetadata;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeTransforms;
import org.apache.calcite.sql.validate.SqlUserDefinedAggFunction;
import org.apache.calcite.util.Optionality;

/**
 * PostgreSQL's {@code string_agg(text, delimiter [ORDER BY …])}: the non-null values joined by the delimiter
 * (a null delimiter joins them with nothing: {@link PgCalls} passes it as {@code ''}), null when there are
 * none. The text it builds is bounded: one longer than {@link PgStrings#MAX_TEXT} characters is refused with
 * SQLSTATE 54000 as soon as it would grow past it, so a query cannot make the server build an unbounded
 * string. Runs above the store, as Calcite's own did.
 */
final class PgStringAgg extends SqlUserDefinedAggFunction {
  static final PgStringAgg INSTANCE = new PgStringAgg();

  private PgStringAgg() {
    super(new SqlIdentifier("STRING_AGG", SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
        ReturnTypes.explicit(SqlTypeName.VARCHAR).andThen(SqlTypeTransforms.FORCE_NULLABLE), null,
        (SqlOperandMetadata) OperandTypes.operandMetadata(List.of(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER),
            factory -> List.of(factory.createSqlType(SqlTypeName.VARCHAR), factory.createSqlType(SqlTypeName.VARCHAR)),
            i -> i == 0 ? "value" : "delimiter", i -> false),
        AggregateFunctionImpl.create(Accumulator.class), false, false, Optionality.OPTIONAL);
  }

  /** Text and text only, as in PostgreSQL: a number is not turned into text here ({@code 42883}). */
  @Override
  public boolean checkOperandTypes(SqlCallBinding callBinding, boolean throwOnFailure) {
    boolean texts = true;
    for (int i = 0; i < callBinding.getOperandCount(); i++) {
      SqlTypeName type = callBinding.getOperandType(i).getSqlTypeName();
      texts &= SqlTypeFamily.CHARACTER.getTypeNames().contains(type) || type == SqlTypeName.NULL;
    }
    if (texts) {
      return true;
    }
    if (throwOnFailure) {
      throw PgSignatures.noSuchFunction(callBinding, "string_agg");
    }
    return false;
  }

  /** Validates the operands and infers the type here: the operator is already bound, nothing to look up. */
  @Override
  public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
    for (SqlNode operand : call.getOperandList()) {
      validator.deriveType(scope, operand);
    }
    return validateOperands(validator, scope, call);
  }

  /** The text joined so far; Calcite calls these methods by reflection. Public for its generated code. */
  public static final class Accumulator {
    private final StringBuilder text = new StringBuilder();
    private boolean any;

    public Accumulator() {
    }

    public Accumulator init() {
      return new Accumulator();
    }

    public Accumulator add(Accumulator acc, String value, String delimiter) {
      long length = (long) acc.text.length() + (acc.any ? delimiter.length() : 0) + value.length();
      PgStrings.checkLength(length, "string_agg");
      if (acc.any) {
        acc.text.append(delimiter);
      }
      acc.text.append(value);
      acc.any = true;
      return acc;
    }

    public String result(Accumulator acc) {
      return acc.any ? acc.text.toString() : null;
    }
  }
}
