package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.marketingsql.jdbc.StorePlans.assertOneStoreQuery;

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
 * Integer arithmetic past its type's range is PostgreSQL's error where the driver computes it, not a number wrapped
 * around, by a connection that reads only {@code finance}; the store still computes the arithmetic over its columns.
 */
@ExtendWith(IsolatedHome.class)
class IntegerOverflowTest {
  @RegisterExtension
  static final StoreFixture FIXTURE = StoreFixture.withExports("finance");
  @RegisterExtension
  final FinanceReader finance = FinanceReader.over(FIXTURE);

  @Test
  void anIntegerPastItsRangeIsRefusedWithPostgresqlsStateAndWords() throws Exception {
    try (Connection c = finance.connection()) {
      assertRefused(c, "SELECT x + 1 FROM (VALUES (2147483647)) t(x)", "integer out of range");
      assertRefused(c, "SELECT x * 2 FROM (VALUES (2147483647)) t(x)", "integer out of range");
      assertRefused(c, "SELECT x - 1 FROM (VALUES (-2147483648)) t(x)", "integer out of range");
      assertRefused(c, "SELECT x + 1 FROM (VALUES (9223372036854775807)) t(x)", "bigint out of range");
    }
  }

  @Test
  void integerArithmeticWithinRangeIsUnchangedAndAnIntegerWithABigintIsABigint() throws Exception {
    try (Connection c = finance.connection()) {
      assertEquals(List.of("2147483648|3|-3|1"),
          Sql.lines(c, "SELECT x + 1::int8, 7 / 2, -7 / 2, -7 % 3 + 2 FROM (VALUES (2147483647)) t(x)"));
    }
  }

  @Test
  void arithmeticOnTheStoresColumnsStillRunsInTheStore() throws Exception {
    try (Connection c = finance.connection()) {
      assertOneStoreQuery(c, "SELECT orders * 2 + 1, orders - 1 FROM finance.customers WHERE orders * 2 > 1");
    }
  }

  private static void assertRefused(Connection c, String sql, String message) {
    SQLException refused = assertThrows(SQLException.class, () -> Sql.lines(c, sql), sql);
    assertEquals("22003", refused.getSQLState(), refused.getMessage());
    assertEquals(message, refused.getMessage(), sql);
  }
}
