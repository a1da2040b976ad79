package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.StoreFixture;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Errors as PostgreSQL sends them, read by pgJDBC as a user who reads only finance: syntax errors with the token
 * and the Position field, validation errors without Calcite's prefix and with PostgreSQL's SQLSTATE and HINT,
 * statements the planner cannot plan as one short line, and the node's start time.
 */
class PgErrorsPortTest {
  @TempDir
  static Path temp;
  @RegisterExtension
  static final StoreFixture fixture = StoreFixture.withExports("finance");
  static TestServer server;
  static Connection connection;

  @BeforeAll
  static void start() throws Exception {
    String jdbcUrl = fixture.csvUrl();
    server = TestServer.forClass(jdbcUrl, temp, TestServer.FIN);
    try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
      s.executeQuery("select count(*) from finance.orders").close();
    }
    connection = server.connect(TestServer.FIN.user(), TestServer.FIN.password());
  }

  @AfterAll
  static void stop() throws SQLException {
    if (connection != null) {
      connection.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private static ServerErrorMessage error(String sql) {
    PSQLException e = assertThrows(PSQLException.class, () -> {
      try (Statement s = connection.createStatement()) {
        s.executeQuery(sql).close();
      }
    }, sql);
    ServerErrorMessage m = e.getServerErrorMessage();
    assertNotNull(m, sql);
    assertFalse(m.getMessage().contains("\n"), "one line: " + m.getMessage());
    return m;
  }

  @Test
  void aSyntaxErrorNamesTheTokenWithItsPositionAndNoListOfExpectedTokens() {
    String sql = "SELECT * FROM on finance.orders";
    ServerErrorMessage m = error(sql);
    assertEquals("42601", m.getSQLState());
    assertEquals("syntax error at or near \"on\"", m.getMessage());
    assertEquals(sql.indexOf("on") + 1, m.getPosition());
  }

  @Test
  void aSyntaxErrorOnALaterLineCountsCharactersOfTheWholeText() {
    String sql = "SELECT order_id,\n  amount\nFROM finance.orders\nWHERE amount >> 3";
    ServerErrorMessage m = error(sql);
    assertEquals("42601", m.getSQLState());
    assertTrue(m.getMessage().startsWith("syntax error at or near \""), m.getMessage());
    int position = m.getPosition();
    assertTrue(position > sql.indexOf("WHERE"), "after WHERE: " + position);
  }

  @Test
  void aStatementThatEndsEarlyIsASyntaxErrorAtEndOfInput() {
    String sql = "SELECT order_id FROM finance.orders WHERE";
    ServerErrorMessage m = error(sql);
    assertEquals("42601", m.getSQLState());
    assertEquals("syntax error at end of input", m.getMessage());
    assertEquals(sql.length() + 1, m.getPosition());
  }

  @Test
  void anUnknownFunctionIs42883WithPostgresqlsHintAndNoCalcitePrefix() {
    String sql = "SELECT order_id, to_char(amount, 'x', 1) FROM finance.orders";
    ServerErrorMessage m = error(sql);
    assertEquals("42883", m.getSQLState());
    assertFalse(m.getMessage().startsWith("From line"), m.getMessage());
    assertTrue(m.getMessage().startsWith("function to_char("), m.getMessage());
    assertTrue(m.getMessage().endsWith(") does not exist"), m.getMessage());
    assertEquals(StatementErrors.NO_FUNCTION_HINT, m.getHint());
    assertEquals(sql.indexOf("to_char") + 1, m.getPosition());
  }

  @Test
  void anUnknownColumnIs42703NamedAsPostgresqlNamesIt() {
    String sql = "SELECT order_id,\n       no_such_column FROM finance.orders";
    ServerErrorMessage m = error(sql);
    assertEquals("42703", m.getSQLState());
    assertEquals("column \"no_such_column\" does not exist", m.getMessage());
    assertEquals(sql.indexOf("no_such_column") + 1, m.getPosition());
  }

  @Test
  void aPreparedStatementsErrorIsPlacedInItsTextWithItsPlaceholders() {
    String sql = "SELECT order_id FROM finance.orders WHERE amount > ? AND currency = ? AND nope = 1";
    PSQLException e = assertThrows(PSQLException.class, () -> {
      try (var ps = connection.prepareStatement(sql)) {
        ps.setInt(1, 1);
        ps.setString(2, "USD");
        ps.executeQuery().close();
      }
    });
    ServerErrorMessage m = e.getServerErrorMessage();
    assertEquals("42703", m.getSQLState());
    // pgJDBC sends $1 and $2 for the question marks: PostgreSQL counts in that text
    String sent = sql.replaceFirst("\\?", "\\$1").replaceFirst("\\?", "\\$2");
    assertEquals(sent.indexOf("nope") + 1, m.getPosition());
  }

  @Test
  void aTextThatIsNoValueOfItsCastsTypeIsRefusedInPostgresqlsWordsWhereverTheCastRuns() {
    // PostgreSQL 15's answers; the column's casts run in the store, the literal's above it
    String[][] expected = {
        {"SELECT 'x'::int", "22P02", "invalid input syntax for type integer: \"x\""},
        {"SELECT '99999999999'::int", "22003", "value \"99999999999\" is out of range for type integer"},
        {"SELECT '2024-13-01'::date", "22008", "date/time field value out of range: \"2024-13-01\""},
        {"SELECT CAST(currency AS int) FROM finance.orders WHERE order_id = 'o1'", "22P02",
            "invalid input syntax for type integer: \"USD\""},
        {"SELECT CAST(currency AS numeric(10,2)) FROM finance.orders WHERE order_id = 'o1'", "22P02",
            "invalid input syntax for type numeric: \"USD\""},
        {"SELECT CAST(currency AS date) FROM finance.orders WHERE order_id = 'o1'", "22007",
            "invalid input syntax for type date: \"USD\""}};
    for (String[] e : expected) {
      ServerErrorMessage m = error(e[0]);
      assertEquals(e[1] + " " + e[2], m.getSQLState() + " " + m.getMessage(), e[0]);
    }
  }

  @Test
  void anUnknownTableIs42P01() {
    String sql = "SELECT 1 FROM finance.no_such_table";
    ServerErrorMessage m = error(sql);
    assertEquals("42P01", m.getSQLState());
    assertTrue(m.getMessage().startsWith("relation \""), m.getMessage());
    assertTrue(m.getMessage().endsWith("\" does not exist"), m.getMessage());
    assertTrue(m.getPosition() > sql.indexOf("FROM"), "at the table: " + m.getPosition());
  }

  @Test
  void aColumnNeitherGroupedNorAggregatedIsAGroupingError() {
    String sql = "SELECT currency, order_id FROM finance.orders GROUP BY currency";
    ServerErrorMessage m = error(sql);
    assertEquals("42803", m.getSQLState());
    assertEquals("column \"order_id\" must appear in the GROUP BY clause or be used in an aggregate function",
        m.getMessage());
    assertEquals(sql.indexOf("order_id") + 1, m.getPosition());
  }

  @Test
  void typesThatDoNotMatchAre42804WithoutRepetition() {
    ServerErrorMessage m = error("SELECT order_id FROM finance.orders WHERE amount");
    assertEquals("42804", m.getSQLState());
    assertFalse(m.getMessage().startsWith("From line"), m.getMessage());
    int half = m.getMessage().indexOf(": ");
    assertTrue(half < 0 || !m.getMessage().substring(half + 2).equals(m.getMessage().substring(0, half)),
        m.getMessage());
  }

  @Test
  void aStatementThePlannerCannotPlanIsOneShortLineNamingWhatIsNotSupported() throws Exception {
    ServerErrorMessage m = error("SELECT order_id FROM finance.orders TABLESAMPLE BERNOULLI(50)");
    assertEquals("0A000", m.getSQLState());
    assertTrue(m.getMessage().startsWith("TABLESAMPLE is not supported"), m.getMessage());
    assertNull(m.getDetail());
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT 1")) {
      assertTrue(rs.next(), "the session goes on");
    }
  }

  @Test
  void noErrorSendsThePlanAnInternalNameOrMoreThanAThousandCharacters() {
    StringBuilder many = new StringBuilder("SELECT to_char(amount");
    for (int i = 0; i < 300; i++) {
      many.append(", amount");
    }
    // "function to_char(numeric, numeric, …) does not exist" names 301 types: cut
    ServerErrorMessage m = error(many + ") FROM finance.orders");
    assertEquals("42883", m.getSQLState());
    assertEquals(Backend.MAX_TEXT, m.getMessage().length(), m.getMessage());
    assertTrue(m.getMessage().startsWith("function to_char(numeric, numeric") && m.getMessage().endsWith("\u2026"),
        m.getMessage());
    for (String sql : new String[] {"SELECT order_id FROM finance.orders TABLESAMPLE BERNOULLI(50)",
        "SELECT * FROM finance.orders o WHERE o.amount > (SELECT amount FROM finance.orders LIMIT 1)"
            + " TABLESAMPLE SYSTEM(10)"}) {
      String text = error(sql).getMessage();
      assertFalse(text.contains("_facts") || text.contains("rel#") || text.contains("Logical")
          || text.contains("java."), text);
    }
  }

  @Test
  void theNodesStartTimeIsATimestamptzNamedAfterItsFunction() throws Exception {
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT pg_postmaster_start_time(), pg_catalog.pg_conf_load_time()")) {
      assertEquals("pg_postmaster_start_time", rs.getMetaData().getColumnLabel(1));
      assertEquals("pg_conf_load_time", rs.getMetaData().getColumnLabel(2));
      assertEquals("timestamptz", rs.getMetaData().getColumnTypeName(1));
      assertTrue(rs.next());
      OffsetDateTime started = rs.getObject(1, OffsetDateTime.class);
      OffsetDateTime now = OffsetDateTime.now();
      assertFalse(started.isAfter(now), started + " after " + now);
      assertTrue(Duration.between(started, now).toHours() < 24, "started " + started);
      assertEquals(started, rs.getObject(2, OffsetDateTime.class));
    }
  }
}
