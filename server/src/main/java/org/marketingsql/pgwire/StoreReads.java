package org.marketingsql.pgwire;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.apache.calcite.adapter.jdbc.JdbcTableScan;
import org.apache.calcite.adapter.jdbc.JdbcToEnumerableConverter;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.runtime.Hook;

/**
 * A session's statements that Calcite plans as one query of the store with nothing computed above it, so that the
 * port reads the store's rows itself instead of through the driver: no statement, prepare context, data context,
 * enumerator or result set of Calcite's per run, and each value read with the getter Calcite's JDBC adapter would
 * use for its column ({@link PgType#textAsRead}). Only results whose every column is a boolean, an integer, a
 * floating-point number, a decimal, a string, a date, a timestamp or a timestamptz are read so: those values reach the
 * client exactly as the driver would have handed them on (a date or a timestamp made and written as the driver does,
 * {@link StoreDateTimes}, a timestamptz as that timestamp in the session's time zone, which is part of the statement's
 * key; the driver's other rewrite of values, of intervals, does not apply to them).
 *
 * <p>A statement is recognised while the driver plans it, on its first run in the session (plans are kept per
 * connection, so that is where its plan is made); later runs of the same text, in the same default schema and time
 * zone (what the driver keys its plans by), read the store with the SQL Calcite wrote for it, through the same data
 * source, so a refresh published in between is read as the driver would read it. The access check was made when the
 * statement was planned for this session's connection, whose policy never changes.
 */
final class StoreReads {
  /** Statements kept per session, as many as translations. */
  static final int KEPT = SqlSession.TRANSLATIONS_KEPT;
  /** Runs started straight on the store in this JVM, for tests that check the path is taken. */
  private static final AtomicLong READ = new AtomicLong();
  /** Whether kept reads are used: off only in a test that compares the two ways in one JVM. */
  private static volatile boolean used = true;
  private final BoundedCache<Key, Read> reads = new BoundedCache<>(KEPT);

  /** Uses kept reads or not, for a test that measures both ways on the same server. */
  static void use(boolean use) {
    used = use;
  }

  /** What a statement is kept by: the driver's key of its plan, without what the port never varies. */
  record Key(String schema, String zone, String sql) {
    Key {
      Objects.requireNonNull(schema, "schema");
      Objects.requireNonNull(zone, "zone");
      Objects.requireNonNull(sql, "sql");
    }
  }

  /**
   * A statement read straight from the store: the SQL Calcite sends the store for it, the store's data source, and
   * the result's columns as the driver described them on its first run (names, types, origins).
   */
  record Read(String storeSql, DataSource dataSource, ResultSetMetaData columns) {
    Read {
      Objects.requireNonNull(storeSql, "storeSql");
      Objects.requireNonNull(dataSource, "dataSource");
      Objects.requireNonNull(columns, "columns");
    }
  }

  /** The read kept for {@code key}, if its statement was found to be one store query. */
  Optional<Read> find(Key key) {
    return used ? Optional.ofNullable(reads.find(key)) : Optional.empty();
  }

  /** Keeps {@code read} for {@code key}. */
  void keep(Key key, Read read) {
    reads.put(key, read);
  }

  /** Forgets {@code key}'s read, after it failed: the statement goes through the driver again. */
  void forget(Key key) {
    reads.remove(key);
  }

  /** A run read straight from the store was started. */
  static void counted() {
    READ.incrementAndGet();
  }

  /** How many runs this JVM's sessions started straight on the store. */
  static long read() {
    return READ.get();
  }

  /**
   * Whether each column of a result, as {@link Result#columns} typed it, is one whose value the port encodes from
   * the store's row exactly as from the driver's: the type sent and the driver's JDBC type agree, and are a boolean,
   * an integer, a floating-point number, a decimal, a string (not CHAR, whose padding the driver handles), a date, a
   * timestamp, or a timestamptz (held as a timestamp, sent with the session's offset).
   */
  static boolean encodable(ResultSetMetaData md, List<Column> columns) throws SQLException {
    if (md.getColumnCount() != columns.size() || columns.isEmpty()) {
      return false;
    }
    for (int i = 0; i < columns.size(); i++) {
      int jdbc = md.getColumnType(i + 1);
      boolean agree = switch (columns.get(i).type()) {
        case BOOL -> jdbc == Types.BOOLEAN;
        case INT2 -> jdbc == Types.SMALLINT;
        case INT4 -> jdbc == Types.INTEGER;
        case INT8 -> jdbc == Types.BIGINT;
        case FLOAT4 -> jdbc == Types.REAL;
        case FLOAT8 -> jdbc == Types.DOUBLE || jdbc == Types.FLOAT;
        case NUMERIC -> jdbc == Types.DECIMAL;
        case VARCHAR, TEXT -> jdbc == Types.VARCHAR;
        // Calcite's own DATE and TIMESTAMP, which its JDBC adapter reads as StoreDateTimes does (not a timestamptz)
        case DATE -> jdbc == Types.DATE && "DATE".equals(md.getColumnTypeName(i + 1));
        case TIMESTAMP -> jdbc == Types.TIMESTAMP && "TIMESTAMP".equals(md.getColumnTypeName(i + 1));
        // a timestamptz, which Calcite holds as a TIMESTAMP (the session's local time) and the driver names so
        case TIMESTAMPTZ -> jdbc == Types.TIMESTAMP && PgType.TIMESTAMPTZ_NAME.equals(md.getColumnTypeName(i + 1));
        default -> false;
      };
      if (!agree) {
        return false;
      }
    }
    return true;
  }

  /**
   * What the driver planned while one statement ran on this thread: the plans it was about to implement and the SQL it
   * wrote for the store. Nothing when the driver answered from a plan it kept.
   */
  static final class Planning implements AutoCloseable {
    private final List<RelRoot> roots = new ArrayList<>();
    private final List<String> storeSql = new ArrayList<>();
    private final Hook.Closeable planned;
    private final Hook.Closeable written;

    Planning() {
      planned = Hook.PLAN_BEFORE_IMPLEMENTATION.addThread((RelRoot root) -> roots.add(root));
      written = Hook.QUERY_PLAN.addThread((Object plan) -> {
        if (plan instanceof String sql) {
          storeSql.add(sql);
        }
      });
    }

    /**
     * The statement's store query and data source when the driver planned it, here, as one query of the store
     * returning its columns as they are; empty otherwise. The store's SQL must have no parameters ({@code ?}), since
     * the port sends statements with their values bound.
     */
    Optional<Read> storeQuery(ResultSetMetaData md) {
      if (roots.size() != 1 || storeSql.size() != 1 || storeSql.get(0).indexOf('?') >= 0) {
        return Optional.empty();
      }
      RelRoot root = roots.get(0);
      if (!root.isRefTrivial() || !(root.rel instanceof JdbcToEnumerableConverter converter)) {
        return Optional.empty();
      }
      return scan(converter.getInput())
          .map(scan -> new Read(storeSql.get(0), scan.jdbcTable.jdbcSchema.getDataSource(), md));
    }

    /** A scan of a store table under {@code rel}: the store schema it reads, whose data source runs the query. */
    private static Optional<JdbcTableScan> scan(RelNode rel) {
      if (rel instanceof JdbcTableScan scan) {
        return Optional.of(scan);
      }
      for (RelNode input : rel.getInputs()) {
        Optional<JdbcTableScan> found = scan(input);
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.empty();
    }

    @Override
    public void close() {
      try (written) {
        planned.close();
      }
    }
  }
}
