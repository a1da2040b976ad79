package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.PostgresCluster;

/**
 * Statements planned as one store query, read straight from the store from their second run on, through pgJDBC and
 * the port on a PostgreSQL store and on a DuckDB store: the same columns, types, values, NULLs and decimal scales as
 * the driver gave on the first run, in text and in binary; a change of the store's data read on the next run; other
 * results left to the driver; what a user may read decided as before.
 */
@ExtendWith(IsolatedHome.class)
class StoreReadsTest {
  @RegisterExtension
  static final PostgresCluster postgres = PostgresCluster.trust();
  @TempDir
  Path temp;
  private TestServer server;
  /** The PostgreSQL store's database, once {@link #postgresStore} made it. */
  private String database;

  /** Every type read straight, NULLs among them, negative numbers, decimals of several scales, and text beyond ASCII. */
  private static final List<String> READ_STRAIGHT = List.of(
      "SELECT id, name, amount, CAST(id AS SMALLINT) AS small, CAST(id AS BIGINT) AS big, CAST(amount AS DOUBLE) AS f,"
          + " CAST(amount AS REAL) AS r, amount * 3 AS triple, CAST(amount AS DECIMAL(12, 4)) AS wide, id > 1 AS flag"
          + " FROM exports.notes ORDER BY id",
      "SELECT name, SUM(amount) AS total, COUNT(*) AS n, MIN(amount) AS low FROM exports.notes GROUP BY name ORDER BY name",
      "SELECT id, amount FROM exports.notes WHERE amount < 0 OR name IS NULL ORDER BY id");

  /** Dates and timestamps read straight, as they are, grouped by month and filtered. */
  private static final List<String> DATES_READ_STRAIGHT = List.of(
      "SELECT id, booked_on, booked_at FROM exports.moments ORDER BY id",
      "SELECT date_trunc('month', booked_on) AS month_start, COUNT(*) AS n FROM exports.moments"
          + " GROUP BY date_trunc('month', booked_on) ORDER BY 1",
      "SELECT MIN(booked_at) AS first_at, MAX(booked_on) AS last_day FROM exports.moments"
          + " WHERE booked_on < DATE '2000-01-01'");

  /**
   * Timestamptz columns computed in the store (a timestamp read in a named zone, truncated, the earliest of them):
   * held as the session's local time and sent with its offset, fractions and NULLs among them; of the years pgJDBC
   * reads a timestamptz's text in (not before standard time, nor after 9999 in the session's zone).
   */
  private static final String READABLE = " (booked_on BETWEEN DATE '1950-01-01' AND DATE '2100-01-01' OR booked_on IS NULL)";
  private static final List<String> TIMESTAMPTZ_READ_STRAIGHT = List.of(
      "SELECT id, booked_at AT TIME ZONE 'UTC' AS instant, booked_at AT TIME ZONE 'America/New_York' AS in_new_york"
          + " FROM exports.moments WHERE" + READABLE + " ORDER BY id",
      "SELECT date_trunc('day', booked_at AT TIME ZONE 'Asia/Kolkata') AS day_start, COUNT(*) AS n FROM exports.moments"
          + " WHERE" + READABLE + " GROUP BY date_trunc('day', booked_at AT TIME ZONE 'Asia/Kolkata') ORDER BY 1",
      "SELECT MIN(booked_at AT TIME ZONE 'Europe/Berlin') AS first_at FROM exports.moments WHERE" + READABLE);

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private Path exports() throws Exception {
    Path folder = Files.createDirectories(temp.resolve("exports"));
    Files.writeString(folder.resolve("notes.csv"), """
        id,name,amount,booked
        1,Zürich café,2.50,2025-01-15
        2,,-3.125,2025-02-01
        3,plain,0,2025-03-31
        4,plain,1234567.000001,2025-12-31
        """);
    // before 1970 and the Gregorian calendar's start (a day that exists only in the Gregorian calendar among them), far
    // ahead, fractions of a second finer than a millisecond, Europe/Berlin's spring gap and America/New_York's autumn
    // overlap, and NULLs
    Files.writeString(folder.resolve("moments.csv"), """
        id,booked_on,booked_at
        1,2025-01-15,2025-01-15 10:15:30
        2,1969-12-31,1969-12-31 23:59:59.5
        3,1900-01-01,1900-01-01 00:00:00
        4,1582-10-04,1582-10-04 12:00:00
        5,1500-03-01,1500-03-01 06:07:08
        6,9999-12-31,9999-12-31 23:59:59.999
        7,2024-03-31,2024-03-31 02:30:00
        8,2024-11-03,2024-11-03 01:30:00
        9,2038-01-19,2038-01-19 03:14:08.123456
        10,,
        11,1000-02-28,1000-02-28 23:59:59
        12,1582-10-10,1582-10-10 00:00:00.25
        13,0001-01-01,0001-01-01 00:00:00
        """);
    return folder;
  }

  /** A PostgreSQL store over the notes, in a database of its own. */
  private String postgresStore() throws Exception {
    return postgresStore(null);
  }

  /** {@link #postgresStore()} with {@code pool} read sessions (the default where null). */
  private String postgresStore(Integer pool) throws Exception {
    database = "straight_" + Math.abs(temp.hashCode());
    try (Connection c = postgres.connection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
    Path model = Files.writeString(temp.resolve("model.json"), """
        {"version": "1.0", "defaultSchema": "marketing", "schemas": [{"name": "marketing", "type": "custom",
         "factory": "org.marketingsql.schema.MarketingSchemaFactory",
         "operand": {"store": {"url": "%s", "user": "%s"%s},
           "sources": [{"name": "exports", "type": "csv-folder", "path": "%s"}]}}]}
        """.formatted(postgres.url(database), postgres.user(), pool == null ? "" : ", \"pool\": " + pool,
        exports().toString().replace("\\", "/")));
    return "jdbc:marketing:model=" + model;
  }

  private Connection connect(String user, String password, boolean binary) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", password);
    p.setProperty("sslmode", "disable");
    p.setProperty("socketTimeout", "120"); // a read that is never canceled fails the test instead of holding it
    // binary: every statement prepared at once, its results in binary where pgJDBC reads binary; else simple queries
    p.setProperty("preferQueryMode", binary ? "extended" : "simple");
    p.setProperty("prepareThreshold", binary ? "-1" : "5");
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/marketing", p);
  }

  /** The result's column names and types, then every row's values as text and as the objects pgJDBC reads. */
  private static List<String> answer(Connection c, String sql) throws SQLException {
    List<String> seen = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        seen.add(md.getColumnLabel(i) + " " + md.getColumnTypeName(i) + " " + md.getScale(i));
      }
      while (rs.next()) {
        for (int i = 1; i <= md.getColumnCount(); i++) {
          Object value = rs.getObject(i);
          seen.add(rs.getString(i) + " | " + (value == null ? "null" : value.getClass().getSimpleName() + " " + value)
              + " | " + java.util.HexFormat.of().formatHex(rs.getBytes(i) == null ? new byte[0] : rs.getBytes(i)));
        }
      }
    }
    return seen;
  }

  /** Runs each statement five times on one session: the first through the driver, the others read straight. */
  private void answersAreTheDriversFromTheSecondRunOn(boolean binary) throws Exception {
    answersAreTheDriversFromTheSecondRunOn(binary, READ_STRAIGHT, null);
  }

  /**
   * {@link #answersAreTheDriversFromTheSecondRunOn(boolean)} of {@code statements}, in a session whose TimeZone is
   * {@code zone} (the server's when null); the answers compared include each value's bytes as the port sent them.
   */
  private void answersAreTheDriversFromTheSecondRunOn(boolean binary, List<String> statements, String zone)
      throws Exception {
    try (Connection c = connect(TestServer.USER, TestServer.PASSWORD, binary)) {
      if (zone != null) {
        try (Statement s = c.createStatement()) {
          s.execute("SET TimeZone = '" + zone + "'");
        }
      }
      for (String sql : statements) {
        List<String> first = answer(c, sql);
        long before = StoreReads.read();
        for (int run = 2; run <= 5; run++) {
          assertEquals(first, answer(c, sql), "run " + run + " of " + sql);
        }
        assertEquals(4, StoreReads.read() - before, "runs 2 to 5 read straight from the store: " + sql);
      }
    }
  }

  @Test
  void onAPostgresqlStoreEveryRunAfterTheFirstGivesTheDriversAnswerInTextAndInBinary() throws Exception {
    server = TestServer.over(postgresStore(), temp, TestServer.ALICE);
    answersAreTheDriversFromTheSecondRunOn(false);
    answersAreTheDriversFromTheSecondRunOn(true);
  }

  @Test
  void onADuckDbStoreEveryRunAfterTheFirstGivesTheDriversAnswerInTextAndInBinary() throws Exception {
    server = TestServer.over("jdbc:marketing:csv=" + exports(), temp, TestServer.ALICE);
    answersAreTheDriversFromTheSecondRunOn(false);
    answersAreTheDriversFromTheSecondRunOn(true);
  }

  /** The dates' statements in text and binary, in the server's zone and after a session's SET TimeZone. */
  private void datesAreTheDriversFromTheSecondRunOn() throws Exception {
    for (String zone : new String[] {null, "Europe/Berlin", "America/New_York", "Pacific/Kiritimati"}) {
      answersAreTheDriversFromTheSecondRunOn(false, DATES_READ_STRAIGHT, zone);
      answersAreTheDriversFromTheSecondRunOn(true, DATES_READ_STRAIGHT, zone);
    }
  }

  @Test
  void onAPostgresqlStoreDatesAndTimestampsFromTheSecondRunOnAreTheDriversBytesInEveryZone() throws Exception {
    server = TestServer.over(postgresStore(), temp, TestServer.ALICE);
    datesAreTheDriversFromTheSecondRunOn();
  }

  @Test
  void onADuckDbStoreDatesAndTimestampsFromTheSecondRunOnAreTheDriversBytesInEveryZone() throws Exception {
    server = TestServer.over("jdbc:marketing:csv=" + exports(), temp, TestServer.ALICE);
    datesAreTheDriversFromTheSecondRunOn();
    try (Connection c = connect(TestServer.USER, TestServer.PASSWORD, false)) {
      List<String> seen = answer(c, DATES_READ_STRAIGHT.get(0));
      assertEquals(List.of("id int8 0", "booked_on date 0", "booked_at timestamp 6"), seen.subList(0, 3), "the columns' types");
      // the driver's (and so the port's) text of a timestamp before the Gregorian calendar, and of a finer fraction
      assertTrue(seen.get(14).startsWith("1582-10-04 12:00:00 | "), seen.get(14));
      assertTrue(seen.get(29).startsWith("2038-01-19 03:14:08.123 | "), seen.get(29));
    }
  }

  /**
   * The old days and the far one of the moments, read through the port on its second run (straight from the store) in
   * text and in binary, against the same rows in a table of PostgreSQL 15's own: the same text, objects and bytes.
   */
  private void oldDaysAreThoseOfPostgresql() throws Exception {
    String rows = " moments WHERE id IN (3, 4, 5, 6, 11, 12, 13) ORDER BY id";
    String sql = "SELECT id, booked_on, booked_at FROM exports." + rows;
    String reference = "moments_" + Math.abs(temp.hashCode());
    try (Connection c = postgres.connection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + reference);
    }
    try (Connection c = DriverManager.getConnection(postgres.url(reference), postgres.user(), "");
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE moments (id bigint, booked_on date, booked_at timestamp)");
      for (String line : Files.readAllLines(exports().resolve("moments.csv")).subList(1, 14)) {
        String[] v = line.split(",", -1);
        s.execute("INSERT INTO moments VALUES (" + v[0] + ", " + (v[1].isEmpty() ? "NULL" : "'" + v[1] + "'") + ", "
            + (v[2].isEmpty() ? "NULL" : "'" + v[2] + "'") + ")");
      }
    }
    for (boolean binary : new boolean[] {false, true}) {
      answersAreTheDriversFromTheSecondRunOn(binary, List.of(sql), null);
      Properties p = new Properties();
      p.setProperty("user", postgres.user());
      p.setProperty("preferQueryMode", binary ? "extended" : "simple");
      p.setProperty("prepareThreshold", binary ? "-1" : "5");
      try (Connection port = connect(TestServer.USER, TestServer.PASSWORD, binary);
          Connection pg = DriverManager.getConnection(postgres.url(reference), p)) {
        List<String> seen = answer(port, sql);
        assertEquals(answer(pg, "SELECT id, booked_on, booked_at FROM" + rows), seen, "binary " + binary);
        assertTrue(seen.get(16).startsWith("1000-02-28 | "), seen.get(16));
        assertTrue(seen.get(20).startsWith("1582-10-10 00:00:00.25 | "), seen.get(20));
      }
    }
  }

  @Test
  void onAPostgresqlStoreOldDaysReadStraightAreThoseOfPostgresqlInTextAndBinary() throws Exception {
    server = TestServer.over(postgresStore(), temp, TestServer.ALICE);
    oldDaysAreThoseOfPostgresql();
  }

  @Test
  void onADuckDbStoreOldDaysReadStraightAreThoseOfPostgresqlInTextAndBinary() throws Exception {
    server = TestServer.over("jdbc:marketing:csv=" + exports(), temp, TestServer.ALICE);
    oldDaysAreThoseOfPostgresql();
  }

  /** The timestamptz statements in text and binary, in the server's zone and after a session's SET TimeZone. */
  private void timestamptzAreTheDriversFromTheSecondRunOn() throws Exception {
    for (String zone : new String[] {null, "Asia/Kolkata", "Europe/Berlin", "America/New_York", "Pacific/Kiritimati"}) {
      answersAreTheDriversFromTheSecondRunOn(false, TIMESTAMPTZ_READ_STRAIGHT, zone);
      answersAreTheDriversFromTheSecondRunOn(true, TIMESTAMPTZ_READ_STRAIGHT, zone);
    }
    for (boolean binary : new boolean[] {false, true}) {
      try (Connection c = connect(TestServer.USER, TestServer.PASSWORD, binary); Statement s = c.createStatement()) {
        String sql = TIMESTAMPTZ_READ_STRAIGHT.get(0);
        s.execute("SET TIME ZONE 'UTC'");
        List<String> inUtc = answer(c, sql);
        assertEquals(List.of("id int8 0", "instant timestamptz 6", "in_new_york timestamptz 6"), inUtc.subList(0, 3),
            "the columns' types");
        assertTrue(inUtc.get(4).startsWith("2025-01-15 10:15:30+00 | "), inUtc.get(4));
        s.execute("SET TIME ZONE 'Asia/Kolkata'");
        List<String> inKolkata = answer(c, sql);
        assertTrue(inKolkata.get(4).startsWith("2025-01-15 15:45:30+05:30 | "), inKolkata.get(4));
        long before = StoreReads.read();
        assertEquals(inKolkata, answer(c, sql), "the second run in Asia/Kolkata");
        s.execute("SET TIME ZONE 'UTC'");
        assertEquals(inUtc, answer(c, sql), "back in UTC");
        s.execute("SET TIME ZONE 'Asia/Kolkata'");
        assertEquals(inKolkata, answer(c, sql), "in Asia/Kolkata again");
        assertEquals(3, StoreReads.read() - before, "each zone's runs after its first read straight from the store");
      }
    }
  }

  @Test
  void onAPostgresqlStoreTimestamptzColumnsFromTheSecondRunOnAreTheDriversBytesInEveryZone() throws Exception {
    server = TestServer.over(postgresStore(), temp, TestServer.ALICE);
    timestamptzAreTheDriversFromTheSecondRunOn();
  }

  @Test
  void onADuckDbStoreTimestamptzColumnsFromTheSecondRunOnAreTheDriversBytesInEveryZone() throws Exception {
    server = TestServer.over("jdbc:marketing:csv=" + exports(), temp, TestServer.ALICE);
    timestamptzAreTheDriversFromTheSecondRunOn();
  }

  @Test
  void aChangeOfTheStoresRowsIsReadByTheNextRun() throws Exception {
    server = TestServer.over(postgresStore(), temp, TestServer.ALICE);
    String sql = "SELECT SUM(amount) AS total FROM exports.notes";
    try (Connection c = connect(TestServer.USER, TestServer.PASSWORD, true)) {
      List<String> before = answer(c, sql);
      assertEquals(before, answer(c, sql));
      long read = StoreReads.read();
      String table;
      try (Connection store = DriverManager.getConnection(postgres.url(database), postgres.user(), "");
          Statement s = store.createStatement()) {
        try (ResultSet rs = s.executeQuery("SELECT quote_ident(table_schema) || '.' || quote_ident(table_name)"
            + " FROM information_schema.columns WHERE column_name = 'amount' AND table_name LIKE '%notes%'"
            + " AND table_schema NOT LIKE '%marketing%' LIMIT 1")) {
          assertTrue(rs.next(), "the store holds the notes");
          table = rs.getString(1);
        }
        s.executeUpdate("UPDATE " + table + " SET amount = amount + 100 WHERE id = 1");
      }
      List<String> after = answer(c, sql);
      assertNotEquals(before, after);
      assertEquals("1234666.375001 | BigDecimal 1234666.375001 | 0004000100000006007b123a0ea60064", after.get(1));
      assertEquals(1, StoreReads.read() - read, "the run after the change read straight from the store");
    }
  }

  @Test
  void resultsWithATimeColumnGoThroughTheDriverAsBefore() throws Exception {
    server = TestServer.over("jdbc:marketing:csv=" + exports(), temp, TestServer.ALICE);
    try (Connection c = connect(TestServer.USER, TestServer.PASSWORD, true)) {
      String sql = "SELECT id, CAST('10:15:00' AS TIME) AS t FROM exports.notes ORDER BY id";
      List<String> first = answer(c, sql);
      long before = StoreReads.read();
      assertEquals(first, answer(c, sql));
      assertEquals(first, answer(c, sql));
      assertEquals(0, StoreReads.read() - before, "a TIME column is read through the driver");
      assertTrue(first.get(3).startsWith("10:15:00 | Time 10:15:00 | "), first.get(3));
    }
  }

  /** 5,000 rows joined to themselves twice on one of 7 values, which the store does not finish within the test. */
  private static final String ENDLESS = "SELECT COUNT(*) AS n FROM exports.big a JOIN exports.big b ON a.amount = b.amount"
      + " JOIN exports.big c ON b.amount = c.amount";

  private void bigTable() throws Exception {
    StringBuilder rows = new StringBuilder("id,amount\n");
    for (int i = 0; i < 5_000; i++) {
      rows.append(i).append(',').append(i % 7).append(".25\n");
    }
    Files.writeString(Files.createDirectories(temp.resolve("exports")).resolve("big.csv"), rows);
  }

  @Test
  void aCanceledStraightReadEndsWithQueryCanceledAndIsNotRunAgain() throws Exception {
    bigTable();
    server = TestServer.over(postgresStore(), temp, TestServer.ALICE);
    try (Connection c = connect(TestServer.USER, TestServer.PASSWORD, true);
        java.sql.PreparedStatement ps = c.prepareStatement(ENDLESS);
        Connection store = DriverManager.getConnection(postgres.url(database), postgres.user(), "");
        java.sql.PreparedStatement running = store.prepareStatement("SELECT count(*) FROM pg_stat_activity"
            + " WHERE datname = current_database() AND state = 'active' AND query LIKE '%JOIN%'"
            + " AND pid <> pg_backend_pid()")) {
      long before = StoreReads.read();
      Thread canceler = new Thread(() -> {
        try {
          // once the store runs it: a cancel while the port still plans is not this test's matter
          for (int tries = 0; tries < 600; tries++) {
            try (ResultSet rs = running.executeQuery()) {
              if (rs.next() && rs.getInt(1) > 0) {
                break;
              }
            }
            Thread.sleep(100);
          }
          ps.cancel();
        } catch (InterruptedException | SQLException e) {
          Thread.currentThread().interrupt();
        }
      });
      canceler.start();
      SQLException canceled = assertThrows(SQLException.class, () -> ps.executeQuery().close());
      canceler.join();
      assertEquals("57014", canceled.getSQLState(), canceled.getMessage());
      assertEquals(1, StoreReads.read() - before, "the endless read was read straight");
      try (ResultSet rs = running.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(0, rs.getInt(1), "nothing runs the read again");
      }
      assertEquals(List.of("n int8 0", "4 | Long 4 | 0000000000000004"), answer(c, "SELECT COUNT(*) AS n FROM exports.notes"));
    }
  }

  @Test
  void aCancelOfAStraightReadWaitingForTheStoresOneReadSessionEndsItsWaitAtOnce() throws Exception {
    bigTable();
    server = TestServer.over(postgresStore(1), temp, TestServer.ALICE);
    String cheap = "SELECT COUNT(*) AS n FROM exports.notes";
    try (Connection holder = connect(TestServer.USER, TestServer.PASSWORD, true);
        Connection waiter = connect(TestServer.USER, TestServer.PASSWORD, true);
        java.sql.PreparedStatement endless = holder.prepareStatement(ENDLESS);
        java.sql.PreparedStatement waiting = waiter.prepareStatement(cheap);
        Connection store = DriverManager.getConnection(postgres.url(database), postgres.user(), "");
        java.sql.PreparedStatement running = store.prepareStatement("SELECT count(*) FROM pg_stat_activity"
            + " WHERE datname = current_database() AND state = 'active' AND query LIKE '%JOIN%'"
            + " AND pid <> pg_backend_pid()")) {
      answer(waiter, cheap);
      answer(waiter, cheap);
      java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
      try {
        java.util.concurrent.Future<SQLException> held = threads.submit(() -> failure(endless));
        // the endless read holds the one read session once PostgreSQL runs it
        for (int tries = 0; tries < 600 && !active(running); tries++) {
          Thread.sleep(100);
        }
        assertTrue(active(running), "the endless read runs");
        long before = StoreReads.read();
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        threads.submit(() -> {
          // repeated: a cancel that comes before the read waits for the session is ignored, as PostgreSQL ignores one
          while (!done.get()) {
            Thread.sleep(300);
            waiting.cancel();
          }
          return null;
        });
        long started = System.nanoTime();
        SQLException canceled = failure(waiting);
        done.set(true);
        assertEquals("57014", canceled.getSQLState(), canceled.getMessage());
        assertTrue(java.time.Duration.ofNanos(System.nanoTime() - started).toSeconds() < 15,
            "the wait ends before the pool's wait of 20 s");
        assertEquals(0, StoreReads.read() - before, "the read never got the session");
        endless.cancel();
        assertEquals("57014", held.get(60, java.util.concurrent.TimeUnit.SECONDS).getSQLState());
      } finally {
        threads.shutdownNow();
      }
      assertEquals(List.of("n int8 0", "4 | Long 4 | 0000000000000004"), answer(waiter, cheap), "the session is free again");
    }
  }

  /** What running {@code statement} failed with; the test fails when it succeeds. */
  private static SQLException failure(java.sql.PreparedStatement statement) {
    return assertThrows(SQLException.class, () -> statement.executeQuery().close());
  }

  private static boolean active(java.sql.PreparedStatement running) throws SQLException {
    try (ResultSet rs = running.executeQuery()) {
      return rs.next() && rs.getInt(1) > 0;
    }
  }

  @Test
  void aUserWhoReadsOnlyFinanceIsRefusedTheStatementAnotherSessionReadsStraight() throws Exception {
    server = TestServer.over("jdbc:marketing:csv=" + exports(), temp, TestServer.ALICE, TestServer.FIN);
    String sql = READ_STRAIGHT.get(1);
    try (Connection alice = connect(TestServer.USER, TestServer.PASSWORD, true);
        Connection fin = connect("fin", "f1n", true)) {
      answer(alice, sql);
      answer(alice, sql);
      for (int run = 1; run <= 3; run++) {
        SQLException refused = assertThrows(SQLException.class, () -> answer(fin, sql));
        assertEquals("42501", refused.getSQLState(), refused.getMessage());
      }
    }
  }

  @Test
  void aStraightReadHandsItsStoreSessionBackBeforeItsRowsAreSent() throws Exception {
    // one read session: while a client has not fetched a straight read's rows, another session reads on it
    server = TestServer.over(postgresStore(1), temp, TestServer.ALICE);
    String sql = "SELECT id, name FROM exports.notes ORDER BY id";
    try (Connection slow = connect(TestServer.USER, TestServer.PASSWORD, true);
        Connection other = connect(TestServer.USER, TestServer.PASSWORD, true)) {
      List<String> whole = answer(slow, sql);
      answer(slow, sql);
      slow.setAutoCommit(false); // pgJDBC fetches a row at a time only in a transaction
      try (java.sql.PreparedStatement ps = slow.prepareStatement(sql)) {
        ps.setFetchSize(1);
        long before = StoreReads.read();
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(1, StoreReads.read() - before, "the suspended read is read straight");
          java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
          try {
            // without the hand-back this waits for the read session until the pool's wait ends, and fails
            java.util.concurrent.Future<List<String>> read = pool.submit(
                () -> answer(other, "SELECT COUNT(*) AS n FROM exports.notes"));
            assertEquals(List.of("n int8 0", "4 | Long 4 | 0000000000000004"),
                read.get(10, java.util.concurrent.TimeUnit.SECONDS));
          } finally {
            pool.shutdownNow();
          }
          List<Integer> ids = new ArrayList<>(List.of(rs.getInt(1)));
          while (rs.next()) {
            ids.add(rs.getInt(1));
          }
          assertEquals(List.of(1, 2, 3, 4), ids, "the suspended read's rows, sent after the other session read");
        }
      }
      slow.commit();
      slow.setAutoCommit(true);
      assertEquals(whole, answer(slow, sql), "the same answer once more, read ahead of sending");
    }
  }
}
