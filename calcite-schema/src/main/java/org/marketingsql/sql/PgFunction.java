package org.marketingsql.sql;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.EnumUtils;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.adapter.enumerable.RexImpTable;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * One PostgreSQL function as a Calcite operator that {@link PgCalls} binds calls to while parsing, so it
 * needs no entry in the connection's operator table. Its category decides where it runs: a date-time
 * function the store has too ({@link SqlFunctionCategory#TIMEDATE}) goes into the store's SQL with the
 * filters and GROUP BYs around it; a user-defined one runs in Calcite, above the store. Either way Calcite
 * can run it itself, with a {@link PgDates} method.
 *
 * <p>Not Calcite's PostgreSQL library ({@code fun=postgresql}): its {@code DATE_TRUNC} is BigQuery's
 * (unit second), its {@code DATE_PART} is written for the store with a keyword unit DuckDB does not read,
 * and the library would change other functions under analysts' feet. Nor schema functions: those are
 * user-defined to Calcite's JDBC adapter, which then keeps every expression using them out of the store.
 */
class PgFunction extends SqlUserDefinedFunction {
  private static final long MILLIS_PER_DAY = 86_400_000L;
  private final SqlOperandTypeChecker operands;
  private final boolean deterministic;
  private final Predicate<PgUnit> units;

  /**
   * {@code inStore}: whether the store may run it; {@code deterministic}: false when the result depends on
   * the day it runs ({@code age(d)}), so Calcite does not fold it into a constant of the day it planned;
   * {@code units}: for a function whose first argument is a unit, the units it takes, so a literal it does
   * not take is refused while the statement is validated; null for the others.
   */
  PgFunction(String name, boolean inStore, boolean deterministic, Predicate<PgUnit> units,
      SqlReturnTypeInference returnType, SqlOperandTypeChecker operands, List<String> parameterNames,
      List<Method> implementations) {
    this(name, inStore, deterministic, units, returnType, operands, parameterNames, implementations, true);
  }

  /** As above; {@code strict}: whether a null argument makes the result null without calling the method. */
  PgFunction(String name, boolean inStore, boolean deterministic, Predicate<PgUnit> units,
      SqlReturnTypeInference returnType, SqlOperandTypeChecker operands, List<String> parameterNames,
      List<Method> implementations, boolean strict) {
    super(new SqlIdentifier(Objects.requireNonNull(name, "name"), SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
        returnType, null, null, new Implementation(parameterNames, implementations, strict),
        inStore ? SqlFunctionCategory.TIMEDATE : SqlFunctionCategory.USER_DEFINED_FUNCTION, SqlSyntax.FUNCTION);
    this.operands = Objects.requireNonNull(operands, "operands");
    this.deterministic = deterministic;
    this.units = units;
  }

  @Override
  public boolean isDeterministic() {
    return deterministic;
  }

  /**
   * Each function is its own operator, whatever its name: {@code timezone} is three functions (a timestamp read as
   * a zone's local time, a timestamptz shown as a zone's local time, a UTC instant as one), and Calcite's equality
   * by name and kind would let a plan take one for another where both apply to the same value in one statement.
   */
  @Override
  public boolean equals(Object other) {
    return this == other;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  @Override
  public SqlOperandCountRange getOperandCountRange() {
    return operands.getOperandCountRange();
  }

  /**
   * PostgreSQL's name of the type the second operand is taken as: a date as the timestamp with time zone of its
   * midnight, as {@code date_trunc} takes it.
   */
  private static String pgTypeName(SqlCallBinding binding) {
    SqlNode source = binding.operand(1);
    if (source instanceof SqlCall call && call.getOperator() == PgTimeZones.TIMESTAMPTZ) {
      return "timestamp with time zone";
    }
    SqlTypeName type = binding.getOperandType(1).getSqlTypeName();
    if (type == SqlTypeName.DATE) {
      return "timestamp with time zone";
    }
    return SqlTypeName.INTERVAL_TYPES.contains(type) ? "interval" : "timestamp without time zone";
  }

  @Override
  public boolean checkOperandTypes(SqlCallBinding callBinding, boolean throwOnFailure) {
    if (units != null && callBinding.operand(0) instanceof SqlCharStringLiteral literal) {
      String unit = literal.getValueAs(String.class);
      if (PgUnit.of(unit).filter(units).isEmpty()) {
        if (throwOnFailure) {
          // PostgreSQL's words, for a unit it does not know and for a field (dow) it does not truncate to alike
          String type = callBinding.getOperandCount() < 2 ? "timestamp without time zone" : pgTypeName(callBinding);
          throw new PgSqlException("22023", "unit \"" + unit.strip().toLowerCase(Locale.ROOT)
              + "\" not recognized for type " + type);
        }
        return false;
      }
    }
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

  /** Validates the operands and infers the type here: the operator is already bound, nothing to look up. */
  @Override
  public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
    for (SqlNode operand : call.getOperandList()) {
      validator.deriveType(scope, operand);
    }
    return validateOperands(validator, scope, call);
  }

  /**
   * The Java side: the method (of those given, one per number of arguments, or one taking BigDecimal and one
   * double or text, the BigDecimal one when the result is numeric and the first argument an exact number, or a variable-arity one) that takes the arguments in order,
   * date-times as {@code long} milliseconds; a DATE argument is passed as its midnight.
   */
  private record Implementation(List<String> parameterNames, List<Method> methods, boolean strict)
      implements ScalarFunction, ImplementableFunction {
    Implementation {
      parameterNames = List.copyOf(parameterNames);
      methods = List.copyOf(methods);
      if (methods.isEmpty()) {
        throw new IllegalArgumentException("a function needs at least one Java method");
      }
    }

    @Override
    public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
      return typeFactory.createJavaType(methods.get(0).getReturnType());
    }

    @Override
    public List<FunctionParameter> getParameters() {
      return MethodCall.parameters(parameterNames, (typeFactory, ordinal) -> typeFactory.createSqlType(SqlTypeName.ANY));
    }

    @Override
    public CallImplementor getImplementor() {
      return RexImpTable.createImplementor((translator, call, translated) -> {
        // the BigDecimal method when the result is numeric or text and the first argument an exact number; the
        // long one (milliseconds) for a date-time, the double one for another number
        RelDataType first = call.getOperands().isEmpty() ? null : call.getOperands().get(0).getType();
        boolean exact = first != null && org.apache.calcite.sql.type.SqlTypeUtil.isExactNumeric(first)
            && (call.getType().getSqlTypeName() == SqlTypeName.DECIMAL
            || org.apache.calcite.sql.type.SqlTypeUtil.isCharacter(call.getType()));
        Class<?> preferred = first == null ? null : org.apache.calcite.sql.type.SqlTypeUtil.isDatetime(first) ? long.class
            : org.apache.calcite.sql.type.SqlTypeUtil.isNumeric(first) ? double.class : null;
        Method method = methods.stream()
            .filter(m -> m.getParameterCount() - context(m) == translated.size() && !m.isVarArgs())
            .sorted(Comparator.comparing((Method m) -> (m.getParameterCount() > 0
                && m.getParameterTypes()[0] == BigDecimal.class) != exact)
                .thenComparing(m -> preferred != null && m.getParameterCount() > 0
                    && m.getParameterTypes()[0] != preferred))
            .findFirst()
            .or(() -> methods.stream().filter(m -> m.isVarArgs() && m.getParameterCount() - 1 <= translated.size())
                .findFirst())
            .orElseThrow(() -> new IllegalStateException("no Java method for " + call));
        List<Expression> arguments = new ArrayList<>();
        if (context(method) == 1) {
          arguments.add(org.apache.calcite.DataContext.ROOT);
        }
        Class<?>[] types = method.getParameterTypes();
        types = java.util.Arrays.copyOfRange(types, context(method), types.length);
        int fixed = method.isVarArgs() ? types.length - 1 : types.length;
        List<Expression> rest = new ArrayList<>();
        for (int i = 0; i < translated.size(); i++) {
          Expression argument = translated.get(i);
          if (call.getOperands().get(i).getType().getSqlTypeName() == SqlTypeName.DATE) {
            argument = Expressions.multiply(EnumUtils.convert(argument, long.class), Expressions.constant(MILLIS_PER_DAY));
          }
          if (i < fixed && types[i] == Object.class && argument.getType() instanceof Class<?> c && c.isPrimitive()) {
            // boxed: Janino reads "(Object) -1" as a subtraction
            arguments.add(Expressions.box(argument));
          } else if (i < fixed) {
            arguments.add(EnumUtils.convert(argument, types[i]));
          } else {
            rest.add(EnumUtils.convert(argument, types[fixed].getComponentType()));
          }
        }
        if (method.isVarArgs()) {
          arguments.add(Expressions.newArrayInit(types[fixed].getComponentType(), rest));
        }
        return Expressions.call(method, arguments);
      }, strict ? NullPolicy.STRICT : NullPolicy.NONE, false);
    }

    /** 1 when the method takes the statement's {@link org.apache.calcite.DataContext} first (its time zone …). */
    private static int context(Method method) {
      return method.getParameterCount() > 0 && method.getParameterTypes()[0] == org.apache.calcite.DataContext.class
          ? 1 : 0;
    }
  }
}
