package org.marketingsql.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One transaction on one connection that a whole refresh runs in ({@link Store#publish}): committing it is
 * publishing. Each unit the refresh writes ({@link Store#write}, and each {@link Store#checkpoint} inside one)
 * is a savepoint of it, so a unit that fails is undone alone, as a transaction of its own would be, while
 * nothing of any unit is seen by others until the end. Reads of the publishing thread see its units.
 *
 * <p>A table whose columns change is built under a new name ({@link #buildAside}), because dropping it inside
 * the refresh would hold every reader of it until the commit. Until the end, every statement of the refresh
 * that names the table (its load, the facts that read it) is sent with the new name instead; just before the
 * commit, {@link #swap} drops the old table and renames the new one in its place, taking each lock with a short
 * {@code lock_timeout} and trying again a bounded number of times, so readers wait at most for the swap. A
 * table the refresh drops ({@link #dropLater}) is dropped there too, the same way, rather than where the refresh
 * finds it gone: a DROP inside the refresh would hold its readers until the commit as well.
 */
final class Publication {
  /** How long the swap of one table waits for its readers per try, and how many tries it makes. */
  static final String SWAP_LOCK_TIMEOUT = "200ms";
  static final int SWAP_ATTEMPTS = 25;
  /** Statement methods whose first argument is SQL text. */
  private static final Set<String> SQL_METHODS = Set.of("execute", "executeQuery", "executeUpdate", "executeLargeUpdate",
      "addBatch", "prepareStatement", "prepareCall", "nativeSQL");
  private final Connection connection;
  /** The savepoint of the unit being written, or null between units. */
  private Savepoint unit;
  /** The tables built aside so far, in order; those of a unit rolled back are forgotten with it. */
  private final List<Aside> asides = new ArrayList<>();
  /** The tables to drop just before the commit, in order; those of a unit rolled back are forgotten with it. */
  private final List<Aside> drops = new ArrayList<>();

  /**
   * A table built under {@code next} to replace {@code table} at the end; with {@code next} null, a table to
   * drop at the end.
   *
   * @param during the unit that built it, until that unit is committed; null then
   */
  private record Aside(String schema, String table, String next, Savepoint during) {
    String quoted() {
      return Sql.quote(schema) + "." + Sql.quote(table);
    }

    String quotedNext() {
      return Sql.quote(schema) + "." + Sql.quote(next);
    }
  }

  /** Run where a unit begins and where it commits (a checkpoint): fails once the refresh must stop. */
  private final Runnable betweenSteps;

  Publication(Connection connection) throws SQLException {
    this(connection, () -> { });
  }

  /**
   * @param betweenSteps run before each unit and at each of its checkpoints; what it throws stops the refresh
   *     there (a lost lease: {@link RefreshLease#checkNotLost})
   */
  Publication(Connection connection, Runnable betweenSteps) throws SQLException {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.betweenSteps = Objects.requireNonNull(betweenSteps, "betweenSteps");
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
      case "commit" -> {
        betweenSteps.run();
        if (unit != null) {
          keepAsides(unit);
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
          forgetAsides(unit);
          connection.releaseSavepoint(unit);
          unit = connection.setSavepoint();
        }
        yield null;
      }
      case "setAutoCommit" -> {
        boolean auto = (Boolean) args[0];
        if (!auto && unit == null) {
          betweenSteps.run();
          unit = connection.setSavepoint();
        } else if (auto && unit != null) {
          keepAsides(unit);
          connection.releaseSavepoint(unit);
          unit = null;
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

  /**
   * Inside a unit: the name to build {@code schema.table} under instead of its own, which statements of this
   * refresh that name the table use from now on; {@link #swap} puts it in the table's place before the commit.
   */
  String buildAside(String schema, String table) {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(table, "table");
    asides.removeIf(a -> a.schema().equals(schema) && a.table().equals(table));
    String next = nextName(table);
    asides.add(new Aside(schema, table, next, unit));
    return next;
  }

  /**
   * Inside a unit: {@code schema.table} is to be dropped, which {@link #swap} does just before the commit, where
   * its readers wait at most for the swap; until then it stays as it was for every reader. A table built aside
   * for it is forgotten.
   *
   * @return the name of the table built aside for it by this refresh, which nobody else sees and which the
   *     caller drops at once; null if there is none
   */
  String dropLater(String schema, String table) {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(table, "table");
    String aside = null;
    for (Aside a : asides) {
      if (a.schema().equals(schema) && a.table().equals(table)) {
        aside = a.next();
      }
    }
    asides.removeIf(a -> a.schema().equals(schema) && a.table().equals(table));
    drops.removeIf(a -> a.schema().equals(schema) && a.table().equals(table));
    drops.add(new Aside(schema, table, null, unit));
    return aside;
  }

  /** {@code schema.table} is written again by this refresh: it is no longer to be dropped. */
  void keep(String schema, String table) {
    drops.removeIf(a -> a.schema().equals(schema) && a.table().equals(table));
  }

  /** Whether {@code schema.table} is to be dropped just before the commit ({@link #dropLater}). */
  boolean dropsLater(String schema, String table) {
    return drops.stream().anyMatch(a -> a.schema().equals(schema) && a.table().equals(table));
  }

  /** The name this refresh writes and reads {@code schema.table} under: the table built aside for it, if any. */
  String tableName(String schema, String table) {
    for (Aside aside : asides) {
      if (aside.schema().equals(schema) && aside.table().equals(table)) {
        return aside.next();
      }
    }
    return table;
  }

  /** {@code name__next}, shortened (with a hash of the name) where PostgreSQL's 63 bytes would cut it. */
  static String nextName(String table) {
    String next = table + "__next";
    if (next.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 63) {
      return next;
    }
    String hash = Integer.toHexString(table.hashCode());
    StringBuilder shortened = new StringBuilder();
    for (int i = 0; i < table.length(); i++) {
      String more = shortened.toString() + table.charAt(i);
      if ((more + "__next_" + hash).getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 63) {
        break;
      }
      shortened.append(table.charAt(i));
    }
    return shortened + "__next_" + hash;
  }

  private void keepAsides(Savepoint committed) {
    asides.replaceAll(a -> a.during() == committed ? new Aside(a.schema(), a.table(), a.next(), null) : a);
    drops.replaceAll(a -> a.during() == committed ? new Aside(a.schema(), a.table(), null, null) : a);
  }

  private void forgetAsides(Savepoint undone) {
    asides.removeIf(a -> a.during() == undone);
    drops.removeIf(a -> a.during() == undone);
  }

  /** The SQL with every table built aside named by its new name. */
  private String rewrite(String sql) {
    String text = sql;
    for (Aside aside : asides) {
      text = text.replace(aside.quoted(), aside.quotedNext());
    }
    return text;
  }

  /**
   * Last, just before the commit: each table built aside takes its old name's place (DROP, then RENAME). Each
   * try waits at most {@value #SWAP_LOCK_TIMEOUT} for the readers of the old table and is undone when it times
   * out, so readers queued behind it go on; after {@value #SWAP_ATTEMPTS} tries the refresh fails. Then each
   * table to drop ({@link #dropLater}) is dropped, the same way.
   *
   * @return the tables swapped, as {@code schema.table}
   */
  List<String> swap() throws SQLException {
    List<String> swapped = new ArrayList<>();
    if (unit != null) {
      throw new IllegalStateException("the refresh swaps its tables after its last unit, not inside one");
    }
    String timeout;
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SHOW lock_timeout")) {
      rs.next();
      timeout = rs.getString(1);
    }
    for (Aside aside : asides) {
      if (!exists(aside.quotedNext())) {
        continue; // built, then dropped again by its own unit
      }
      underShortLocks("swapping the rebuilt table " + aside.schema() + "." + aside.table() + " in", s -> {
        s.execute("DROP TABLE IF EXISTS " + aside.quoted());
        s.execute("ALTER TABLE " + aside.quotedNext() + " RENAME TO " + Sql.quote(aside.table()));
      });
      swapped.add(aside.schema() + "." + aside.table());
    }
    for (Aside drop : drops) {
      underShortLocks("dropping the table " + drop.schema() + "." + drop.table(),
          s -> s.execute("DROP TABLE IF EXISTS " + drop.quoted()));
    }
    drops.clear();
    try (PreparedStatement s = connection.prepareStatement("SELECT set_config('lock_timeout', ?, true)")) {
      s.setString(1, timeout);
      s.execute();
    }
    asides.clear();
    return swapped;
  }

  private interface Change {
    void run(Statement statement) throws SQLException;
  }

  /**
   * Runs {@code change} with each lock waited for at most {@value #SWAP_LOCK_TIMEOUT}, undoing a try that times
   * out (so readers queued behind it go on) and trying again, up to {@value #SWAP_ATTEMPTS} times.
   */
  private void underShortLocks(String what, Change change) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      Savepoint before = connection.setSavepoint();
      try (Statement s = connection.createStatement()) {
        s.execute("SET LOCAL lock_timeout = '" + SWAP_LOCK_TIMEOUT + "'");
        change.run(s);
        connection.releaseSavepoint(before);
        return;
      } catch (SQLException e) {
        connection.rollback(before);
        if (!"55P03".equals(e.getSQLState()) || attempt == SWAP_ATTEMPTS) {
          throw new SQLException(what + " failed" + ("55P03".equals(e.getSQLState()) ? " after " + attempt + " tries of "
              + SWAP_LOCK_TIMEOUT + " each, as its readers held it" : "") + ": " + e.getMessage(), e.getSQLState(), e);
        }
        try {
          Thread.sleep(Math.min(50L * attempt, 500));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new SQLException("interrupted while " + what, interrupted);
        }
      }
    }
  }

  private boolean exists(String qualified) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
      s.setString(1, qualified);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
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
          Object result = invoke(connection, method, renamed(method.getName(), args));
          // plain statements take their SQL when executed: they name the tables built aside by their new names too
          return result instanceof Statement statement && !(result instanceof PreparedStatement)
              ? statement(statement) : result;
        });
  }

  private Statement statement(Statement statement) {
    return (Statement) Proxy.newProxyInstance(Publication.class.getClassLoader(), new Class<?>[] {Statement.class},
        (p, method, args) -> invoke(statement, method, renamed(method.getName(), args)));
  }

  /** The arguments, with SQL text naming the tables built aside by their new names. */
  private Object[] renamed(String method, Object[] args) {
    if (asides.isEmpty() || args == null || args.length == 0 || !(args[0] instanceof String sql)
        || !SQL_METHODS.contains(method)) {
      return args;
    }
    Object[] copy = args.clone();
    copy[0] = rewrite(sql);
    return copy;
  }

  private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
