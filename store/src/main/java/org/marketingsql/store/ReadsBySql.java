package org.marketingsql.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Read connections of a store for a caller that knows the SQL text it will send before it asks for one. A store on
 * PostgreSQL queues the reads that wait for one of its read sessions by how long reads of the same text held one
 * before, so a read known to be short need not wait behind costlier ones; a read asked for without its text is
 * expected to take as long as the average read.
 */
public interface ReadsBySql extends DataSource {
  /** A read connection like {@link #getConnection()}, for a read that sends {@code sql}. */
  Connection connectionFor(String sql) throws SQLException;
}
