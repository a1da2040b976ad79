package org.marketingsql.store;

import java.sql.SQLException;

/**
 * Appends rows to one store table inside the current write transaction. Values are Java objects of
 * the column's kind: Boolean, Long, BigDecimal, LocalDate, LocalDateTime, String, or null.
 * The caller closes it before the transaction commits.
 */
public interface RowWriter extends AutoCloseable {
  void write(Object[] row) throws SQLException;

  @Override
  void close() throws SQLException;
}
