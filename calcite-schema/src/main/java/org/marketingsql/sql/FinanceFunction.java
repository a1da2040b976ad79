package org.marketingsql.sql;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * One of the analysts' finance functions ({@link FinanceOperators}) as a Calcite operator that
 * {@link PgCalls} binds calls to while parsing, as it does PostgreSQL's date functions. Its category is not
 * user-defined, so Calcite's JDBC adapter leaves expressions using it in the store's SQL, where the store's
 * dialect writes it out as plain SQL. Above the store Calcite runs the Java definition of
 * {@link org.marketingsql.metrics.FinanceFunctions}, with the configured constants after the arguments.
 *
 * <p>A call whose argument types the store's SQL does not reproduce to the digit (a ratio of DOUBLEs: Java
 * reads a DOUBLE through its shortest decimal form) is bound to the function's above-store twin while it is
 * validated, so it keeps the Java result.
 */
class FinanceFunction extends SqlUserDefinedFunction {
  private final SqlOperandTypeChecker operands;
  private final Predicate<List<RelDataType>> storeRuns;
  private final FinanceFunction aboveStore;
  private final List<Object> constants;

  /**
   * {@code storeRuns}: whether the store's SQL gives the Java result for arguments of these types, null when
   * the function never runs in the store; {@code constants}: the configured values passed to the Java method
   * after the SQL arguments.
   */
  FinanceFunction(String name, Predicate<List<RelDataType>> storeRuns, SqlFunctionCategory storeCategory,
      SqlReturnTypeInference returnType, SqlOperandTypeChecker operands, List<String> parameterNames,
      Method method, List<Object> constants) {
    super(new SqlIdentifier(Objects.requireNonNull(name, "name"), SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
        returnType, null, null, new Implementation(parameterNames, method, constants),
        storeRuns == null ? SqlFunctionCategory.USER_DEFINED_FUNCTION : storeCategory, SqlSyntax.FUNCTION);
    if (storeRuns != null && storeCategory.isUserDefined()) {
      throw new IllegalArgumentException("a function the store runs needs a built-in category, not " + storeCategory);
    }
    this.operands = Objects.requireNonNull(operands, "operands");
    this.storeRuns = storeRuns;
    this.constants = List.copyOf(constants);
    this.aboveStore = storeRuns == null ? this
        : new FinanceFunction(name, null, storeCategory, returnType, operands, parameterNames, method, constants);
  }

  /** Whether the store's dialect writes this operator: false for an above-store twin. */
  public boolean runsInStore() {
    return storeRuns != null;
  }

  /** The configured values the function depends on besides its arguments (the fiscal year's first month). */
  public List<Object> constants() {
    return constants;
  }

  @Override
  public SqlOperandCountRange getOperandCountRange() {
    return operands.getOperandCountRange();
  }

  @Override
  public boolean checkOperandTypes(SqlCallBinding callBinding, boolean throwOnFailure) {
    return operands.checkOperandTypes(callBinding, throwOnFailure);
  }

  @Override
  public String getAllowedSignatures(String opNameToUse) {
    return operands.getAllowedSignatures(this, opNameToUse);
  }

  /**
   * Validates the operands and infers the type here: the operator is already bound, nothing to look up.
   * Arguments the store's SQL would not reproduce to the digit bind the call to the above-store twin.
   */
  @Override
  public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
    List<RelDataType> types = new ArrayList<>();
    for (SqlNode operand : call.getOperandList()) {
      types.add(validator.deriveType(scope, operand));
    }
    RelDataType type = validateOperands(validator, scope, call);
    if (storeRuns != null && !storeRuns.test(types) && call instanceof SqlBasicCall basic) {
      basic.setOperator(aboveStore);
    }
    return type;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FinanceFunction f && super.equals(o) && runsInStore() == f.runsInStore()
        && constants.equals(f.constants);
  }

  @Override
  public int hashCode() {
    return Objects.hash(super.hashCode(), runsInStore(), constants);
  }

  /** The Java side: the method, SQL arguments first (numbers boxed, dates as epoch days), constants after. */
  private record Implementation(List<String> parameterNames, Method method, List<Object> constants)
      implements ScalarFunction, ImplementableFunction {
    Implementation {
      parameterNames = List.copyOf(parameterNames);
      Objects.requireNonNull(method, "method");
      constants = List.copyOf(constants);
      if (method.getParameterCount() != parameterNames.size() + constants.size()) {
        throw new IllegalArgumentException(method.getName() + " does not take " + parameterNames + " and "
            + constants);
      }
    }

    @Override
    public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
      return typeFactory.createJavaType(method.getReturnType());
    }

    @Override
    public List<FunctionParameter> getParameters() {
      return MethodCall.parameters(parameterNames, (typeFactory, ordinal) -> typeFactory.createSqlType(SqlTypeName.ANY));
    }

    @Override
    public CallImplementor getImplementor() {
      return MethodCall.implementor(count -> method, constants, MethodCall.Argument.AS_IS, NullPolicy.STRICT);
    }
  }
}
