package org.marketingsql.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Objects;

/**
 * One transaction on one connection that a whole refresh runs in ({@link Store#publish}): committing it is
 * publishing. Each unit the refresh writes ({@link Store#write}, and each {@link Store#checkpoint} inside one)
 * is a savepoint of it, so a unit that fails is undone alone, as a transaction of its own would be, while
 * nothing of any unit is seen by others until the end. Reads of the publishing thread see its units.
 */
final class Publication {
  private final Connection connection;
  /** The savepoint of the unit being written, or null between units. */
  private Savepoint unit;

  Publication(Connection connection) throws SQLException {
    this.connection = Objects.requireNonNull(connection, "connection");
    connection.setAutoCommit(false);
  }

  /**
   * The connection as a unit's writer sees it: beginning a transaction sets a savepoint, committing
   * releases it (and sets the next, as a checkpoint continues), rolling back returns to it; closing it
   * leaves the connection open.
   */
  Connection forWrite() {
    return proxy((method, args) -> switch (method) {
      case "close" -> null;
      case "isClosed" -> connection.isClosed();
      case "getAutoCommit" -> unit == null;
      case "setAutoCommit" -> {
        boolean auto = (Boolean) args[0];
        if (!auto && unit == null) {
          unit = connection.setSavepoint();
        } else if (auto && unit != null) {
          connection.releaseSavepoint(unit);
          unit = null;
        }
        yield null;
      }
      case "commit" -> {
        if (unit != null) {
          connection.releaseSavepoint(unit);
          unit = connection.setSavepoint();
        }
        yield null;
      }
      case "rollback" -> {
        if (args != null && args.length == 1) {
          connection.rollback((Savepoint) args[0]);
        } else if (unit != null) {
          connection.rollback(unit);
          connection.releaseSavepoint(unit);
          unit = connection.setSavepoint();
        }
        yield null;
      }
      default -> Call.PASS;
    });
  }

  /** The connection as a reader of the publishing thread sees it: never in a transaction of its own, never closed. */
  Connection forRead() {
    return proxy((method, args) -> switch (method) {
      case "close", "setAutoCommit", "commit", "rollback" -> null;
      case "isClosed" -> connection.isClosed();
      case "getAutoCommit" -> true;
      default -> Call.PASS;
    });
  }

  /** Whether a unit is still open: a refresh that ends inside one did not finish it. */
  boolean insideUnit() {
    return unit != null;
  }

  private interface Call {
    Object PASS = new Object();

    Object handle(String method, Object[] args) throws SQLException;
  }

  private Connection proxy(Call call) {
    return (Connection) Proxy.newProxyInstance(Publication.class.getClassLoader(), new Class<?>[] {Connection.class},
        (p, method, args) -> {
          Object handled = call.handle(method.getName(), args);
          if (handled != Call.PASS) {
            return handled;
          }
          try {
            return method.invoke(connection, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
