package org.marketingsql.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.config.Secret;
import org.marketingsql.config.StoreLogin;
import org.marketingsql.testing.PostgresCluster;

/**
 * A DuckDB store's snapshot copied into PostgreSQL keeps every table, type, value and key; the copy is one
 * transaction, and a target that holds a store, or a snapshot of another version, is refused by name.
 */
class StoreCopyTest {
  @RegisterExtension
  static final PostgresCluster postgres = PostgresCluster.withPassword();
  private static final AtomicInteger DATABASES = new AtomicInteger();

  @TempDir
  Path temp;

  /** A published snapshot holding the store's own tables, a load state row and a table of awkward values. */
  private StoreFolder snapshot(String awkwardText) throws Exception {
    StoreFolder folder = StoreFolder.of("jdbc:duckdb:" + temp.resolve("store.duckdb")).orElseThrow();
    try (Store work = Store.open("jdbc:duckdb:" + folder.workFile())) {
      work.write("writing the test's tables", h -> {
        h.execute("CREATE SCHEMA \"exports\"");
        h.execute("CREATE TABLE \"exports\".\"odd\" (\"id\" BIGINT NOT NULL, \"amount\" DECIMAL(18,6), \"rate\" DECIMAL(9,2),"
            + " \"day\" DATE, \"at\" TIMESTAMP, \"paid\" BOOLEAN, \"note\" VARCHAR, \"score\" DOUBLE PRECISION)");
        h.execute("INSERT INTO \"exports\".\"odd\" VALUES (1, 1234.500001, 0.10, DATE '2025-02-28',"
            + " TIMESTAMP '2025-02-28 23:59:59.123456', true, ?, 0.1)", awkwardText);
        h.execute("INSERT INTO \"exports\".\"odd\" VALUES (2, -0.000001, NULL, NULL, NULL, false, '', 1e-7)");
        h.execute("INSERT INTO \"exports\".\"odd\" VALUES (3, NULL, 12.00, DATE '1999-12-31', TIMESTAMP '2000-01-01 00:00:00',"
            + " NULL, NULL, NULL)");
        h.execute("INSERT INTO \"_marketing\".\"load_state\" (\"source_name\", \"table_name\", \"file_path\", \"status\","
            + " \"row_count\") VALUES ('exports', 'odd', '/data/odd.csv', 'loaded', 3)");
        return null;
      });
    }
    folder.publish(folder.workFile());
    return folder;
  }

  private static String database() throws SQLException {
    String name = "copy_" + DATABASES.incrementAndGet();
    try (Connection c = postgres.connection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return postgres.url(name);
  }

  private static StoreLogin login(String password) {
    return new StoreLogin(postgres.user(), Secret.of("${env:TEST_PASSWORD}", password));
  }

  private static Connection open(String url) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", postgres.user());
    p.setProperty("password", postgres.password());
    return DriverManager.getConnection(url, p);
  }

  private static List<String> rows(String url, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = open(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        List<String> values = new ArrayList<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          values.add(String.valueOf(rs.getString(i)));
        }
        rows.add(String.join("|", values));
      }
    }
    return rows;
  }

  @Test
  void everyTableArrivesWithItsTypesValuesAndKeys() throws Exception {
    String text = "Müller, \"the\" café\nsecond line, 東京 €";
    StoreFolder folder = snapshot(text);
    String url = database();
    List<StoreCopy.Table> heard = new ArrayList<>();
    StoreCopy.Result result = new StoreCopy(folder, url, login(postgres.password()), false).run(heard::add);

    assertEquals(1, result.snapshot());
    assertEquals(heard, result.tables());
    assertTrue(result.tables().contains(new StoreCopy.Table("exports", "odd", 3)), result.tables().toString());
    assertTrue(result.tables().contains(new StoreCopy.Table("_marketing", "load_state", 1)), result.tables().toString());
    assertTrue(result.tables().stream().anyMatch(t -> t.name().equals("ad_spend")), "the store's empty tables come too");
    assertEquals(List.of("id bigint NO", "amount numeric(18,6) YES", "rate numeric(9,2) YES", "day date YES",
        "at timestamp without time zone YES", "paid boolean YES", "note character varying YES",
        "score double precision YES"), rows(url, "SELECT a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' '"
        + " || CASE WHEN a.attnotnull THEN 'NO' ELSE 'YES' END FROM pg_attribute a WHERE a.attrelid = 'exports.odd'::regclass"
        + " AND a.attnum > 0 ORDER BY a.attnum"));
    try (Connection c = open(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM exports.odd ORDER BY id")) {
      assertTrue(rs.next());
      assertEquals(new BigDecimal("1234.500001"), rs.getBigDecimal("amount"));
      assertEquals(new BigDecimal("0.10"), rs.getBigDecimal("rate"));
      assertEquals(LocalDate.of(2025, 2, 28), rs.getObject("day", LocalDate.class));
      assertEquals(LocalDateTime.parse("2025-02-28T23:59:59.123456"), rs.getObject("at", LocalDateTime.class));
      assertTrue(rs.getBoolean("paid"));
      assertEquals(text, rs.getString("note"));
      assertEquals(0.1, rs.getDouble("score"));
      assertTrue(rs.next());
      assertEquals("-0.000001", rs.getBigDecimal("amount").toPlainString());
      assertEquals("", rs.getString("note"), "an empty text stays empty, not NULL");
      assertEquals(1e-7, rs.getDouble("score"));
      assertTrue(rs.next());
      assertEquals(null, rs.getBigDecimal("amount"));
      assertEquals(null, rs.getObject("paid"));
      assertEquals(null, rs.getString("note"));
      assertFalse(rs.next());
    }
    assertEquals(List.of("source_name, table_name"), rows(url, "SELECT string_agg(a.attname, ', ' ORDER BY k.n)"
        + " FROM pg_index i CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY k(attnum, n)"
        + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
        + " WHERE i.indrelid = '_marketing.load_state'::regclass AND i.indisprimary"));
    assertEquals(List.of(String.valueOf(Migrations.VERSION)), rows(url, "SELECT version FROM _marketing.schema_version"));
    assertEquals(List.of("1|t"), rows(url, "SELECT generation, published_at IS NOT NULL FROM _marketing.publications"));
  }

  @Test
  void aTargetHoldingAStoreWithDataIsRefusedUnlessReplacedAndKeepsItsRows() throws Exception {
    StoreFolder folder = snapshot("x");
    String url = database();
    new StoreCopy(folder, url, login(postgres.password()), false).run(t -> { });
    try (Connection c = open(url); Statement s = c.createStatement()) {
      s.execute("INSERT INTO exports.odd (id, note) VALUES (99, 'written on the server')");
    }

    StoreException refused = assertThrows(StoreException.class,
        () -> new StoreCopy(folder, url, login(postgres.password()), false).run(t -> { }));
    assertTrue(refused.getMessage().contains(PostgresEngine.withoutParameters(url)) && refused.getMessage().contains(
        "holds a Marketing SQL store with data already") && refused.getMessage().contains("--replace"), refused.getMessage());
    assertEquals(List.of("4"), rows(url, "SELECT count(*) FROM exports.odd"));
    assertEquals(List.of("1"), rows(url, "SELECT generation FROM _marketing.publications"));

    new StoreCopy(folder, url, login(postgres.password()), true).run(t -> { });
    assertEquals(List.of("3"), rows(url, "SELECT count(*) FROM exports.odd"));
    assertEquals(List.of("2"), rows(url, "SELECT generation FROM _marketing.publications"));
  }

  @Test
  void aCopyThatFailsHalfwayLeavesTheTargetAsItWas() throws Exception {
    // PostgreSQL's text cannot hold a NUL character, so the rows of exports.odd are refused after others went in
    StoreFolder folder = snapshot("before\u0000after");
    String url = database();
    StoreException failed = assertThrows(StoreException.class,
        () -> new StoreCopy(folder, url, login(postgres.password()), false).run(t -> { }));
    assertTrue(failed.getMessage().contains("exports.odd") && failed.getMessage().contains("left as it was"),
        failed.getMessage());
    assertEquals(List.of("0"), rows(url, "SELECT count(*) FROM pg_namespace WHERE nspname IN ('_marketing', 'exports')"));
  }

  @Test
  void aWrongPasswordNamesTheTargetAndNeverThePassword() throws Exception {
    StoreFolder folder = snapshot("x");
    String url = database();
    String wrong = "not-" + postgres.password();
    StoreException failed = assertThrows(StoreException.class,
        () -> new StoreCopy(folder, url, login(wrong), false).run(t -> { }));
    assertTrue(failed.getMessage().contains("cannot connect to PostgreSQL store " + url), failed.getMessage());
    assertFalse(failed.getMessage().contains(wrong), failed.getMessage());
  }

  @Test
  void aSnapshotOfAnotherVersionIsRefused() throws Exception {
    StoreFolder folder = snapshot("x");
    Path file = folder.current().orElseThrow().file();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement s = c.createStatement()) {
      s.execute("UPDATE \"_marketing\".\"schema_version\" SET \"version\" = " + (Migrations.VERSION - 1));
    }
    String url = database();
    StoreException refused = assertThrows(StoreException.class,
        () -> new StoreCopy(folder, url, login(postgres.password()), false).run(t -> { }));
    assertTrue(refused.getMessage().contains("version " + (Migrations.VERSION - 1)) && refused.getMessage().contains(url)
        && refused.getMessage().contains("marketing-sql refresh"), refused.getMessage());
  }

  @Test
  void onlyPostgresqlIsATarget() {
    StoreFolder folder = StoreFolder.of("jdbc:duckdb:" + temp.resolve("s.duckdb")).orElseThrow();
    assertThrows(IllegalArgumentException.class, () -> new StoreCopy(folder, "jdbc:duckdb:/tmp/x.duckdb", null, false));
  }

  @Test
  void aTableOfManySlicesArrivesWhole() throws Exception {
    StoreFolder folder = snapshot("x");
    Path file = folder.current().orElseThrow().file();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE \"exports\".\"big\" AS SELECT i AS \"id\", CAST(i AS DECIMAL(18,2)) AS \"amount\""
          + " FROM range(600001) t(i)");
      s.execute("DELETE FROM \"exports\".\"big\" WHERE \"id\" BETWEEN 1000 AND 1999");
    }
    String url = database();
    StoreCopy.Result result = new StoreCopy(folder, url, login(postgres.password()), false).run(t -> { });
    assertTrue(result.tables().contains(new StoreCopy.Table("exports", "big", 599_001)), result.tables().toString());
    assertEquals(List.of("599001|179998800500.00|600000"), rows(url, "SELECT count(*), sum(amount), max(id) FROM exports.big"));
  }
}
