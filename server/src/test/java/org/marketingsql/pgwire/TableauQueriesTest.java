package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.StoreFixture;

/**
 * Tableau's PostgreSQL connection as it is documented to talk (through psqlODBC): its settings and probes on connect,
 * its temporary-table probe, which a read-only server refuses with 25006 and then goes on, its result read through a
 * held cursor in a transaction block, and its date functions; sent by pgJDBC's simple protocol as fin.
 */
class TableauQueriesTest {
  @TempDir
  static Path temp;
  @RegisterExtension
  static final StoreFixture fixture = StoreFixture.withExports("finance");
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.forClass(fixture.csvUrl(), temp, TestServer.FIN);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theConnectProbesAnswer() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("set DateStyle to 'ISO'");
      s.execute("set extra_float_digits to 2");
      assertEquals(List.of(), column(c, "select oid, typbasetype from pg_type where typname = 'lo'"));
      assertEquals(List.of("UTF8"), column(c, "select pg_client_encoding()"));
      assertEquals(List.of("read committed"), column(c, "show transaction_isolation"));
      assertEquals(List.of("finance"), column(c, "select current_schema()"));
    }
  }

  @Test
  void theSchemaAndTableListsHaveTheUsersViewsOnly() throws Exception {
    try (Connection c = connect()) {
      assertEquals(List.of("finance"), column(c, "SELECT nspname FROM pg_catalog.pg_namespace WHERE nspname NOT LIKE 'pg\\_%'"
          + " AND nspname <> 'information_schema' AND has_schema_privilege(nspname, 'USAGE') ORDER BY 1"));
      List<String> relations = column(c, "SELECT n.nspname || '.' || c.relname FROM pg_catalog.pg_class c"
          + " LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'v', 'm', 'f', 'p')"
          + " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND pg_catalog.has_table_privilege(c.oid, 'SELECT')"
          + " ORDER BY 1");
      assertTrue(relations.containsAll(List.of("finance.channel_roi", "finance.orders")), relations.toString());
      assertTrue(relations.stream().allMatch(r -> r.startsWith("finance.")), relations.toString());
    }
  }

  @Test
  void theTemporaryTableProbeIsRefusedAndTheSessionGoesOn() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.execute("CREATE LOCAL TEMPORARY TABLE \"#Tableau_1_Connect\""
          + " (\"COL\" INTEGER) ON COMMIT PRESERVE ROWS"));
      assertEquals("25006", e.getSQLState());
      e = assertThrows(SQLException.class, () -> s.execute("DROP TABLE \"#Tableau_1_Connect\""));
      assertEquals("25006", e.getSQLState());
      e = assertThrows(SQLException.class, () -> s.execute("SELECT \"orders\".\"order_id\" INTO TEMPORARY TABLE"
          + " \"#Tableau_2_Probe\" FROM \"finance\".\"orders\" \"orders\" LIMIT 1"));
      assertEquals("25006", e.getSQLState());
      assertEquals(List.of("1"), column(c, "SELECT 1"));
    }
  }

  @Test
  void aResultIsReadThroughAHeldCursorInsideABlock() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("BEGIN");
      s.execute("declare \"SQL_CUR0x7f1\" cursor with hold for SELECT CAST(EXTRACT(YEAR FROM \"orders\".\"order_date\")"
          + " AS INTEGER) AS \"yr:order_date:ok\", SUM(\"orders\".\"amount_rc\") AS \"sum:amount_rc:ok\""
          + " FROM \"finance\".\"orders\" \"orders\" GROUP BY 1");
      List<String> fetched = column(c, "fetch 2048 in \"SQL_CUR0x7f1\"");
      assertEquals(List.of("2025"), fetched);
      assertEquals(List.of(), column(c, "fetch 2048 in \"SQL_CUR0x7f1\""));
      s.execute("close \"SQL_CUR0x7f1\"");
      s.execute("COMMIT");
    }
  }

  @Test
  void itsDateFunctionsRun() throws Exception {
    try (Connection c = connect()) {
      String from = " FROM \"finance\".\"orders\" \"orders\" GROUP BY 1 ORDER BY 1";
      assertEquals(List.of("1"), column(c, "SELECT CAST(EXTRACT(QUARTER FROM \"orders\".\"order_date\") AS INTEGER)"
          + " AS \"qr:order_date:ok\"" + from), "every order is of the first quarter");
      assertEquals("2025-01-01", column(c, "SELECT CAST(DATE_TRUNC( 'QUARTER', CAST(\"orders\".\"order_date\" AS DATE) )"
          + " AS DATE) AS \"tqr:order_date:ok\"" + from).get(0));
      // weeks start on Sunday: the day, less its day of the week
      List<String> weeks = column(c, "SELECT CAST((DATE_TRUNC( 'DAY', CAST(\"orders\".\"order_date\" AS DATE) )"
          + " + (-EXTRACT(DOW FROM \"orders\".\"order_date\") * INTERVAL '1 DAY')) AS DATE) AS \"twk:order_date:ok\"" + from);
      assertTrue(weeks.contains("2025-01-12"), "Thursday 16 January 2025 is in the week of Sunday the 12th: " + weeks);
      assertEquals("2025-02-16", column(c, "SELECT CAST((\"orders\".\"order_date\" + 1 * INTERVAL '1 MONTH') AS DATE)"
          + " AS \"add\" FROM \"finance\".\"orders\" \"orders\" WHERE \"orders\".\"order_id\" = 'o1'").get(0));
      assertEquals("15", column(c, "SELECT (CAST(\"orders\".\"order_date\" AS DATE) - CAST(DATE '2025-01-01' AS DATE))"
          + " AS \"diff\" FROM \"finance\".\"orders\" \"orders\" WHERE \"orders\".\"order_id\" = 'o1'").get(0));
      assertEquals("2025-01", column(c, "SELECT TO_CHAR(\"orders\".\"order_date\", 'YYYY-MM') AS \"ym\""
          + " FROM \"finance\".\"orders\" \"orders\" WHERE \"orders\".\"order_id\" = 'o1'").get(0));
    }
  }

  private Connection connect() throws SQLException {
    java.util.Properties p = new java.util.Properties();
    p.setProperty("user", TestServer.FIN.user());
    p.setProperty("password", TestServer.FIN.password());
    p.setProperty("sslmode", "disable");
    p.setProperty("preferQueryMode", "simple"); // psqlODBC sends each statement as a simple query
    return java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/marketing", p);
  }

  private static List<String> column(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
