package org.marketingsql.avatica;

import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.remote.TypedValue;
import org.marketingsql.audit.QueryAudit;
import org.marketingsql.audit.QueryLogQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One log line per query, in the PostgreSQL side's form ({@link QueryAudit}: user, client address,
 * duration, rows or the refusal and its reason; the SQL on one line, with its {@code ?} placeholders:
 * parameter values are added only when the server was asked to log them). Avatica returns rows in
 * frames, so a query is logged when its last frame has gone out, when the client closes it early, or
 * when it fails.
 */
final class QueryLog {
  private static final Logger LOG = LoggerFactory.getLogger("org.marketingsql.avatica.queries");

  private static final class Running {
    final String user;
    final String address;
    final String sql;
    final long start = System.nanoTime();
    long rows;

    Running(String user, String address, String sql) {
      this.user = user;
      this.address = address;
      this.sql = sql;
    }
  }

  private final Map<Integer, Running> running = new ConcurrentHashMap<>();
  private final boolean logParameters;

  QueryLog(boolean logParameters) {
    this.logParameters = logParameters;
  }

  /** A statement starts executing, with these parameter values (logged only when asked for). */
  void started(int statementId, String user, String address, String sql, List<TypedValue> parameters) {
    String logged = logParameters && parameters != null && !parameters.isEmpty()
        ? sql + " -- parameters: " + parameters.stream().map(p -> String.valueOf(p.value)).toList() : sql;
    running.put(statementId, new Running(user, address, logged));
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
  void failed(int statementId, String user, String address, String sql, Throwable error) {
    Running r = running.remove(statementId);
    line(r != null ? r : new Running(user, address, sql), error);
  }

  /** A query refused before it ran (read-only, what it reads): logged as refused, with the reason. */
  void refused(String user, String address, String sql, Throwable error) {
    line(new Running(user, address, sql), error);
  }

  /** The client closed the statement, possibly before reading every row. */
  void closed(int statementId) {
    Running r = running.remove(statementId);
    if (r != null) {
      line(r, null);
    }
  }

  /** Logs and forgets queries whose statements expired unread, so the map does not grow. */
  void retainOnly(Set<Integer> liveStatements) {
    for (Integer id : List.copyOf(running.keySet())) {
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
    QueryAudit entry = error == null ? QueryAudit.ran(r.user, r.address, r.sql, r.rows, ms)
        : QueryAudit.failed(r.user, r.address, r.sql, ms, error instanceof SQLException e ? e.getSQLState() : sqlState(error),
            message(error));
    QueryLogQueue.queries().offer(LOG, entry.line()); // never waits for stderr
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
