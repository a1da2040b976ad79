package org.marketingsql.sql;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.TableFunction;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.validate.SqlUserDefinedTableFunction;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * A PostgreSQL set-returning function in FROM ({@code generate_series}, {@code pg_get_keywords}) as a
 * Calcite table function that {@link PgCalls} binds calls to while parsing, as {@link PgFunction} does for
 * scalar ones. Its rows come from Calcite's generated code calling {@code implementor}'s Java method, which
 * returns an {@code Enumerable<Object[]>} read lazily, so a long series streams. It runs above the store:
 * Calcite's JDBC adapter sends no table function to the store.
 */
final class PgTableFunction extends SqlUserDefinedTableFunction {
  private final SqlOperandTypeChecker operands;
  private final SqlReturnTypeInference rowType;

  PgTableFunction(String name, SqlReturnTypeInference rowType, SqlOperandTypeChecker operands,
      CallImplementor implementor) {
    super(new SqlIdentifier(Objects.requireNonNull(name, "name"), SqlParserPos.ZERO), ReturnTypes.CURSOR, null,
        null, null, new Implementation(Objects.requireNonNull(implementor, "implementor")));
    this.operands = Objects.requireNonNull(operands, "operands");
    this.rowType = Objects.requireNonNull(rowType, "rowType");
  }

  @Override
  public SqlReturnTypeInference getRowTypeInference() {
    return rowType;
  }

  @Override
  public Type getElementType(SqlOperatorBinding callBinding) {
    return Object[].class;
  }

  @Override
  public SqlOperandCountRange getOperandCountRange() {
    return operands.getOperandCountRange();
  }

  @Override
  public boolean checkOperandTypes(SqlCallBinding callBinding, boolean throwOnFailure) {
    if (operands.checkOperandTypes(callBinding, false)) {
      return true;
    }
    if (throwOnFailure) {
      throw PgSignatures.noSuchFunction(callBinding, getName());
    }
    return false;
  }

  @Override
  public String getAllowedSignatures(String opNameToUse) {
    return operands.getAllowedSignatures(this, opNameToUse);
  }

  /** Validates the operands here: the operator is already bound, nothing to look up. */
  @Override
  public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
    for (SqlNode operand : call.getOperandList()) {
      validator.deriveType(scope, operand);
    }
    return validateOperands(validator, scope, call);
  }

  /** The Java side; the row type comes from the operator, which sees the arguments' types. */
  private record Implementation(CallImplementor implementor) implements TableFunction, ImplementableFunction {
    @Override
    public RelDataType getRowType(RelDataTypeFactory typeFactory, List<? extends Object> arguments) {
      throw new UnsupportedOperationException("the operator infers the row type");
    }

    @Override
    public Type getElementType(List<? extends Object> arguments) {
      return Object[].class;
    }

    @Override
    public List<FunctionParameter> getParameters() {
      return List.of();
    }

    @Override
    public CallImplementor getImplementor() {
      return implementor;
    }
  }
}
