package org.marketingsql.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.marketingsql.access.AccessDeniedException;
import org.marketingsql.access.AccessPolicy;
import org.marketingsql.access.VisibleRows;
import org.marketingsql.config.ConfigException;
import org.marketingsql.schema.LiveReadWarnings;
import org.marketingsql.sql.PlanFailures;
import org.marketingsql.store.ForwardingResultSet;
import org.marketingsql.store.RunningStatements;

/**
 * Gives every error a SQLSTATE, which Calcite leaves empty: PostgreSQL's for SQL the schema rejects and
 * for errors while a statement runs ({@link ErrorStates}), 08001 for a connection whose configuration
 * cannot be used, 42501 for a statement that reads what its connection may not
 * ({@link AccessDeniedException}), whose refusal comes before any other error. Messages keep the cause.
 * Catalog answers (DatabaseMetaData) show only the schemas the connection's {@link AccessPolicy} reads.
 */
final class SqlStates {
  private SqlStates() {
  }

  static Connection wrap(Connection connection, AccessPolicy policy) {
    return proxy(Connection.class, connection, (Connection) null, List.of(), Objects.requireNonNull(policy));
  }

  static SQLException connectFailure(String url, Throwable e) {
    if (e instanceof SQLException s && s.getSQLState() != null) {
      return s;
    }
    Throwable cause = e;
    while (cause.getCause() != null && !(cause instanceof ConfigException)
        && !(cause instanceof org.marketingsql.schema.Refresher.RefreshException)) {
      cause = cause.getCause();
    }
    return new SQLException("cannot connect to " + url + ": " + cause.getMessage(), "08001", e);
  }

  static SQLException translate(SQLException e) {
    if (e.getSQLState() != null) {
      return e;
    }
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t instanceof AccessDeniedException refused) {
        SQLException translated = new SQLException(refused.getMessage(), refused.sqlState(), e);
        translated.setNextException(e.getNextException());
        return translated;
      }
    }
    String state = ErrorStates.of(e);
    if (PlanFailures.isPlanFailure(e)) {
      state = PlanFailures.unsupportedFeature(e).isPresent() ? "0A000" : "XX000";
    }
    SQLException translated = exception(ErrorMessages.of(e, state), state, e);
    translated.setNextException(e.getNextException());
    return translated;
  }

  /**
   * An SQLException of the subclass JDBC gives its SQLSTATE's class: SQLSyntaxErrorException for 42 (a statement
   * that does not parse or names what is not there), SQLDataException for 22, SQLFeatureNotSupportedException for 0A.
   */
  static SQLException exception(String message, String state, Throwable cause) {
    if (state.startsWith("42")) {
      return new SQLSyntaxErrorException(message, state, cause);
    }
    if (state.startsWith("22")) {
      return new SQLDataException(message, state, cause);
    }
    if (state.startsWith("0A")) {
      return new SQLFeatureNotSupportedException(message, state, cause);
    }
    return new SQLException(message, state, cause);
  }

  /**
   * What a statement threw that is not an SQLException (Calcite's generated code folding a constant, an assertion of
   * the planner): an SQLException with its state and one line, its cause the original. The JVM's own failures stay
   * errors, except a statement nested too deep for the stack, which is PostgreSQL's 54001.
   */
  static Throwable unchecked(Throwable e) {
    if (e instanceof StackOverflowError) {
      return new SQLException("stack depth limit exceeded", "54001", e);
    }
    if (e instanceof VirtualMachineError) {
      return e;
    }
    String state = PlanFailures.isPlanFailure(e)
        ? PlanFailures.unsupportedFeature(e).isPresent() ? "0A000" : "XX000" : ErrorStates.of(e);
    if (state.equals("58000")) {
      state = "XX000"; // not the store's: the driver's own failure
    }
    return exception(ErrorMessages.of(e, state), state, e);
  }

  @SuppressWarnings("unchecked")
  private static <T> T proxy(Class<T> type, T target, Connection owner, List<String> planWarnings, AccessPolicy policy) {
    // this statement's execution, while it runs: cancel() comes from another thread
    AtomicReference<RunningStatements.Execution> executing =
        new AtomicReference<>();
    StatementWarnings warnings = target instanceof Statement ? new StatementWarnings(planWarnings) : null;
    InvocationHandler handler = (proxy, method, args) -> {
      if (method.getName().equals("getConnection") && owner != null) {
        return owner;
      }
      if (method.getName().equals("unwrap") && args[0] instanceof Class<?> c && c.isInstance(proxy)) {
        return proxy;
      }
      if (target instanceof Statement && method.getName().equals("cancel")) {
        // Calcite's cancel flag is not seen while the store computes: stop the store's statements too.
        RunningStatements.Execution running = executing.get();
        if (running != null) {
          RunningStatements.cancel(running);
        }
      }
      if (warnings != null && method.getName().equals("clearWarnings")) {
        warnings.clear();
      }
      boolean executes = target instanceof Statement && method.getName().startsWith("execute");
      RunningStatements.Execution execution = executes ? RunningStatements.begin() : null;
      if (executes) {
        executing.set(execution);
      }
      // a plain statement is planned when it executes, a prepared one when it is prepared
      boolean plans = executes && !(target instanceof PreparedStatement)
          || target instanceof Connection && method.getName().startsWith("prepare");
      if (plans) {
        LiveReadWarnings.collect();
      }
      Object result;
      List<String> planned = List.of();
      try {
        result = method.invoke(target, args);
      } catch (InvocationTargetException e) {
        Throwable cause = e.getCause();
        throw cause instanceof SQLException s ? translate(s) : unchecked(cause);
      } finally {
        if (executes) {
          executing.set(null);
          RunningStatements.end(execution);
        }
        if (plans) {
          planned = LiveReadWarnings.take();
        }
      }
      if (warnings != null && plans) {
        warnings.replace(planned); // a statement's warnings are cleared when it runs again
      }
      if (warnings != null && method.getName().equals("getWarnings")) {
        return warnings.chain((SQLWarning) result);
      }
      Connection self = owner != null ? owner : (Connection) proxy;
      if (result instanceof CallableStatement s && method.getReturnType() == CallableStatement.class) {
        return proxy(CallableStatement.class, s, self, planned, policy);
      }
      if (result instanceof PreparedStatement s && method.getReturnType() == PreparedStatement.class) {
        return proxy(PreparedStatement.class, s, self, planned, policy);
      }
      if (result instanceof Statement s && method.getReturnType() == Statement.class) {
        return proxy(Statement.class, s, self, List.of(), policy);
      }
      if (result instanceof DatabaseMetaData m && method.getReturnType() == DatabaseMetaData.class) {
        return proxy(DatabaseMetaData.class, m, self, List.of(), policy);
      }
      if (target instanceof DatabaseMetaData && result instanceof ResultSet rows) {
        return VisibleRows.of(rows, policy);
      }
      if (target instanceof Statement && result instanceof ResultSet rows) {
        return rows((Statement) proxy, rows);
      }
      return result;
    };
    return (T) Proxy.newProxyInstance(SqlStates.class.getClassLoader(), new Class<?>[] {type}, handler);
  }

  /**
   * A statement's rows, whose failures while they are read ({@code next()}, {@code getXxx}) are SQLExceptions
   * with a SQLSTATE: Calcite's generated code and the store's reader throw unchecked exceptions there (a
   * PostgreSQL function's error, a division by zero, a cancelled read), which a JDBC client does not expect. Their
   * TIMESTAMP, interval, binary, double precision and real columns' {@code getString} is PostgreSQL's text
   * ({@link TimestampStrings}, {@link IntervalStrings}, {@link ByteaStrings}, {@link FloatStrings}).
   */
  static ResultSet rows(Statement owner, ResultSet rows) {
    return new Rows(owner, rows);
  }

  /** {@link #rows}: a plain call for each value read, not a reflective proxy's. */
  private static final class Rows extends ForwardingResultSet {
    private final Statement owner;
    private final TimestampStrings timestamps;
    private final IntervalStrings intervals;
    private final ByteaStrings bytes;
    private final FloatStrings floats;

    Rows(Statement owner, ResultSet rows) {
      super(rows);
      this.owner = owner;
      this.timestamps = new TimestampStrings(rows);
      this.intervals = new IntervalStrings(rows);
      this.bytes = new ByteaStrings(rows);
      this.floats = new FloatStrings(rows);
    }

    @Override
    protected Exception failure(Exception e) {
      return (Exception) readFailure(e);
    }

    @Override
    public Statement getStatement() {
      return owner;
    }

    @Override
    public String getString(int columnIndex) throws SQLException {
      return string(columnIndex);
    }

    @Override
    public String getString(String columnLabel) throws SQLException {
      return string(columnLabel);
    }

    /** {@code getString} of the column {@code column} names (its index or label). */
    private String string(Object column) throws SQLException {
      try {
        if (timestamps.answers(column)) {
          return timestamps.text(column);
        }
        if (intervals.answers(column)) {
          return intervals.text(column);
        }
        if (bytes.answers(column)) {
          return bytes.text(column);
        }
        if (floats.answers(column)) {
          return floats.text(column);
        }
      } catch (SQLException | RuntimeException e) {
        throw failed(e);
      }
      return column instanceof Integer index ? super.getString(index) : super.getString((String) column);
    }
  }

  /** What reading a row threw, as an SQLException with the state {@link ErrorStates} reads from it; errors stay errors. */
  static Throwable readFailure(Throwable e) {
    if (e instanceof SQLException s) {
      return translate(s);
    }
    if (e instanceof Error) {
      return e;
    }
    String state = ErrorStates.of(e);
    String message = ErrorMessages.of(e, state);
    // a PostgreSQL function's error says what failed, as does PostgreSQL's word for an integer's overflow; Calcite's
    // own exceptions do not say it was a row's value
    boolean own = state.equals("22012") || state.equals("57014") || ErrorMessages.overflow(e).isPresent();
    for (Throwable t = e; t != null && !own; t = t.getCause() == t ? null : t.getCause()) {
      own = t instanceof org.marketingsql.sql.PgSqlException;
    }
    return exception(own ? message : "reading a row failed: " + message, state, e);
  }
}
