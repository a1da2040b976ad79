package org.marketingsql.sql;

import java.util.Locale;
import org.apache.calcite.avatica.util.TimeUnitRange;
import java.util.Map;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/**
 * Binds the calls of a parsed statement to the PostgreSQL date functions of {@link PgOperators}, in place:
 * {@code date_part}, {@code to_char}, {@code to_date} and {@code age} by name, and Calcite's own parse of
 * {@code date_trunc('month', d)} (its BigQuery form takes the unit second, as a keyword, so a text unit
 * first is PostgreSQL's). {@code EXTRACT(DOW FROM d)} counts from Sunday = 0, as in PostgreSQL. The
 * analysts' finance functions ({@link FinanceOperators}: FISCAL_YEAR, FISCAL_QUARTER, ROI, ROAS, DIVIDE,
 * NPS_CATEGORY) are bound the same way, unqualified and with their number of arguments.
 */
final class PgCalls extends SqlBasicVisitor<Void> {
  private static final Map<String, SqlOperator> BY_NAME = Map.of(
      "date_part", PgOperators.DATE_PART, "date_trunc", PgOperators.DATE_TRUNC, "to_date", PgOperators.TO_DATE,
      "age", PgOperators.AGE);
  /** The finance functions, by name and number of arguments. */
  private static final Map<String, SqlOperator> FINANCE = Map.of(
      "fiscal_year/1", FinanceOperators.FISCAL_YEAR, "fiscal_quarter/1", FinanceOperators.FISCAL_QUARTER,
      "roi/2", FinanceOperators.ROI, "roas/2", FinanceOperators.ROAS, "divide/2", FinanceOperators.DIVIDE,
      "nps_category/1", FinanceOperators.NPS_CATEGORY);

  private PgCalls() {
  }

  /** {@code node}, its PostgreSQL function calls bound; null stays null. */
  static <T extends SqlNode> T bind(T node) {
    if (node != null) {
      node.accept(new PgCalls());
    }
    return node;
  }

  @Override
  public Void visit(SqlCall call) {
    super.visit(call);
    if (!(call instanceof SqlBasicCall basic)) {
      return null;
    }
    SqlOperator operator = call.getOperator();
    if (operator == SqlLibraryOperators.DATE_TRUNC && call.operandCount() == 2
        && !(call.operand(1) instanceof SqlIntervalQualifier)) {
      basic.setOperator(PgOperators.DATE_TRUNC);
    } else if (operator instanceof SqlUnresolvedFunction && operator.getName() != null) {
      String name = operator.getName().toLowerCase(Locale.ROOT);
      if (name.equals("to_char") && call.operandCount() == 2) {
        basic.setOperator(inStore(call.operand(1)) ? PgOperators.TO_CHAR : PgOperators.TO_CHAR_ABOVE_STORE);
      } else if (FINANCE.containsKey(name + "/" + call.operandCount())
          && ((SqlUnresolvedFunction) operator).getSqlIdentifier().names.size() == 1) {
        basic.setOperator(FINANCE.get(name + "/" + call.operandCount()));
      } else if (BY_NAME.containsKey(name) && call.operandCount() >= 1 && call.operandCount() <= 2
          && ((SqlUnresolvedFunction) operator).getSqlIdentifier().names.size() == 1) {
        basic.setOperator(BY_NAME.get(name));
      }
    } else if (operator.getKind() == SqlKind.EXTRACT && call.operand(0) instanceof SqlIntervalQualifier unit
        && unit.timeUnitRange == TimeUnitRange.DOW) {
      // PostgreSQL counts from Sunday = 0, as the store does; Calcite alone from Sunday = 1
      SqlParserPos pos = call.getParserPosition();
      SqlCall dow = PgOperators.DATE_PART.createCall(pos, SqlLiteral.createCharString("dow", pos), call.operand(1));
      basic.setOperator(SqlStdOperatorTable.CAST);
      basic.setOperand(0, dow);
      basic.setOperand(1, new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.BIGINT, pos), pos));
    }
    return null;
  }

  /** Whether the store can write this {@code to_char} format: a literal DuckDB's strftime renders the same. */
  private static boolean inStore(SqlNode format) {
    return format instanceof SqlCharStringLiteral literal
        && PgDateFormat.parse(literal.getValueAs(String.class)).strftime().isPresent();
  }
}
