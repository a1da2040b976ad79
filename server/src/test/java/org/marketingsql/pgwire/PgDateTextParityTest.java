package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.marketingsql.testing.PostgresCluster;

/**
 * The date, time, interval and text SQL that analysts type and BI tools generate, each statement of
 * {@code date-text-parity.sql} run through the port with pgJDBC and on a PostgreSQL 15, both sessions in UTC: the same
 * column names, the same column types, the same values as text, or the same SQLSTATE. A statement marked
 * {@code -- shape} (its value is the time it runs) is compared by its columns' names and types only; one marked
 * {@code -- words} also by its error message. The statements in {@link #EXCEPTIONS} still differ, for the reason given
 * (docs/sql.md lists them); the test asserts they do, so the list stays true.
 */
class PgDateTextParityTest {
  @RegisterExtension
  static final ClassServer server = ClassServer.finance(TestServer.ALICE);
  @RegisterExtension
  static final PostgresCluster postgres = PostgresCluster.trust();
  static Connection port;
  static Connection pg;

  /** Statements whose answer still differs from PostgreSQL's, with the reason. */
  static final Map<String, String> EXCEPTIONS = exceptions();

  private static Map<String, String> exceptions() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("SELECT timestamp '2024-03-15 10:20:30.123456', timestamptz '2024-03-15 10:20:30.123456+00'",
        "a timestamp keeps milliseconds, not microseconds: Calcite holds every TIMESTAMP as milliseconds");
    String zone = "date_trunc in a named zone has PostgreSQL's value and type, but its column is named timezone";
    m.put("SELECT date_trunc('day', timestamptz '2024-03-15 23:20:30+00', 'Asia/Tokyo')", zone);
    m.put("SELECT date_trunc('month', timestamptz '2024-03-01 03:00+00', 'America/New_York'),"
        + " date_trunc('hour', timestamp '2024-03-10 07:30', 'America/New_York')", zone);
    String text = "returns its interval as text: Calcite has no interval mixing months with days";
    m.put("SELECT age(timestamp '2024-03-01', timestamp '2023-01-15')", "age " + text);
    m.put("SELECT age(timestamp '2024-03-01 10:00', timestamp '2024-02-28 12:30')", "age " + text);
    m.put("SELECT age(date '2024-03-01', date '2020-02-29')", "age " + text);
    m.put("SELECT age(timestamp '2000-01-01')", "age " + text);
    m.put("SELECT extract(year from age(timestamp '2024-03-01', timestamp '1990-07-15'))", "age " + text);
    m.put("SELECT justify_days(interval '35 days')", "justify_days " + text);
    m.put("SELECT justify_hours(interval '27 hours')", "justify_hours " + text);
    m.put("SELECT justify_interval(interval '50 hours')", "justify_interval " + text);
    String mixed = "an interval mixing months with days or times has no Calcite type: 0A000";
    m.put("SELECT justify_interval(interval '1 mon -1 day')", mixed);
    m.put("SELECT interval 'P1Y2M3DT4H5M6S'", mixed);
    m.put("SELECT interval '1 month 2 days'", mixed);
    m.put("SELECT interval '1 month' > interval '29 days'", "Calcite compares no interval of months with one of days");
    m.put("SELECT upper('straße'), lower('ÀB')", "upper and lower follow Unicode's case rules, as PostgreSQL in a UTF-8"
        + " locale does; the reference server runs in the C locale, which changes only ASCII letters");
    return m;
  }

  @BeforeAll
  static void connect() throws SQLException {
    port = server.connectInUtc();
    pg = postgres.connection();
    try (Statement s = pg.createStatement()) {
      s.execute("SET TimeZone = 'UTC'");
    }
  }

  @AfterAll
  static void disconnect() throws SQLException {
    if (port != null) {
      port.close();
    }
    if (pg != null) {
      pg.close();
    }
  }

  @Test
  void everyStatementAnswersAsPostgresql15AnswersItOrIsAKnownException() throws IOException {
    List<Case> cases = corpus();
    assertTrue(cases.size() >= 150, "the corpus has " + cases.size() + " statements");
    List<Executable> checks = new ArrayList<>();
    Set<String> seen = new TreeSet<>();
    for (Case c : cases) {
      seen.add(c.sql());
      Answer expected = Answer.of(pg, c);
      Answer actual = Answer.of(port, c);
      String reason = EXCEPTIONS.get(c.sql());
      if (reason == null) {
        checks.add(() -> assertEquals(expected, actual, c.sql()));
      } else {
        checks.add(() -> assertNotEquals(expected, actual, "no longer differs (" + reason + "): " + c.sql()));
      }
    }
    for (String sql : EXCEPTIONS.keySet()) {
      checks.add(() -> assertTrue(seen.contains(sql), "an exception that is not in the corpus: " + sql));
    }
    assertAll(checks);
  }

  @Test
  void intervalsSentInBinaryReadAsTheSameIntervalsAsPostgresqlSends() throws SQLException {
    String sql = "SELECT interval '1 day 02:00:00', interval '1-2', interval '-01:30:00', interval '36 hours',"
        + " interval '1.5 seconds', interval '-3 days', timestamp '2024-03-01 10:00' - timestamp '2024-02-28 08:30'";
    java.util.Properties p = new java.util.Properties();
    p.setProperty("prepareThreshold", "-1");
    p.setProperty("binaryTransferEnable", "1186");
    p.setProperty("sslmode", "disable");
    java.util.Properties ourLogin = new java.util.Properties(p);
    ourLogin.setProperty("user", TestServer.USER);
    ourLogin.setProperty("password", TestServer.PASSWORD);
    java.util.Properties theirLogin = new java.util.Properties(p);
    theirLogin.setProperty("user", postgres.user());
    try (Connection ourBinary = java.sql.DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + server.port() + "/marketing", ourLogin);
        Connection theirBinary = java.sql.DriverManager.getConnection(postgres.url(), theirLogin);
        java.sql.PreparedStatement ours = ourBinary.prepareStatement(sql);
        java.sql.PreparedStatement theirs = theirBinary.prepareStatement(sql);
        ResultSet a = ours.executeQuery(); ResultSet b = theirs.executeQuery()) {
      a.next();
      b.next();
      for (int i = 1; i <= b.getMetaData().getColumnCount(); i++) {
        assertEquals(b.getObject(i), a.getObject(i), "column " + i);
        assertEquals(b.getString(i), a.getString(i), "column " + i);
        assertTrue(b.getObject(i) instanceof org.postgresql.util.PGInterval, "PostgreSQL's column " + i);
      }
    }
  }

  private static List<Case> corpus() throws IOException {
    List<Case> cases = new ArrayList<>();
    try (InputStream in = PgDateTextParityTest.class.getResourceAsStream("/parity/date-text-parity.sql")) {
      if (in == null) {
        throw new IOException("the corpus /parity/date-text-parity.sql is not on the test class path");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank() || line.startsWith("--")) {
          continue;
        }
        cases.add(Case.parse(line));
      }
    }
    return cases;
  }

  /** One statement of the corpus and how much of its answer is compared. */
  record Case(String sql, boolean shapeOnly, boolean words) {
    static Case parse(String line) {
      int marker = line.lastIndexOf(" -- ");
      if (marker < 0) {
        return new Case(line.strip(), false, false);
      }
      String mark = line.substring(marker + 4).strip();
      if (!mark.equals("shape") && !mark.equals("words")) {
        throw new IllegalArgumentException("unknown marker \"" + mark + "\" in the corpus line: " + line);
      }
      return new Case(line.substring(0, marker).strip(), mark.equals("shape"), mark.equals("words"));
    }
  }

  /** What a server answered: its columns' names and types and its rows as text, or its error. */
  record Answer(List<String> columns, List<List<String>> rows, String error) {
    static Answer of(Connection connection, Case c) {
      try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(c.sql())) {
        ResultSetMetaData md = rs.getMetaData();
        List<String> columns = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          columns.add(md.getColumnLabel(i) + " " + md.getColumnTypeName(i));
        }
        List<List<String>> rows = new ArrayList<>();
        while (rs.next()) {
          List<String> row = new ArrayList<>();
          for (int i = 1; i <= md.getColumnCount(); i++) {
            row.add(c.shapeOnly() ? "" : String.valueOf(rs.getString(i)));
          }
          rows.add(row);
        }
        return new Answer(columns, rows, null);
      } catch (SQLException e) {
        String message = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        return new Answer(List.of(), List.of(), e.getSQLState() + (c.words() ? " " + message : ""));
      }
    }
  }
}
