package org.marketingsql.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * A connection that hands itself to {@code onClose} exactly once when it is closed (instead of
 * closing the driver's connection, which {@code onClose} closes or keeps for reuse), however the caller reaches
 * it: Calcite closes the store connection through {@code resultSet.getStatement().getConnection()},
 * so statements, result sets and metadata handed out lead back to this wrapper, never to the
 * driver's own connection.
 */
final class TrackedConnection {
  private TrackedConnection() {
  }

  static Connection wrap(Connection connection, Runnable onClose) {
    boolean[] closed = {false};
    Connection[] self = new Connection[1];
    self[0] = (Connection) Proxy.newProxyInstance(TrackedConnection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
          if (method.getName().equals("close")) {
            synchronized (closed) {
              if (closed[0]) {
                return null;
              }
              closed[0] = true;
            }
            onClose.run();
            return null;
          }
          return child(invoke(connection, method, args), method, self[0], null);
        });
    return self[0];
  }

  private static Object child(Object result, Method method, Connection connection, Statement statement) {
    Class<?> type = method.getReturnType();
    if (result instanceof Statement s && Statement.class.isAssignableFrom(type)) {
      Class<?> face = s instanceof CallableStatement && type == CallableStatement.class ? CallableStatement.class
          : s instanceof PreparedStatement && type != Statement.class ? PreparedStatement.class : Statement.class;
      Statement[] wrapped = new Statement[1];
      ParameterMetaData[] parameters = new ParameterMetaData[1];
      wrapped[0] = (Statement) Proxy.newProxyInstance(TrackedConnection.class.getClassLoader(), new Class<?>[] {face},
          (proxy, m, args) -> {
            if (m.getName().equals("getConnection")) {
              return connection;
            }
            if (s instanceof PreparedStatement ps && args != null && args.length == 2
                && (m.getName().equals("setInt") || m.getName().equals("setLong"))) {
              if (parameters[0] == null) {
                parameters[0] = ps.getParameterMetaData();
              }
              Object temporal = temporal(parameters[0].getParameterType((Integer) args[0]), (Number) args[1]);
              if (temporal != null) {
                ps.setObject((Integer) args[0], temporal);
                return null;
              }
            }
            if (m.getName().startsWith("execute")) {
              RunningStatements.started(s);
              try {
                return child(invoke(s, m, args), m, connection, wrapped[0]);
              } finally {
                RunningStatements.finished(s);
              }
            }
            return child(invoke(s, m, args), m, connection, wrapped[0]);
          });
      return wrapped[0];
    }
    if (result instanceof ResultSet rs && type == ResultSet.class) {
      // every value read goes through here: a plain call, not a proxy's
      // and Calcite's JDBC adapter reads a DATE, TIME, TIMESTAMP or ARRAY as the value it holds (CalciteValues)
      CalciteValues calcite = new CalciteValues(rs);
      return new ForwardingResultSet(rs) {
        @Override
        public Statement getStatement() throws SQLException {
          return statement != null ? statement : super.getStatement();
        }

        @Override
        public int getInt(int columnIndex) throws SQLException {
          return calcite.readsTemporal(columnIndex) ? calcite.asInt(columnIndex) : super.getInt(columnIndex);
        }

        @Override
        public long getLong(int columnIndex) throws SQLException {
          return calcite.readsTemporal(columnIndex) ? calcite.asLong(columnIndex) : super.getLong(columnIndex);
        }

        @Override
        public Object getObject(int columnIndex) throws SQLException {
          return calcite.readsArray(columnIndex) ? calcite.asList(columnIndex) : super.getObject(columnIndex);
        }
      };
    }
    if (result instanceof DatabaseMetaData md && type == DatabaseMetaData.class) {
      return Proxy.newProxyInstance(TrackedConnection.class.getClassLoader(), new Class<?>[] {DatabaseMetaData.class},
          (proxy, m, args) -> m.getName().equals("getConnection") ? connection : invoke(md, m, args));
    }
    return result;
  }

  /**
   * Calcite's JDBC adapter binds a DATE parameter as its day number, a TIMESTAMP as epoch
   * milliseconds and a TIME as milliseconds of the day (its internal forms); the store wants the
   * values. Returns null when the parameter is not temporal.
   */
  private static Object temporal(int sqlType, Number internal) {
    return switch (sqlType) {
      case Types.DATE -> LocalDate.ofEpochDay(internal.longValue());
      case Types.TIMESTAMP -> LocalDateTime.ofEpochSecond(Math.floorDiv(internal.longValue(), 1000L),
          (int) Math.floorMod(internal.longValue(), 1000L) * 1_000_000, ZoneOffset.UTC);
      case Types.TIME -> LocalTime.ofNanoOfDay(internal.longValue() * 1_000_000L);
      default -> null;
    };
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
