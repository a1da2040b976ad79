package org.marketingsql.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.config.Secret;
import org.marketingsql.config.StoreLogin;
import org.marketingsql.testing.PostgresCluster;

/** The store on a PostgreSQL server: login, bulk loads by COPY, lock conflicts, and readers that never wait. */
class PostgresStoreTest {
  @RegisterExtension
  static final PostgresCluster postgres = PostgresCluster.withPassword();
  private static final AtomicInteger DATABASES = new AtomicInteger();

  @TempDir
  Path temp;
  private Store store;
  private String url;

  /** A store of its own for each test: a new database on the class's server. */
  private Store newStore() throws SQLException {
    String database = "store_" + DATABASES.incrementAndGet();
    try (Connection c = postgres.connection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
    url = postgres.url(database);
    store = Store.open(url, login());
    return store;
  }

  private static StoreLogin login() {
    return new StoreLogin(postgres.user(), Secret.of("${env:MARKETING_PG_PASSWORD}", postgres.password()));
  }

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  @Test
  void openingAStoreOnPostgresqlLogsInWithTheSecretAndCreatesItsTables() throws SQLException {
    Store opened = newStore();
    assertEquals("postgresql", opened.database());
    int version = opened.read(h -> h.createQuery("SELECT MAX(\"version\") FROM \"_marketing\".\"schema_version\"")
        .mapTo(Integer.class).one());
    assertEquals(Migrations.VERSION, version);
    assertEquals("PostgreSQL store " + url + " (user postgres)", opened.describe());
    assertFalse(opened.describe().contains(postgres.password()));
  }

  @Test
  void aWrongPasswordIsRefusedWithAMessageThatNamesTheServerAndUserButNeverThePassword() {
    String wrong = postgres.password() + "-wrong";
    StoreException refused = assertThrows(StoreException.class, () -> Store.open(postgres.url(),
        new StoreLogin(postgres.user(), Secret.of("${env:WRONG}", wrong))));
    assertTrue(refused.getMessage().contains("cannot connect to PostgreSQL store " + postgres.url() + " (user postgres)"),
        refused.getMessage());
    assertTrue(refused.getMessage().contains("password authentication failed"), refused.getMessage());
    for (Throwable t = refused; t != null; t = t.getCause()) {
      assertFalse(String.valueOf(t.getMessage()).contains(wrong), t.getMessage());
    }
  }

  @Test
  void aUrlThatCarriesItsLoginAsParametersOpensAndItsDescriptionShowsNoneOfThem() throws SQLException {
    newStore().close();
    store = null;
    try (Store opened = Store.open(url + "?user=postgres&password=" + postgres.password(), null)) {
      assertEquals("PostgreSQL store " + url, opened.describe());
      assertTrue(opened.publishesInOneTransaction());
    }
  }

  @Test
  void probeLogsInOnceAndSaysWhereTheStoreIsWithoutCreatingAnything() throws SQLException {
    String where = Store.probe(postgres.url(), login()).orElseThrow();
    assertTrue(where.startsWith("PostgreSQL store " + postgres.url() + " (user postgres), PostgreSQL 1"), where);
    try (Connection c = postgres.connection(); Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = '_marketing'")) {
      rs.next();
      assertEquals(0, rs.getInt(1), "probing created the store's schema");
    }
    assertTrue(Store.probe("jdbc:duckdb:" + temp.resolve("store.duckdb"), null).isEmpty());
  }

  @Test
  void rowsOfEveryKindArriveThroughCopyAsWritten() throws SQLException {
    Store opened = newStore();
    List<String> columns = List.of("id", "name", "amount", "day", "at", "flag", "share");
    opened.write("creating a table", h -> h.execute("CREATE TABLE \"_marketing\".\"kinds\" (\"id\" BIGINT,"
        + " \"name\" VARCHAR, \"amount\" DECIMAL(18,6), \"day\" DATE, \"at\" TIMESTAMP, \"flag\" BOOLEAN,"
        + " \"share\" DOUBLE PRECISION)"));
    int many = 20_000; // well beyond one buffer of the copy
    opened.write("writing rows", h -> {
      try (RowWriter writer = opened.writer(h, "_marketing", "kinds", columns)) {
        writer.write(new Object[] {1L, "plain", new BigDecimal("431754.295507"), LocalDate.of(2026, 11, 20),
            LocalDateTime.of(2026, 11, 20, 13, 45, 7), true, 0.25});
        writer.write(new Object[] {2L, "", new BigDecimal("-0.000001"), null, null, false, 1.0E-7});
        writer.write(new Object[] {3L, "say \"hi\", then\nleave \\. \u00e9\u20ac", null, null, null, null, null});
        writer.write(new Object[] {4L, null, new BigDecimal("1E+3"), null, null, null, null});
        for (long i = 5; i < many; i++) {
          writer.write(new Object[] {i, "row " + i, BigDecimal.valueOf(i, 2), LocalDate.of(2026, 1, 1).plusDays(i % 365),
              null, i % 2 == 0, (double) i});
        }
      }
      return null;
    });
    Map<String, Object> first = opened.read(h -> h.createQuery("SELECT * FROM \"_marketing\".\"kinds\" WHERE \"id\" = 1")
        .mapToMap().one());
    assertEquals("plain", first.get("name"));
    assertEquals(new BigDecimal("431754.295507"), first.get("amount"));
    assertEquals("2026-11-20", first.get("day").toString());
    assertEquals("2026-11-20 13:45:07.0", first.get("at").toString());
    assertEquals(true, first.get("flag"));
    assertEquals(0.25, first.get("share"));
    Map<String, Object> second = opened.read(h -> h.createQuery("SELECT * FROM \"_marketing\".\"kinds\" WHERE \"id\" = 2")
        .mapToMap().one());
    assertEquals("", second.get("name"), "an empty text stays empty, not NULL");
    assertEquals(new BigDecimal("-0.000001"), second.get("amount"));
    assertNull(second.get("day"));
    assertEquals(1.0E-7, second.get("share"));
    assertEquals("say \"hi\", then\nleave \\. \u00e9\u20ac", opened.read(h -> h.createQuery(
        "SELECT \"name\" FROM \"_marketing\".\"kinds\" WHERE \"id\" = 3").mapTo(String.class).one()));
    assertNull(opened.read(h -> h.createQuery("SELECT \"name\" FROM \"_marketing\".\"kinds\" WHERE \"id\" = 4")
        .mapTo(String.class).one()));
    assertEquals(new BigDecimal("1000.000000"), opened.read(h -> h.createQuery(
        "SELECT \"amount\" FROM \"_marketing\".\"kinds\" WHERE \"id\" = 4").mapTo(BigDecimal.class).one()));
    assertEquals(many - 1, opened.read(h -> h.createQuery("SELECT COUNT(*) FROM \"_marketing\".\"kinds\"")
        .mapTo(Integer.class).one()).intValue());
  }

  @Test
  void aWriterThatGetsNoRowsSendsNoCopy() throws SQLException {
    Store opened = newStore();
    opened.write("creating a table", h -> h.execute("CREATE TABLE \"_marketing\".\"empty\" (\"id\" BIGINT)"));
    opened.write("writing no rows", h -> {
      try (RowWriter writer = opened.writer(h, "_marketing", "empty", List.of("id"))) {
        return null;
      }
    });
    assertEquals(0, opened.read(h -> h.createQuery("SELECT COUNT(*) FROM \"_marketing\".\"empty\"")
        .mapTo(Integer.class).one()).intValue());
  }

  @Test
  void aPlainCsvFileIsCopiedWithItsDelimiterAndHeaderAndCounted() throws Exception {
    Store opened = newStore();
    Path file = Files.writeString(temp.resolve("spend.csv"), """
        day;channel;spend
        2026-11-20;google_ads;431754.295507
        2026-11-21;"meta; ads";
        2026-11-22;"";0.5
        """, StandardCharsets.UTF_8);
    long copied = opened.write("loading spend.csv", h -> {
      h.execute("CREATE TABLE \"_marketing\".\"spend\" (\"day\" DATE, \"channel\" VARCHAR, \"spend\" DECIMAL(18,6))");
      return opened.bulkInsertCsv(h, "_marketing", "spend", file, ';', List.of("day", "channel", "spend"),
          List.of("DATE", "VARCHAR", "DECIMAL(18,6)"));
    });
    assertEquals(3, copied);
    List<Map<String, Object>> rows = opened.read(h -> h.createQuery(
        "SELECT * FROM \"_marketing\".\"spend\" ORDER BY \"day\"").mapToMap().list());
    assertEquals(new BigDecimal("431754.295507"), rows.get(0).get("spend"));
    assertEquals("meta; ads", rows.get(1).get("channel"));
    assertNull(rows.get(1).get("spend"));
    assertEquals("", rows.get(2).get("channel"));
  }

  @Test
  void aFileTheCopyRefusesFailsItsWriteAndLeavesTheTableAsItWas() throws Exception {
    Store opened = newStore();
    opened.write("creating a table", h -> h.execute(
        "CREATE TABLE \"_marketing\".\"spend\" (\"day\" DATE, \"spend\" DECIMAL(18,6))"));
    opened.write("one row", h -> h.execute("INSERT INTO \"_marketing\".\"spend\" VALUES (DATE '2026-11-20', 1)"));
    Path file = Files.writeString(temp.resolve("bad.csv"), "day,spend\n2026-11-21,2\n2026-13-45,3\n");
    StoreException failed = assertThrows(StoreException.class, () -> opened.write("loading bad.csv", h -> {
      h.execute("DELETE FROM \"_marketing\".\"spend\"");
      return opened.bulkInsertCsv(h, "_marketing", "spend", file, ',', List.of("day", "spend"), List.of("DATE", "DECIMAL(18,6)"));
    }));
    assertTrue(failed.getMessage().contains("loading bad.csv") && failed.getMessage().contains("2026-13-45"),
        failed.getMessage());
    assertEquals(1, opened.read(h -> h.createQuery("SELECT COUNT(*) FROM \"_marketing\".\"spend\"")
        .mapTo(Integer.class).one()).intValue());
  }

  @Test
  void aLockTimeoutAndASerializationFailureAreLockConflicts() throws Exception {
    newStore();
    PostgresEngine engine = new PostgresEngine(url, login());
    try (Connection holder = engine.open(); Connection waiter = engine.open()) {
      try (Statement s = holder.createStatement()) {
        s.execute("CREATE TABLE held (id INT)");
        holder.setAutoCommit(false);
        s.execute("LOCK TABLE held IN ACCESS EXCLUSIVE MODE");
      }
      try (Statement s = waiter.createStatement()) {
        s.execute("SET lock_timeout = '100ms'");
        SQLException timedOut = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM held"));
        assertEquals("55P03", timedOut.getSQLState());
        assertTrue(engine.isLockConflict(timedOut));
        assertTrue(engine.isLockConflict(new SQLException("could not serialize access", "40001")));
        assertFalse(engine.isLockConflict(new SQLException("syntax error", "42601")));
      }
      holder.rollback();
    }
  }

  @Test
  void readersGoOnReadingTheLastCommittedStateWhileAWriteRunsAndNeverWaitForIt() throws Exception {
    Store opened = newStore();
    opened.write("creating a table", h -> h.execute("CREATE TABLE \"_marketing\".\"spend\" (\"spend\" DECIMAL(18,6))"));
    opened.write("first rows", h -> h.execute("INSERT INTO \"_marketing\".\"spend\" VALUES (1), (2)"));
    CountDownLatch written = new CountDownLatch(1);
    CountDownLatch read = new CountDownLatch(1);
    CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
      try {
        opened.write("replacing the rows", h -> {
          h.execute("DELETE FROM \"_marketing\".\"spend\"");
          try (RowWriter rows = opened.writer(h, "_marketing", "spend", List.of("spend"))) {
            rows.write(new Object[] {new BigDecimal("40")});
          }
          written.countDown();
          assertTrue(read.await(30, TimeUnit.SECONDS));
          return null;
        });
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertTrue(written.await(30, TimeUnit.SECONDS));
    long started = System.nanoTime();
    BigDecimal during = opened.read(h -> h.createQuery("SELECT SUM(\"spend\") FROM \"_marketing\".\"spend\"")
        .mapTo(BigDecimal.class).one());
    long tookMillis = (System.nanoTime() - started) / 1_000_000;
    read.countDown();
    writer.get(30, TimeUnit.SECONDS);
    assertEquals(0, new BigDecimal("3").compareTo(during), "read while the write ran: " + during);
    assertTrue(tookMillis < 5_000, "the reader waited " + tookMillis + " ms");
    assertEquals(0, new BigDecimal("40").compareTo(opened.read(h -> h.createQuery(
        "SELECT SUM(\"spend\") FROM \"_marketing\".\"spend\"").mapTo(BigDecimal.class).one())));
  }
}
