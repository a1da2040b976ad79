package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.marketingsql.jdbc.StorePlans.assertOneStoreQuery;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.Sql;
import org.marketingsql.testing.StoreFixture;

/**
 * A division of numerics the driver computes has PostgreSQL 15's digits (the values below are PostgreSQL's), by a
 * connection that reads only {@code finance}; one the store computes is the store's, in one store query.
 */
@ExtendWith(IsolatedHome.class)
class NumericDivisionTest {
  @RegisterExtension
  static final StoreFixture FIXTURE = StoreFixture.withExports("finance");
  @RegisterExtension
  final FinanceReader finance = FinanceReader.over(FIXTURE);

  @Test
  void aDivisionOfLiteralsHasAtLeastSixteenSignificantDigitsAndTheOperandsDecimals() throws Exception {
    try (Connection c = finance.connection()) {
      assertEquals(List.of("166.6666666666666667|0.33333333333333333333|2.5000000000000000|-166.6666666666666667"),
          Sql.lines(c, "SELECT 500.00/3, 1/3::numeric, 10::numeric/4, -500.00/3"));
      assertEquals(List.of("17636684.160428571429|0.00033333333333333333|0.14285714285714285714"),
          Sql.lines(c, "SELECT 123456789.123/7, 0.001/3, 1/7.000000000000000000"));
    }
  }

  @Test
  void aDivisionOfRowsTheDriverHoldsIsComputedForEachValue() throws Exception {
    try (Connection c = finance.connection()) {
      assertEquals(List.of("1|0.33333333333333333333", "2|0.66666666666666666667", "3|1.00000000000000000000"),
          Sql.lines(c, "SELECT x, x::numeric / 3 FROM generate_series(1, 3) x ORDER BY x"));
      assertEquals(List.of("1.5000000000000000"), Sql.lines(c, "SELECT sum(x)/count(*) FROM (VALUES (1.00), (2.00)) t(x)"));
      assertEquals(List.of("23.3333333333333333"),
          Sql.lines(c, "SELECT sum(x)::numeric/count(*) FROM (VALUES (10), (20), (40)) t(x)"));
    }
  }

  @Test
  void aDivisionByZeroIsRefusedAsInPostgresql() throws Exception {
    try (Connection c = finance.connection()) {
      SQLException refused = assertThrows(SQLException.class,
          () -> Sql.lines(c, "SELECT x / 0.0 FROM (VALUES (1.5)) t(x)"));
      assertEquals("22012", refused.getSQLState(), refused.getMessage());
      assertTrue(refused.getMessage().contains("division by zero"), refused.getMessage());
    }
  }

  @Test
  void aDivisionTheStoreComputesIsTheStoresInOneQuery() throws Exception {
    String sql = "SELECT amount_rc, amount_rc / 3 FROM finance.orders WHERE amount_rc / 3 > 0 ORDER BY 1 LIMIT 1";
    try (Connection c = finance.connection()) {
      assertOneStoreQuery(c, sql);
      List<Object> row = Sql.objects(c, sql).get(0);
      BigDecimal amount = (BigDecimal) row.get(0);
      BigDecimal quotient = (BigDecimal) row.get(1);
      // DuckDB gives the six decimals of the type Calcite derives, a PostgreSQL store its own scale
      assertTrue(quotient.scale() >= 6, quotient.toPlainString());
      assertEquals(amount.divide(BigDecimal.valueOf(3), 6, RoundingMode.HALF_UP), quotient.setScale(6, RoundingMode.HALF_UP));
    }
  }
}
