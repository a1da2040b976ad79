package org.marketingsql.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.config.Secret;
import org.marketingsql.config.StoreLogin;
import org.marketingsql.testing.PostgresCluster;

/**
 * The read sessions of a PostgreSQL store keep the statements they run prepared on the server (pgJDBC's
 * {@code preferQueryMode=extendedCacheEverything}), and a publication that changes the columns of a table or
 * a view those statements read fails none of them: PostgreSQL refuses the stale plan ("cached plan must not
 * change result type", 0A000) and pgJDBC prepares the statement again and runs it once more, as the read
 * sessions read outside transactions.
 */
class PreparedReadsAcrossPublicationsTest {
  @RegisterExtension
  static final PostgresCluster postgres = PostgresCluster.withPassword();
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static final int ROWS = 20;
  private Store store;

  private Store newStore() throws SQLException {
    String database = "prepared_" + DATABASES.incrementAndGet();
    try (Connection c = postgres.connection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
    store = Store.open(postgres.url(database),
        new StoreLogin(postgres.user(), Secret.of("${env:MARKETING_PG_PASSWORD}", postgres.password())));
    publish(store, 0);
    return store;
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  /**
   * Publishes generation {@code g}: a table whose id and amount change type and which gains or loses a column
   * with each generation, a view over it whose columns change with it, and a table swapped in by renaming;
   * every amount of generation g is g.
   */
  private static void publish(Store store, int g) {
    boolean odd = g % 2 == 1;
    store.publish("publishing generation " + g, () -> store.write("generation " + g, h -> {
      h.execute("DROP VIEW IF EXISTS \"_marketing\".\"facts_view\"");
      h.execute("DROP TABLE IF EXISTS \"_marketing\".\"facts\"");
      h.execute(odd
          ? "CREATE TABLE \"_marketing\".\"facts\" (\"id\" BIGINT, \"amount\" DECIMAL(18,6), \"note\" TEXT)"
          : "CREATE TABLE \"_marketing\".\"facts\" (\"id\" INTEGER, \"amount\" DECIMAL(18,2))");
      h.execute("INSERT INTO \"_marketing\".\"facts\" (\"id\", \"amount\") SELECT i, " + g
          + " FROM generate_series(1, " + ROWS + ") AS i");
      h.execute("CREATE VIEW \"_marketing\".\"facts_view\" AS SELECT \"id\", \"amount\""
          + (odd ? ", \"note\", \"amount\" * 2 AS \"doubled\"" : "") + " FROM \"_marketing\".\"facts\"");
      h.execute("DROP TABLE IF EXISTS \"_marketing\".\"swapped_next\"");
      h.execute(odd
          ? "CREATE TABLE \"_marketing\".\"swapped_next\" (\"amount\" DECIMAL(18,2), \"day\" DATE)"
          : "CREATE TABLE \"_marketing\".\"swapped_next\" (\"amount\" DOUBLE PRECISION)");
      h.execute("INSERT INTO \"_marketing\".\"swapped_next\" (\"amount\") VALUES (" + g + ")");
      h.execute("DROP TABLE IF EXISTS \"_marketing\".\"swapped\"");
      h.execute("ALTER TABLE \"_marketing\".\"swapped_next\" RENAME TO \"swapped\"");
      return null;
    }));
  }

  /** One statement as Calcite's JDBC adapter runs it: a read connection, a plain statement, closed after. */
  private static List<List<Object>> rows(Store store, String sql) throws SQLException {
    try (Connection c = store.dataSource().getConnection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      List<List<Object>> rows = new ArrayList<>();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }

  /** The one amount every row holds: all rows of a result come from one generation. */
  private static int generationOf(List<List<Object>> rows, int amountColumn, String sql) {
    Set<BigDecimal> amounts = ConcurrentHashMap.newKeySet();
    for (List<Object> row : rows) {
      Object amount = row.get(amountColumn);
      amounts.add(amount instanceof Double d ? BigDecimal.valueOf(d) : (BigDecimal) amount);
    }
    assertEquals(1, amounts.size(), sql + " mixed generations: " + amounts);
    return amounts.iterator().next().intValueExact();
  }

  @Test
  void sessionsRepeatingTheirStatementsWhileRefreshesChangeTheColumnsTheyReadNeverFailAndSeeOneGenerationEach()
      throws Exception {
    Store opened = newStore();
    String byColumns = "SELECT \"id\", \"amount\" FROM \"_marketing\".\"facts\" ORDER BY \"id\"";
    String everything = "SELECT * FROM \"_marketing\".\"facts_view\" ORDER BY \"id\"";
    String swapped = "SELECT \"amount\" FROM \"_marketing\".\"swapped\"";
    String sum = "SELECT SUM(\"amount\") AS \"total\", COUNT(*) AS \"n\" FROM \"_marketing\".\"facts\"";
    int readers = 8;
    AtomicBoolean publishing = new AtomicBoolean(true);
    AtomicLong statements = new AtomicLong();
    Set<Integer> generationsSeen = ConcurrentHashMap.newKeySet();
    Set<Integer> widthsSeen = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(readers);
    List<Future<?>> reads = new ArrayList<>();
    try {
      for (int r = 0; r < readers; r++) {
        reads.add(pool.submit(() -> {
          while (publishing.get()) {
            List<List<Object>> facts = rows(opened, byColumns);
            assertEquals(ROWS, facts.size(), byColumns);
            generationsSeen.add(generationOf(facts, 1, byColumns));
            List<List<Object>> view = rows(opened, everything);
            assertEquals(ROWS, view.size(), everything);
            int width = view.get(0).size();
            int generation = generationOf(view, 1, everything);
            assertEquals(generation % 2 == 1 ? 4 : 2, width, everything + " of generation " + generation);
            widthsSeen.add(width);
            generationOf(rows(opened, swapped), 0, swapped);
            List<Object> total = rows(opened, sum).get(0);
            assertEquals(0, ((BigDecimal) total.get(0)).remainder(BigDecimal.valueOf(ROWS)).signum(), sum);
            statements.addAndGet(4);
          }
          return null;
        }));
      }
      for (int g = 1; g <= 12; g++) {
        Thread.sleep(150); // the readers run their statements often enough to have them prepared
        publish(opened, g);
      }
      Thread.sleep(300);
    } finally {
      publishing.set(false);
      pool.shutdown();
    }
    for (Future<?> read : reads) {
      read.get(60, TimeUnit.SECONDS); // a failed statement or a wrong result fails here
    }
    assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
    assertTrue(generationsSeen.size() > 2, "readers saw generations " + generationsSeen);
    assertEquals(Set.of(2, 4), widthsSeen, "the view's columns as each generation published them");
    assertTrue(statements.get() > 100, statements + " statements");
  }

  @Test
  void aReadSessionKeepsTheStatementsItRunsOftenPreparedOnTheServer() throws Exception {
    Store opened = newStore();
    String sql = "SELECT \"id\", \"amount\" FROM \"_marketing\".\"facts\" WHERE \"id\" = 3";
    try (Connection c = opened.dataSource().getConnection()) {
      for (int i = 0; i < 6; i++) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
          assertTrue(rs.next());
          assertEquals(3, rs.getInt(1));
        }
      }
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM pg_prepared_statements WHERE statement = '"
              + sql.replace("'", "''") + "'")) {
        assertTrue(rs.next());
        assertEquals(1, rs.getInt(1), "the statement run six times is prepared on the server once");
      }
    }
  }

  @Test
  void aStatementPreparedOnTheServerReadsEveryTypeAsItsFirstRunsDid() throws Exception {
    Store opened = newStore();
    String sql = "SELECT DATE '2025-03-30' AS d, TIMESTAMP '2025-03-30 02:30:00.123456' AS ts,"
        + " TIMESTAMPTZ '2025-10-26 01:30:00+00' AS tz, CAST(1234567.891234 AS DECIMAL(18,6)) AS money,"
        + " CAST(-0.5 AS NUMERIC) AS bare, CAST(2.5 AS DOUBLE PRECISION) AS f, CAST(9007199254740993 AS BIGINT) AS big,"
        + " CAST(7 AS SMALLINT) AS small, TRUE AS yes, 'text' AS t, CAST(NULL AS DATE) AS nothing,"
        + " DATE '1899-12-31' AS old, TIME '23:59:59.5' AS tm";
    List<String> first = null;
    try (Connection c = opened.dataSource().getConnection()) {
      for (int run = 1; run <= 8; run++) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
          assertTrue(rs.next());
          List<String> values = new ArrayList<>();
          for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            values.add(rs.getMetaData().getColumnTypeName(i) + " " + rs.getObject(i) + " " + rs.getString(i));
          }
          values.add(String.valueOf(rs.getDate(1)));
          values.add(String.valueOf(rs.getTimestamp(2)));
          values.add(String.valueOf(rs.getTimestamp(3)));
          values.add(String.valueOf(rs.getBigDecimal(4)));
          values.add(String.valueOf(rs.getDate(12)));
          values.add(String.valueOf(rs.getTime(13)));
          if (first == null) {
            first = values;
          } else {
            assertEquals(first, values, "run " + run);
          }
        }
      }
    }
  }
}
