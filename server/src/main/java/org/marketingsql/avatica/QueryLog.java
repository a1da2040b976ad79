package org.marketingsql.avatica;

import java.sql.SQLException;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.avatica.Meta;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per query, in the PostgreSQL side's form (user, duration, rows; the SQL on one line).
 * Avatica returns rows in frames, so a query is logged when its last frame has gone out, when the
 * client closes it early, or when it fails.
 */
final class QueryLog {
  private static final Logger LOG = LoggerFactory.getLogger("org.marketingsql.avatica.queries");

  private static final class Running {
    final String user;
    final String sql;
    final long start = System.nanoTime();
    long rows;

    Running(String user, String sql) {
      this.user = user;
      this.sql = sql;
    }
  }

  private final Map<Integer, Running> running = new ConcurrentHashMap<>();

  /** A statement starts executing. */
  void started(int statementId, String user, String sql) {
    running.put(statementId, new Running(user, sql));
  }

  /** A frame of the statement's rows goes out; the last one ends the query. */
  void frame(int statementId, Meta.Frame frame) {
    Running r = running.get(statementId);
    if (r == null) {
      return;
    }
    if (frame != null) {
      r.rows += count(frame.rows);
    }
    if (frame == null || frame.done) {
      running.remove(statementId);
      line(r, null);
    }
  }

  /** The statement's execution failed. */
  void failed(int statementId, String user, String sql, Throwable error) {
    Running r = running.remove(statementId);
    line(r != null ? r : new Running(user, sql), error);
  }

  /** A query refused before it ran (read-only, schema access): logged like a failure. */
  void refused(String user, String sql, Throwable error) {
    line(new Running(user, sql), error);
  }

  /** The client closed the statement, possibly before reading every row. */
  void closed(int statementId) {
    Running r = running.remove(statementId);
    if (r != null) {
      line(r, null);
    }
  }

  /** Logs and forgets queries whose statements expired unread, so the map does not grow. */
  void retainOnly(java.util.Set<Integer> liveStatements) {
    for (Integer id : java.util.List.copyOf(running.keySet())) {
      if (!liveStatements.contains(id)) {
        closed(id);
      }
    }
  }

  private static long count(Iterable<Object> rows) {
    if (rows instanceof Collection<?> c) {
      return c.size();
    }
    long n = 0;
    for (Object ignored : rows) {
      n++;
    }
    return n;
  }

  private static void line(Running r, Throwable error) {
    long ms = (System.nanoTime() - r.start) / 1_000_000;
    String oneLine = r.sql.replaceAll("\\s+", " ").strip();
    if (oneLine.length() > 300) {
      oneLine = oneLine.substring(0, 300) + "…";
    }
    if (error == null) {
      LOG.info("user={} ms={} rows={} sql={}", r.user, ms, r.rows, oneLine);
    } else {
      String state = error instanceof SQLException e ? e.getSQLState() : sqlState(error);
      LOG.info("user={} ms={} failed=[{}] {} sql={}", r.user, ms, state, message(error), oneLine);
    }
  }

  private static String sqlState(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof SQLException e) {
        return e.getSQLState();
      }
      if (t instanceof org.apache.calcite.avatica.remote.AvaticaRuntimeException a) {
        return a.getSqlState();
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  private static String message(Throwable error) {
    if (error instanceof org.apache.calcite.avatica.remote.AvaticaRuntimeException a) {
      return a.getErrorMessage();
    }
    return error.getMessage();
  }
}
