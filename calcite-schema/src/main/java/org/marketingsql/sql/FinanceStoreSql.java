package org.marketingsql.sql;

import java.math.BigInteger;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.sql.SqlOperator;
import org.marketingsql.metrics.FinanceFunctions;

/**
 * The analysts' finance functions ({@link FinanceOperators}) as the store's SQL, with the results of their
 * Java definitions ({@link FinanceFunctions}) to the digit: a template whose {@code {0}}, {@code {1}} stand
 * for the arguments. Plain CASE, EXTRACT and arithmetic, except for the two words of {@link Words}: a ratio
 * is divided exactly in whole numbers (the arguments scaled to their common scale) and rounded half-even to
 * six decimals, as {@link java.math.BigDecimal#divide} does; the fiscal year's first month is written into
 * the SQL.
 */
final class FinanceStoreSql {
  private final Words words;

  /**
   * What differs between SQL stores: {@code wholeNumber}, an exact integer type wide enough for a scaled
   * amount times a million; {@code quotient}, truncating division of two of those ({@code %s} for each);
   * {@code fail}, an expression raising the error whose text is {@code %s}.
   */
  record Words(String wholeNumber, String quotient, String fail) {
    static final Words DUCKDB = new Words("HUGEINT", "(%s // %s)", "error(%s)");
    /**
     * PostgreSQL's: NUMERIC is exact at any size, {@code div} truncates; PostgreSQL has no function that raises
     * an error, so the message is cast to an integer, which fails naming it ({@code invalid input syntax for type
     * integer: "…"}).
     */
    static final Words POSTGRESQL = new Words("NUMERIC", "div(%s, %s)", "CAST(%s AS INTEGER)");

    Words {
      Objects.requireNonNull(wholeNumber, "wholeNumber");
      Objects.requireNonNull(quotient, "quotient");
      Objects.requireNonNull(fail, "fail");
    }
  }

  FinanceStoreSql(Words words) {
    this.words = Objects.requireNonNull(words, "words");
  }

  /** What differs between SQL stores, for the other calls the store writes out ({@link MomentStoreSql}). */
  Words words() {
    return words;
  }

  /** The template for a call of a finance operator the store runs. */
  String template(RexCall call) {
    SqlOperator operator = call.getOperator();
    if (!FinanceOperators.runsInStore(operator)) {
      throw new IllegalArgumentException("not a finance function the store runs: " + call);
    }
    List<RelDataType> types = call.getOperands().stream().map(o -> o.getType()).toList();
    String name = operator.getName();
    return switch (name) {
      case "ROI" -> ratio("(" + decimal("{0}", scale(types)) + " - " + decimal("{1}", scale(types)) + ")", "{1}",
          scale(types));
      case "ROAS", "DIVIDE" -> ratio("{0}", "{1}", scale(types));
      case "FISCAL_YEAR" -> "CAST(" + fiscalYear(FinanceOperators.startMonth(operator)) + " AS INTEGER)";
      case "FISCAL_QUARTER" -> fiscalQuarter(FinanceOperators.startMonth(operator));
      case "NPS_CATEGORY" -> npsCategory();
      default -> throw new IllegalArgumentException("no store SQL for " + name);
    };
  }

  private static int scale(List<RelDataType> types) {
    return types.stream().mapToInt(t -> Math.max(t.getScale(), 0)).max().orElse(0);
  }

  private static String decimal(String value, int scale) {
    return "CAST(" + value + " AS DECIMAL(38, " + scale + "))";
  }

  /**
   * {@code numerator ÷ denominator} half-even to six decimals, NULL when the denominator is 0: with N and D
   * the absolute values in units of the common scale, the millionths are N·10⁶ div D, one more when twice the
   * remainder is over D, or equal to it and the quotient odd.
   */
  private String ratio(String numerator, String denominator, int scale) {
    String factor = BigInteger.TEN.pow(scale).toString();
    String n = "ABS(CAST(" + decimal(numerator, scale) + " * " + factor + " AS " + words.wholeNumber() + "))";
    String d = "ABS(CAST(" + decimal(denominator, scale) + " * " + factor + " AS " + words.wholeNumber() + "))";
    String millionths = "(" + n + " * 1000000)";
    String quotient = words.quotient().formatted(millionths, d);
    String remainder = "(" + millionths + " - " + quotient + " * " + d + ")";
    String rounded = "(" + quotient + " + CASE WHEN 2 * " + remainder + " > " + d + " OR (2 * " + remainder + " = " + d
        + " AND " + quotient + " - 2 * " + words.quotient().formatted(quotient, "2") + " = 1) THEN 1 ELSE 0 END)";
    String sign = "CASE WHEN (" + numerator + " < 0) = (" + denominator + " < 0) THEN 1 ELSE -1 END";
    return "CASE WHEN " + denominator + " = 0 THEN NULL ELSE CAST(CAST(" + sign + " * " + rounded
        + " AS DECIMAL(38, 0)) * CAST(0.000001 AS DECIMAL(7, " + FinanceFunctions.RATIO_SCALE
        + ")) AS DECIMAL(19, " + FinanceFunctions.RATIO_SCALE + ")) END";
  }

  /** The calendar year, plus one from the fiscal year's first month on (unless it starts in January). */
  private static String fiscalYear(int startMonth) {
    return startMonth == 1 ? "EXTRACT(YEAR FROM {0})"
        : "(EXTRACT(YEAR FROM {0}) + CASE WHEN EXTRACT(MONTH FROM {0}) >= " + startMonth + " THEN 1 ELSE 0 END)";
  }

  /** {@code 2025-Q3}: the fiscal year, then the quarter of each calendar month spelled out. */
  private static String fiscalQuarter(int startMonth) {
    StringBuilder quarter = new StringBuilder("CASE");
    for (int q = 1; q <= 4; q++) {
      StringJoiner months = new StringJoiner(", ", " WHEN EXTRACT(MONTH FROM {0}) IN (", ")");
      for (int i = 0; i < 3; i++) {
        months.add(Integer.toString((startMonth - 1 + (q - 1) * 3 + i) % 12 + 1));
      }
      quarter.append(months).append(" THEN '-Q").append(q).append('\'');
    }
    quarter.append(" END");
    return "CAST(CAST(" + fiscalYear(startMonth) + " AS INTEGER) AS VARCHAR) || " + quarter;
  }

  private String npsCategory() {
    return "CASE WHEN {0} IS NULL THEN NULL WHEN {0} BETWEEN 9 AND 10 THEN 'promoter'"
        + " WHEN {0} BETWEEN 7 AND 8 THEN 'passive' WHEN {0} BETWEEN 0 AND 6 THEN 'detractor'"
        + " ELSE CAST(" + words.fail().formatted("'NPS_CATEGORY needs a score 0..10, got ' || CAST({0} AS VARCHAR)")
        + " AS VARCHAR) END";
  }
}
