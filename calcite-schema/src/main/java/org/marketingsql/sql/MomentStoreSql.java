package org.marketingsql.sql;

import java.math.BigInteger;
import java.util.Objects;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * The calls that finish {@link PgAverages}' written-out aggregates as the store's SQL, with the digits of
 * {@link PgMoments}: a template whose {@code {0}}, {@code {1}}, {@code {2}} stand for the arguments (the sum of
 * squares, the sum, the count; the sum and the count for an average). An exact number's quotient is divided in whole
 * numbers ({@link FinanceStoreSql.Words}: DuckDB's HUGEINT, PostgreSQL's NUMERIC), the integer part and the decimals
 * apart so that no intermediate grows past the divisor times 10¹⁶, and rounded half away from zero, as PostgreSQL
 * rounds; a double precision one is the same arithmetic in double precision.
 */
final class MomentStoreSql {
  private final FinanceStoreSql.Words words;

  MomentStoreSql(FinanceStoreSql.Words words) {
    this.words = Objects.requireNonNull(words, "words");
  }

  /** The template for a call of one of {@link PgAverages}' operators. */
  String template(RexCall call) {
    SqlOperator operator = call.getOperator();
    if (!PgAverages.isMoment(operator)) {
      throw new IllegalArgumentException("not a written-out average or variance: " + call);
    }
    int scale = Math.max(call.getType().getScale(), 0);
    if (operator == PgAverages.SQUARE) {
      RelDataType x = call.getOperands().get(0).getType();
      return SqlTypeUtil.isExactNumeric(x) ? "CAST(" + decimal("{0}", x) + " * " + decimal("{0}", x) + " AS DECIMAL(38, "
          + scale + "))" : "CAST({0} AS FLOAT8) * CAST({0} AS FLOAT8)";
    }
    if (operator == PgAverages.AVG) {
      RelDataType sum = call.getOperands().get(0).getType();
      if (!SqlTypeUtil.isExactNumeric(sum)) {
        return "CASE WHEN {1} = 0 THEN NULL ELSE CAST({0} AS FLOAT8) / CAST({1} AS FLOAT8) END";
      }
      int sumScale = Math.max(sum.getScale(), 0);
      String units = "ABS(" + whole("{0}", sumScale) + ")";
      String sign = "CASE WHEN {0} < 0 THEN -1 ELSE 1 END";
      return "CASE WHEN {1} = 0 THEN NULL ELSE " + scaled(sign + " * " + rounded(units, cast("{1}"), scale - sumScale),
          scale) + " END";
    }
    boolean sample = operator == PgAverages.VAR_SAMP || operator == PgAverages.STDDEV_SAMP;
    boolean root = operator == PgAverages.STDDEV_SAMP || operator == PgAverages.STDDEV_POP;
    String fewer = "CASE WHEN {2} < " + (sample ? 2 : 1) + " THEN NULL ELSE ";
    RelDataType sum = call.getOperands().get(1).getType();
    if (!SqlTypeUtil.isExactNumeric(sum)) {
      String n = "CAST({2} AS FLOAT8)";
      String spread = "(" + n + " * CAST({0} AS FLOAT8) - CAST({1} AS FLOAT8) * CAST({1} AS FLOAT8))";
      String divisor = "(" + n + " * " + (sample ? "CAST({2} - 1 AS FLOAT8)" : n) + ")";
      String variance = "CASE WHEN " + spread + " <= 0 THEN CAST(0 AS FLOAT8) ELSE " + spread + " / " + divisor + " END";
      return fewer + (root ? "SQRT(" + variance + ")" : variance) + " END";
    }
    int sumScale = Math.max(sum.getScale(), 0);
    String n = cast("{2}");
    String spread = "(" + n + " * " + whole("{0}", 2 * sumScale) + " - " + whole("{1}", sumScale) + " * "
        + whole("{1}", sumScale) + ")";
    String divisor = "(" + n + " * " + (sample ? "(" + n + " - 1)" : n) + ")";
    String variance = scaled(rounded(spread, divisor, scale - 2 * sumScale), scale);
    if (root) {
      // the double's shortest digits, read back as text in both stores
      variance = "CAST(CAST(SQRT(CAST(CAST(" + variance + " AS VARCHAR) AS FLOAT8)) AS VARCHAR) AS DECIMAL(38, " + scale
          + "))";
    }
    return fewer + variance + " END";
  }

  /**
   * {@code value}, a number of {@code scale} decimals, in whole units of its last decimal: its whole part and its
   * decimals apart, so that no DECIMAL holds more than 38 digits on the way.
   */
  private String whole(String value, int scale) {
    String decimal = "CAST(" + value + " AS DECIMAL(38, " + scale + "))";
    if (scale == 0) {
      return "CAST(" + decimal + " AS " + words.wholeNumber() + ")";
    }
    String factor = BigInteger.TEN.pow(scale).toString();
    return "(CAST(FLOOR(" + decimal + ") AS " + words.wholeNumber() + ") * " + factor + " + CAST((" + decimal
        + " - FLOOR(" + decimal + ")) * " + factor + " AS " + words.wholeNumber() + "))";
  }

  private String cast(String value) {
    return "CAST(" + value + " AS " + words.wholeNumber() + ")";
  }

  private static String decimal(String value, RelDataType type) {
    return "CAST(" + value + " AS DECIMAL(38, " + Math.max(type.getScale(), 0) + "))";
  }

  /** Whole {@code units} of the last of {@code scale} decimals as a numeric of that scale. */
  private static String scaled(String units, int scale) {
    String unit = scale == 0 ? "1" : "0." + "0".repeat(scale - 1) + "1";
    return "CAST(CAST(" + units + " AS DECIMAL(38, 0)) * CAST(" + unit + " AS DECIMAL(38, " + scale + ")) AS DECIMAL(38, "
        + scale + "))";
  }

  /**
   * {@code a} × 10^{@code decimals} ÷ {@code d}, for whole numbers a ≥ 0 and d > 0, rounded half up to a whole
   * number: the quotient of a ÷ d, then the decimals of its remainder.
   */
  private String rounded(String a, String d, int decimals) {
    String quotient = words.quotient().formatted(a, d);
    String remainder = "(" + a + " - " + quotient + " * " + d + ")";
    if (decimals == 0) {
      return "(" + quotient + " + CASE WHEN 2 * " + remainder + " >= " + d + " THEN 1 ELSE 0 END)";
    }
    String factor = BigInteger.TEN.pow(decimals).toString();
    String shifted = "(" + remainder + " * " + factor + ")";
    String fraction = words.quotient().formatted(shifted, d);
    String rest = "(" + shifted + " - " + fraction + " * " + d + ")";
    return "(" + quotient + " * " + factor + " + " + fraction + " + CASE WHEN 2 * " + rest + " >= " + d
        + " THEN 1 ELSE 0 END)";
  }
}
