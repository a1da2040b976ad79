package org.marketingsql.sql;

import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.marketingsql.metrics.FinanceFunctions;

/**
 * The analysts' finance functions as operators, bound by name while parsing ({@link PgCalls}), so filters
 * and groupings on fiscal periods and ratios go into the store's SQL. Public so the store's dialect can
 * recognise them. The ratios are DECIMAL(19,6), the fiscal year INTEGER, the fiscal quarter and the NPS
 * category VARCHAR, all nullable, as the root schema's functions of the same names declare them.
 */
public final class FinanceOperators {
  /** The widest scale of an exact argument the store's SQL divides exactly. */
  public static final int MAX_STORE_SCALE = 18;
  private static final SqlReturnTypeInference RATIO = binding -> nullable(binding.getTypeFactory(),
      binding.getTypeFactory().createSqlType(SqlTypeName.DECIMAL, 19, FinanceFunctions.RATIO_SCALE));
  private static final SqlReturnTypeInference INTEGER = binding -> nullable(binding.getTypeFactory(),
      binding.getTypeFactory().createSqlType(SqlTypeName.INTEGER));
  private static final SqlReturnTypeInference VARCHAR = binding -> nullable(binding.getTypeFactory(),
      binding.getTypeFactory().createSqlType(SqlTypeName.VARCHAR));
  private static final Predicate<List<RelDataType>> EXACT_NUMBERS = types -> types.stream().allMatch(
      t -> SqlTypeUtil.isExactNumeric(t) && Math.max(t.getScale(), 0) <= MAX_STORE_SCALE);
  /** Whole numbers: integers, and numerics without decimals (such as EXTRACT's of a month). */
  private static final Predicate<List<RelDataType>> INTEGERS = types -> types.stream().allMatch(
      t -> SqlTypeUtil.isIntType(t) || t.getSqlTypeName() == SqlTypeName.DECIMAL && t.getScale() == 0);
  private static final List<FinanceFunction> FISCAL_YEARS = fiscal("FISCAL_YEAR", INTEGER, "fiscalYear");
  private static final List<FinanceFunction> FISCAL_QUARTERS = fiscal("FISCAL_QUARTER", VARCHAR, "fiscalQuarter");

  /** ROI(gain, cost) = (gain − cost) ÷ cost, half-even to six decimals; NULL when cost is 0. */
  public static final SqlOperator ROI = ratio("ROI", List.of("gain", "cost"), "roi");

  /** ROAS(revenue, cost) = revenue ÷ cost, half-even to six decimals; NULL when cost is 0. */
  public static final SqlOperator ROAS = ratio("ROAS", List.of("revenue", "cost"), "roas");

  /** DIVIDE(numerator, denominator), half-even to six decimals; NULL when the denominator is 0. */
  public static final SqlOperator DIVIDE = ratio("DIVIDE", List.of("numerator", "denominator"), "divide");

  /** NPS_CATEGORY(score): promoter, passive or detractor; a score outside 0..10 is an error. */
  public static final SqlOperator NPS_CATEGORY = new FinanceFunction("NPS_CATEGORY", INTEGERS,
      SqlFunctionCategory.STRING, VARCHAR, OperandTypes.NUMERIC, List.of("score"),
      method("npsCategory", int.class), List.of());

  /** FISCAL_YEAR(d) as parsed: bound to the configuration's fiscal year while the statement is validated. */
  public static final SqlOperator FISCAL_YEAR = new ConfiguredFiscalFunction("FISCAL_YEAR", INTEGER,
      method("fiscalYear", int.class, int.class), FISCAL_YEARS);

  /** FISCAL_QUARTER(d) as parsed: bound to the configuration's fiscal year while the statement is validated. */
  public static final SqlOperator FISCAL_QUARTER = new ConfiguredFiscalFunction("FISCAL_QUARTER", VARCHAR,
      method("fiscalQuarter", int.class, int.class), FISCAL_QUARTERS);

  private FinanceOperators() {
  }

  /** FISCAL_YEAR of a fiscal year starting in {@code startMonth} (1..12); its store SQL embeds the month. */
  public static SqlOperator fiscalYear(int startMonth) {
    return FISCAL_YEARS.get(checkMonth(startMonth) - 1);
  }

  /** FISCAL_QUARTER of a fiscal year starting in {@code startMonth} (1..12); its store SQL embeds the month. */
  public static SqlOperator fiscalQuarter(int startMonth) {
    return FISCAL_QUARTERS.get(checkMonth(startMonth) - 1);
  }

  /** The fiscal year's first month of a FISCAL_YEAR or FISCAL_QUARTER operator. */
  public static int startMonth(SqlOperator fiscal) {
    if (fiscal instanceof FinanceFunction f && f.constants().size() == 1 && f.constants().get(0) instanceof Integer m
        && (FISCAL_YEARS.contains(f) || FISCAL_QUARTERS.contains(f))) {
      return m;
    }
    throw new IllegalArgumentException("not a fiscal period function: " + fiscal);
  }

  /** Whether {@code operator} is FISCAL_YEAR of a known fiscal year start ({@link #startMonth} tells which). */
  public static boolean isFiscalYear(SqlOperator operator) {
    return operator instanceof FinanceFunction f && FISCAL_YEARS.contains(f);
  }

  /** Whether {@code operator} is FISCAL_QUARTER of a known fiscal year start ({@link #startMonth} tells which). */
  public static boolean isFiscalQuarter(SqlOperator operator) {
    return operator instanceof FinanceFunction f && FISCAL_QUARTERS.contains(f);
  }

  /** Whether the store's dialect is to write this operator's call (an above-store twin is not). */
  public static boolean runsInStore(SqlOperator operator) {
    return operator instanceof FinanceFunction f && f.runsInStore();
  }

  private static int checkMonth(int startMonth) {
    if (startMonth < 1 || startMonth > 12) {
      throw new IllegalArgumentException("a fiscal year starts in month 1..12, not " + startMonth);
    }
    return startMonth;
  }

  private static FinanceFunction ratio(String name, List<String> parameters, String method) {
    return new FinanceFunction(name, EXACT_NUMBERS, SqlFunctionCategory.NUMERIC, RATIO,
        OperandTypes.NUMERIC_NUMERIC, parameters, method(method, Object.class, Object.class), List.of());
  }

  private static List<FinanceFunction> fiscal(String name, SqlReturnTypeInference type, String method) {
    Method java = method(method, int.class, int.class);
    return IntStream.rangeClosed(1, 12)
        .mapToObj(month -> new FinanceFunction(name, types -> true, SqlFunctionCategory.TIMEDATE, type,
            OperandTypes.DATE, List.of("d"), java, List.of(month)))
        .toList();
  }

  private static RelDataType nullable(RelDataTypeFactory typeFactory, RelDataType type) {
    return typeFactory.createTypeWithNullability(type, true);
  }

  private static Method method(String name, Class<?>... parameters) {
    try {
      return FinanceFunctions.class.getMethod(name, parameters);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("FinanceFunctions." + name + " is missing", e);
    }
  }
}
