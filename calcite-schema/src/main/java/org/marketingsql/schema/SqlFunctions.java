package org.marketingsql.schema;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.adapter.enumerable.NullPolicy;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.type.SqlTypeName;
import org.marketingsql.config.MarketingConfig;
import org.marketingsql.metrics.FinanceFunctions;
import org.marketingsql.metrics.LtvFacts;
import org.marketingsql.sql.FinanceOperators;
import org.marketingsql.sql.FiscalYearStart;
import org.marketingsql.sql.MethodCall;

/**
 * Registers the analysts' functions on the root schema, where they resolve everywhere, views
 * included. Each declares exact SQL types (ratios are DECIMAL(19,6)) and passes the
 * configuration's settings (the fiscal year start) to its Java definition as a constant.
 *
 * <p>Unqualified calls of FISCAL_YEAR, FISCAL_QUARTER, ROI, ROAS, DIVIDE and NPS_CATEGORY are bound while
 * parsing to {@link FinanceOperators}, which the store runs; the functions here give them their fiscal year
 * start ({@link FiscalYearStart}) and serve the other calls (qualified ones, other parsers).
 */
final class SqlFunctions {
  private SqlFunctions() {
  }

  static void register(SchemaPlus root, MarketingConfig config) {
    int fiscalStart = config.fiscalYearStartMonth();
    Function<RelDataTypeFactory, RelDataType> ratio = f -> f.createSqlType(SqlTypeName.DECIMAL, 19, 6);
    List<SqlTypeName> twoNumbers = List.of(SqlTypeName.DECIMAL, SqlTypeName.DECIMAL);
    root.add("ROI", new Fn(List.of("gain", "cost"), twoNumbers, ratio,
        method("roi", Object.class, Object.class), List.of()));
    root.add("ROAS", new Fn(List.of("revenue", "cost"), twoNumbers, ratio,
        method("roas", Object.class, Object.class), List.of()));
    root.add("DIVIDE", new Fn(List.of("numerator", "denominator"), twoNumbers, ratio,
        method("divide", Object.class, Object.class), List.of()));
    root.add("FISCAL_YEAR", new FiscalFn(List.of("d"), List.of(SqlTypeName.DATE), f -> f.createSqlType(SqlTypeName.INTEGER),
        method("fiscalYear", int.class, int.class), fiscalStart));
    root.add("FISCAL_QUARTER", new FiscalFn(List.of("d"), List.of(SqlTypeName.DATE), f -> f.createSqlType(SqlTypeName.VARCHAR),
        method("fiscalQuarter", int.class, int.class), fiscalStart));
    root.add("PACING_PROJECTION", new Fn(List.of("actual", "month_start", "last_day"),
        List.of(SqlTypeName.DECIMAL, SqlTypeName.DATE, SqlTypeName.DATE), f -> f.createSqlType(SqlTypeName.DECIMAL, 19, 6),
        method("pacingProjection", Object.class, int.class, int.class, String.class),
        List.of(config.timeZone().getId())));
    root.add("NPS_CATEGORY", new Fn(List.of("score"), List.of(SqlTypeName.INTEGER), f -> f.createSqlType(SqlTypeName.VARCHAR),
        method("npsCategory", int.class), List.of()));
  }

  /**
   * Registers LTV_EXPECTED_PURCHASES and LTV_P_ALIVE over the current BG/NBD fit, whose parameters
   * travel as constants; without a fit they raise the recorded reason.
   */
  static void registerLtv(SchemaPlus root, LtvFacts.PurchaseModel model) {
    Function<RelDataTypeFactory, RelDataType> number = f -> f.createSqlType(SqlTypeName.DOUBLE);
    List<Object> fit = model.fit() == null ? List.of(1.0, 1.0, 1.0, 1.0, model.error())
        : List.of(model.fit().r(), model.fit().alpha(), model.fit().a(), model.fit().b(), "");
    root.add("LTV_EXPECTED_PURCHASES", new Fn(List.of("frequency", "recency", "age", "horizon"),
        List.of(SqlTypeName.DOUBLE, SqlTypeName.DOUBLE, SqlTypeName.DOUBLE, SqlTypeName.DOUBLE), number,
        method("ltvExpectedPurchases", double.class, double.class, double.class, double.class,
            double.class, double.class, double.class, double.class, String.class), fit));
    root.add("LTV_P_ALIVE", new Fn(List.of("frequency", "recency", "age"),
        List.of(SqlTypeName.DOUBLE, SqlTypeName.DOUBLE, SqlTypeName.DOUBLE), number,
        method("ltvProbabilityAlive", double.class, double.class, double.class,
            double.class, double.class, double.class, double.class, String.class), fit));
  }

  private static Method method(String name, Class<?>... parameters) {
    try {
      return FinanceFunctions.class.getMethod(name, parameters);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("FinanceFunctions." + name + " is missing", e);
    }
  }

  /** A scalar function whose SQL arguments come first and configured constants after them. */
  private static class Fn implements ScalarFunction, ImplementableFunction {
    private final List<String> names;
    private final List<SqlTypeName> argumentTypes;
    private final Function<RelDataTypeFactory, RelDataType> returnType;
    private final Method method;
    private final List<Object> constants;

    Fn(List<String> names, List<SqlTypeName> argumentTypes, Function<RelDataTypeFactory, RelDataType> returnType,
        Method method, List<Object> constants) {
      this.names = List.copyOf(names);
      this.argumentTypes = List.copyOf(argumentTypes);
      if (names.size() != argumentTypes.size()) {
        throw new IllegalArgumentException("each argument of " + method.getName() + " needs a name and a type");
      }
      this.returnType = Objects.requireNonNull(returnType, "returnType");
      this.method = Objects.requireNonNull(method, "method");
      this.constants = List.copyOf(constants);
    }

    @Override
    public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
      return typeFactory.createTypeWithNullability(returnType.apply(typeFactory), true);
    }

    @Override
    public List<FunctionParameter> getParameters() {
      return MethodCall.parameters(names, (typeFactory, ordinal) -> argumentTypes.get(ordinal) == SqlTypeName.DECIMAL
          ? typeFactory.createSqlType(SqlTypeName.DECIMAL, 19, 6)
          : typeFactory.createSqlType(argumentTypes.get(ordinal)));
    }

    @Override
    public CallImplementor getImplementor() {
      return MethodCall.implementor(count -> method, constants, MethodCall.Argument.AS_IS, NullPolicy.STRICT);
    }
  }

  /** FISCAL_YEAR or FISCAL_QUARTER: the fiscal year's first month is its one constant. */
  private static final class FiscalFn extends Fn implements FiscalYearStart {
    private final int startMonth;

    FiscalFn(List<String> names, List<SqlTypeName> argumentTypes, Function<RelDataTypeFactory, RelDataType> returnType,
        Method method, int startMonth) {
      super(names, argumentTypes, returnType, method, List.of(startMonth));
      if (startMonth < 1 || startMonth > 12) {
        throw new IllegalArgumentException("a fiscal year starts in month 1..12, not " + startMonth);
      }
      this.startMonth = startMonth;
    }

    @Override
    public int fiscalYearStartMonth() {
      return startMonth;
    }
  }
}
