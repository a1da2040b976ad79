package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which SQLSTATE a client sees for a failed statement. */
class PgExceptionTest {
  @Test
  void theStatementsOwnStateWins() {
    SQLException e = new SQLException("no such column", "42703", new SQLException("inner", "53300"));
    assertEquals("42703", PgException.of(e).sqlState());
  }

  @Test
  void aStoreErrorWrappedWithoutAStateKeepsTheStoresState() {
    SQLException busy = new SQLException("all 16 read sessions of PostgreSQL store x stayed busy", "53300");
    SQLException wrapped = new SQLException("Error while executing SQL \"SELECT 1\": busy",
        new RuntimeException("Error while executing SQL \"SELECT 1\"", busy));
    PgException sent = PgException.of(wrapped);
    assertEquals("53300", sent.sqlState());
    assertEquals("busy: all 16 read sessions of PostgreSQL store x stayed busy", sent.getMessage());
  }

  @Test
  void anErrorWithNoStateAnywhereIsAnInternalError() {
    assertEquals("XX000", PgException.of(new SQLException("boom", new IllegalStateException("why"))).sqlState());
  }
}
