package org.marketingsql.sql;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * PostgreSQL's division of numerics, where the driver computes it: the exact quotient rounded half away from zero at
 * the scale PostgreSQL's {@code select_div_scale} picks from the operands' values, at least sixteen significant
 * digits and never fewer decimals than either operand has ({@code 500.00 / 3} is {@code 166.6666666666666667},
 * {@code 1 / 3::numeric} is {@code 0.33333333333333333333}, {@code 10::numeric / 4} is {@code 2.5000000000000000}).
 * Calcite alone divides with sixteen significant digits ({@code 166.6666666666667}).
 *
 * <p>The operator keeps the type Calcite derives for the division, so a column's type does not change; the store
 * writes it as its own {@code /} ({@link StoreCalls}), which keeps the store's digits. Public, since Calcite's
 * generated code calls {@link #divide} and the driver's planner binds divisions to {@link #DIVIDE}.
 */
public final class PgDivision {
  /** PostgreSQL's NUMERIC_MIN_SIG_DIGITS. */
  private static final int MIN_SIG_DIGITS = 16;
  /** PostgreSQL's DEC_DIGITS: a numeric's digits are groups of four decimal digits. */
  private static final int DEC_DIGITS = 4;
  /** PostgreSQL's NUMERIC_MAX_DISPLAY_SCALE. */
  private static final int MAX_SCALE = 1000;

  /** The division of two exact numbers whose result is a numeric, as PostgreSQL computes it. */
  public static final SqlOperator DIVIDE = new PgFunction("NUMERIC_DIVIDE", true, true, null,
      ReturnTypes.QUOTIENT_NULLABLE, OperandTypes.NUMERIC_NUMERIC, List.of("dividend", "divisor"),
      List.of(method()));

  private PgDivision() {
  }

  /** Whether {@code call} is a division of two exact numbers whose result is a numeric. */
  public static boolean isNumericDivision(RexCall call) {
    return call.getKind() == SqlKind.DIVIDE && call.getOperator() != DIVIDE && call.getOperands().size() == 2
        && call.getType().getSqlTypeName() == SqlTypeName.DECIMAL
        && call.getOperands().stream().allMatch(o -> SqlTypeUtil.isExactNumeric(o.getType()));
  }

  /** The call as PostgreSQL's division, of the same type, when it is a division of numerics; else as it is. */
  public static RexNode exact(RexCall call) {
    if (!isNumericDivision(call)) {
      return call;
    }
    return new RexCall(call.getType(), DIVIDE, call.getOperands()) {
    };
  }

  /** {@code dividend / divisor} of numerics; a zero divisor is {@code 22012}. */
  public static BigDecimal divide(BigDecimal dividend, BigDecimal divisor) {
    if (divisor.signum() == 0) {
      throw new PgSqlException("22012", "division by zero");
    }
    return dividend.divide(divisor, scale(dividend, divisor), RoundingMode.HALF_UP);
  }

  /** PostgreSQL's {@code select_div_scale}: the decimals of a quotient, from the operands' leading digit groups. */
  static int scale(BigDecimal dividend, BigDecimal divisor) {
    int weight1 = weight(dividend);
    int weight2 = weight(divisor);
    int quotientWeight = weight1 - weight2;
    if (firstGroup(dividend, weight1) <= firstGroup(divisor, weight2)) {
      quotientWeight--;
    }
    int scale = MIN_SIG_DIGITS - quotientWeight * DEC_DIGITS;
    scale = Math.max(scale, displayScale(dividend));
    scale = Math.max(scale, displayScale(divisor));
    return Math.min(Math.max(scale, 0), MAX_SCALE);
  }

  /** The power of 10000 of a number's first non-zero group of four digits; 0 for zero. */
  private static int weight(BigDecimal x) {
    if (x.signum() == 0) {
      return 0;
    }
    int exponent = x.precision() - x.scale() - 1;
    return Math.floorDiv(exponent, DEC_DIGITS);
  }

  /** The value of that group, 1 to 9999; 0 for zero. */
  private static int firstGroup(BigDecimal x, int weight) {
    if (x.signum() == 0) {
      return 0;
    }
    return x.abs().movePointLeft(weight * DEC_DIGITS).setScale(0, RoundingMode.DOWN).intValueExact();
  }

  private static int displayScale(BigDecimal x) {
    return Math.max(x.scale(), 0);
  }

  private static java.lang.reflect.Method method() {
    try {
      return PgDivision.class.getMethod("divide", BigDecimal.class, BigDecimal.class);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("PgDivision.divide is missing", e);
    }
  }
}
