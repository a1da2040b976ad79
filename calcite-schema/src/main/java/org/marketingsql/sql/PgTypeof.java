package org.marketingsql.sql;

import java.util.List;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * {@code pg_typeof(x)}: the type of its argument in PostgreSQL's words ({@code integer}, {@code numeric},
 * {@code text}, {@code timestamp without time zone} …), known when the statement is planned, so the call
 * becomes that text.
 */
final class PgTypeof extends SqlUserDefinedFunction {
  static final PgTypeof INSTANCE = new PgTypeof("PG_TYPEOF", null);
  /**
   * {@code pg_typeof} of a timestamptz, which is held as a TIMESTAMP: {@link PgTimestamptzTypes} gives the call this
   * operator once it knows the argument is one.
   */
  static final PgTypeof OF_TIMESTAMPTZ = new PgTypeof("PG_TYPEOF_TIMESTAMPTZ", "timestamp with time zone");

  /**
   * {@code name}: the type name it gives whatever its argument's type; null: the name of the argument's type. The
   * operator's own name differs with it, since Calcite takes calls of operators of one name and class over equal
   * operands ({@code now()} and {@code LOCALTIMESTAMP} both become the statement's start) as one expression.
   */
  private PgTypeof(String operator, String name) {
    super(new SqlIdentifier(operator, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
        ReturnTypes.explicit(SqlTypeName.VARCHAR), null, null, new TypeName(name),
        SqlFunctionCategory.USER_DEFINED_FUNCTION, SqlSyntax.FUNCTION);
  }

  @Override
  public SqlOperandCountRange getOperandCountRange() {
    return SqlOperandCountRanges.of(1);
  }

  @Override
  public boolean checkOperandTypes(SqlCallBinding callBinding, boolean throwOnFailure) {
    return true;
  }

  @Override
  public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
    for (SqlNode operand : call.getOperandList()) {
      validator.deriveType(scope, operand);
    }
    return validateOperands(validator, scope, call);
  }

  /** The Java side: the argument's type name as a constant. */
  private static final class TypeName implements ScalarFunction, ImplementableFunction {
    private final String name;

    TypeName(String name) {
      this.name = name;
    }

    @Override
    public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
      return typeFactory.createSqlType(SqlTypeName.VARCHAR);
    }

    @Override
    public List<FunctionParameter> getParameters() {
      return List.of();
    }

    @Override
    public CallImplementor getImplementor() {
      return RexImpTable.createImplementor((translator, call, translated) ->
          Expressions.constant(name != null ? name : PgSignatures.pgName(call.getOperands().get(0).getType())),
          NullPolicy.NONE, false);
    }
  }
}
