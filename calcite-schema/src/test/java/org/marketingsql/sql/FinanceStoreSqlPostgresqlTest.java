package org.marketingsql.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.metrics.FinanceFunctions;
import org.marketingsql.testing.PostgresCluster;

/**
 * The finance functions written in PostgreSQL's SQL give what their Java definitions give, to the digit,
 * on the values where a rendering goes wrong first: halves of the sixth decimal, signs, zero costs, NULLs,
 * amounts at the ends of what a ratio holds (DECIMAL(19, 6)), the days around each possible fiscal year's
 * start, scores out of range. Run on a real PostgreSQL server.
 */
class FinanceStoreSqlPostgresqlTest {
  @RegisterExtension
  static final PostgresCluster postgres = PostgresCluster.withPassword();

  private static final FinanceStoreSql SQL = new FinanceStoreSql(FinanceStoreSql.Words.POSTGRESQL);
  private static final RelDataTypeFactory TYPES = new JavaTypeFactoryImpl();
  private static final RexBuilder REX = new RexBuilder(TYPES);
  private static final Pattern OPERAND = Pattern.compile("\\{(\\d)}");

  /** The template for a call of {@code operator} on arguments of these types, with the arguments put in as StoreTemplate does. */
  private static String sql(SqlOperator operator, RelDataType result, List<RelDataType> types, List<String> arguments) {
    RexCall call = (RexCall) REX.makeCall(result, operator,
        java.util.stream.IntStream.range(0, types.size())
            .mapToObj(i -> (org.apache.calcite.rex.RexNode) REX.makeInputRef(types.get(i), i)).toList());
    Matcher m = OPERAND.matcher(SQL.template(call));
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement("(" + arguments.get(Integer.parseInt(m.group(1))) + ")"));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static Object one(Connection c, String expression) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT " + expression)) {
      rs.next();
      return rs.getObject(1);
    }
  }

  private static String decimal(String value) {
    return value == null ? "CAST(NULL AS DECIMAL(18, 6))" : "CAST('" + value + "' AS DECIMAL(18, 6))";
  }

  @Test
  void roiRoasAndDivideMatchTheirJavaDefinitionsToTheLastDigit() throws SQLException {
    RelDataType amount = TYPES.createSqlType(SqlTypeName.DECIMAL, 18, 6);
    RelDataType ratio = TYPES.createTypeWithNullability(TYPES.createSqlType(SqlTypeName.DECIMAL, 19, 6), true);
    String[][] pairs = {
        {"1", "3"}, {"2", "3"}, {"-2", "3"}, {"2", "-3"}, {"-2", "-3"}, {"0.000001", "2"}, {"0.000003", "2"},
        {"0.000005", "2"}, {"-0.000005", "2"}, {"-0.000003", "2"}, {"2.000001", "2"}, {"2.000003", "2"},
        {"5", "0"}, {"0", "5"}, {"0", "0"}, {"9999999.999999", "0.000001"}, {"0.000001", "999999999999.999999"},
        {"431754.295507", "1509929.285102"}, {"1509929.285102", "431754.295507"}, {"-127738.3", "86043.967801"}};
    try (Connection c = postgres.connection()) {
      for (SqlOperator operator : List.of(FinanceOperators.ROI, FinanceOperators.ROAS, FinanceOperators.DIVIDE)) {
        for (String[] pair : pairs) {
          BigDecimal a = new BigDecimal(pair[0]);
          BigDecimal b = new BigDecimal(pair[1]);
          BigDecimal expected = switch (operator.getName()) {
            case "ROI" -> FinanceFunctions.roi(a, b);
            case "ROAS" -> FinanceFunctions.roas(a, b);
            default -> FinanceFunctions.divide(a, b);
          };
          Object actual = one(c, sql(operator, ratio, List.of(amount, TYPES.createSqlType(SqlTypeName.DECIMAL, 18, 6)),
              List.of(decimal(pair[0]), decimal(pair[1]))));
          assertEquals(expected, actual, operator.getName() + "(" + pair[0] + ", " + pair[1] + ")");
        }
        assertEquals(null, one(c, sql(operator, ratio, List.of(amount, TYPES.createSqlType(SqlTypeName.DECIMAL, 18, 6)),
            List.of(decimal(null), decimal("2")))), operator.getName() + " of NULL");
      }
    }
  }

  @Test
  void fiscalYearAndQuarterMatchTheirJavaDefinitionsForEveryStartMonth() throws SQLException {
    RelDataType date = TYPES.createSqlType(SqlTypeName.DATE);
    List<LocalDate> days = List.of(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 2, 29), LocalDate.of(2024, 12, 31),
        LocalDate.of(2025, 1, 1), LocalDate.of(2025, 3, 31), LocalDate.of(2025, 4, 1), LocalDate.of(2025, 6, 30),
        LocalDate.of(2025, 7, 1), LocalDate.of(2025, 9, 30), LocalDate.of(2025, 10, 1), LocalDate.of(2025, 12, 31));
    try (Connection c = postgres.connection()) {
      for (int start = 1; start <= 12; start++) {
        for (LocalDate day : days) {
          String literal = "DATE '" + day + "'";
          int epochDay = (int) day.toEpochDay();
          assertEquals(FinanceFunctions.fiscalYear(epochDay, start),
              one(c, sql(FinanceOperators.fiscalYear(start), TYPES.createSqlType(SqlTypeName.INTEGER), List.of(date),
                  List.of(literal))), "FISCAL_YEAR(" + day + ") from month " + start);
          assertEquals(FinanceFunctions.fiscalQuarter(epochDay, start),
              one(c, sql(FinanceOperators.fiscalQuarter(start), TYPES.createSqlType(SqlTypeName.VARCHAR), List.of(date),
                  List.of(literal))), "FISCAL_QUARTER(" + day + ") from month " + start);
        }
      }
    }
  }

  @Test
  void npsCategoryMatchesItsJavaDefinitionAndRefusesAScoreOutOfRangeNamingIt() throws SQLException {
    RelDataType score = TYPES.createSqlType(SqlTypeName.INTEGER);
    RelDataType text = TYPES.createSqlType(SqlTypeName.VARCHAR);
    try (Connection c = postgres.connection()) {
      for (int s = 0; s <= 10; s++) {
        assertEquals(FinanceFunctions.npsCategory(s),
            one(c, sql(FinanceOperators.NPS_CATEGORY, text, List.of(score), List.of(Integer.toString(s)))), "score " + s);
      }
      assertEquals(null, one(c, sql(FinanceOperators.NPS_CATEGORY, text, List.of(score), List.of("CAST(NULL AS INTEGER)"))));
      SQLException e = assertThrows(SQLException.class,
          () -> one(c, sql(FinanceOperators.NPS_CATEGORY, text, List.of(score), List.of("11"))));
      assertTrue(e.getMessage().contains("NPS_CATEGORY needs a score 0..10, got 11"), e.getMessage());
    }
  }
}
