package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.StoreFixture;

/**
 * PostgreSQL's set-returning, text, array and setting functions through the driver, each answer checked
 * against what PostgreSQL 15 returns for the same statement, over the hand-checked export folder (orders
 * o1 2025-01-16 500.00, o2 2025-01-21 110.00, o3 2025-02-05 50.00, o4 2025-02-07 80.00, o5 2025-02-08 12.00).
 */
class PgFunctionsTest {
  /** One home and one store for the class: its tests only read them. */
  @RegisterExtension
  static final IsolatedHome home = IsolatedHome.perClass();
  @RegisterExtension
  static final StoreFixture fixture = StoreFixture.withExports("finance");
  String url;
  Connection connection;

  @BeforeEach
  void connect() throws SQLException {
    url = fixture.csvUrl();
    connection = DriverManager.getConnection(url);
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  @Test
  void generateSeriesCountsIntegersAndItsAliasNamesTheColumn() throws Exception {
    assertEquals(List.of("1", "2", "3"), rows("SELECT i FROM generate_series(1, 3) AS i"));
    assertEquals(List.of("1", "2", "3"), rows("SELECT g.i FROM generate_series(1, 3) AS g(i)"));
    assertEquals(List.of("10", "7", "4", "1"), rows("SELECT * FROM generate_series(10, 1, -3)"));
    assertEquals(List.of(), rows("SELECT * FROM generate_series(3, 1)"), "a step against the direction: no rows");
    assertEquals(List.of("0.5", "1.0", "1.5", "2.0"), rows("SELECT generate_series FROM generate_series(0.5, 2, 0.5)"));
    assertEquals("BIGINT", columnType("SELECT * FROM generate_series(CAST(1 AS BIGINT), 3)"));
  }

  @Test
  void generateSeriesOfTimestampsAddsTheStepAgainAndAgainAsPostgresqlDoes() throws Exception {
    // PostgreSQL: 01-31, 02-28, 03-28, 04-28 (each month added to the previous row, not to the start)
    assertEquals(List.of("2025-01-31 00:00:00", "2025-02-28 00:00:00", "2025-03-28 00:00:00", "2025-04-28 00:00:00"),
        rows("SELECT * FROM generate_series(TIMESTAMP '2025-01-31 00:00:00', TIMESTAMP '2025-05-01 00:00:00',"
            + " INTERVAL '1 month')"));
    assertEquals(List.of("2025-01-01 00:00:00", "2025-01-02 00:00:00", "2025-01-03 00:00:00"),
        rows("SELECT d FROM generate_series(DATE '2025-01-01', DATE '2025-01-03', interval '1 day') AS d"));
  }

  @Test
  void grafanasGapFillingJoinsTheSeriesToTheData() throws Exception {
    assertEquals(List.of("2025-01-15 00:00:00|0.000000", "2025-01-16 00:00:00|500.000000", "2025-01-17 00:00:00|0.000000"),
        rows("SELECT g.day, coalesce(sum(o.amount_rc), 0) FROM generate_series(DATE '2025-01-15', DATE '2025-01-17',"
            + " INTERVAL '1' DAY) AS g(day) LEFT JOIN finance.orders o ON o.order_date = g.day GROUP BY g.day ORDER BY 1"));
  }

  @Test
  void aSeriesOverTheLimitIsRefusedAndAZeroStepIsAnError() {
    SQLException big = assertThrows(SQLException.class, () -> rows("SELECT count(*) FROM generate_series(1, 10000001)"));
    assertEquals("54000", big.getSQLState());
    assertTrue(big.getMessage().contains("more than 10000000 rows"), big.getMessage());
    SQLException zero = assertThrows(SQLException.class, () -> rows("SELECT * FROM generate_series(1, 3, 0)"));
    assertEquals("22023", zero.getSQLState());
    assertTrue(zero.getMessage().contains("step size cannot equal zero"), zero.getMessage());
  }

  @Test
  void aLongSeriesStreamsInsteadOfBeingHeldInMemory() throws Exception {
    Runtime runtime = Runtime.getRuntime();
    try (Statement s = connection.createStatement();
        ResultSet rs = s.executeQuery("SELECT i FROM generate_series(1, 10000000) AS i")) {
      long rows = 0;
      long lastRow = 0;
      long usedAtStart = runtime.totalMemory() - runtime.freeMemory();
      while (rs.next()) {
        rows++;
        lastRow = rs.getLong(1);
      }
      assertEquals(10_000_000L, rows);
      assertEquals(10_000_000L, lastRow);
      // ten million boxed rows held at once would take hundreds of megabytes
      assertTrue(runtime.totalMemory() - runtime.freeMemory() - usedAtStart < 300L << 20);
    }
  }

  @Test
  void aFunctionOfTheWrongTypesIsRefusedAsPostgresqlRefusesIt() {
    SQLException e = assertThrows(SQLException.class, () -> rows("SELECT make_date(DATE '2025-01-01', 1, 1)"));
    assertEquals("42883", e.getSQLState());
    assertTrue(e.getMessage().contains("function make_date(date, integer, integer) does not exist"), e.getMessage());
    SQLException inSelectList = assertThrows(SQLException.class, () -> rows("SELECT generate_series(1, 3) * 2"));
    assertEquals("0A000", inSelectList.getSQLState(), "a series inside an expression of a select list");
  }

  @Test
  void stringAggAndArrayAggCollectInTheOrderAsked() throws Exception {
    assertEquals(List.of("o5,o4,o3,o2,o1|[o1, o2, o3, o4, o5]"), rows("SELECT string_agg(order_id, ',' ORDER BY order_id DESC),"
        + " array_agg(order_id ORDER BY order_id) FROM finance.orders"));
    assertEquals(List.of("c,a"), rows("SELECT string_agg(x, ',') FROM (VALUES ('c'), (CAST(NULL AS VARCHAR)), ('a')) AS t(x)"),
        "nulls are skipped");
  }

  @Test
  void arrayFunctionsAnswerAsPostgresqlDoes() throws Exception {
    // PostgreSQL: a,*,c | a,c | 2 | (null) | 2 | 1 | 3
    assertEquals(List.of("a,*,c|a,c|2|null|2|1|3"), rows("SELECT array_to_string(ARRAY['a', NULL, 'c'], ',', '*'),"
        + " array_to_string(ARRAY['a', NULL, 'c'], ','), array_length(ARRAY[1, 2], 1), array_length(ARRAY[1, 2], 2),"
        + " array_upper(ARRAY[1, 2], 1), array_lower(ARRAY[1, 2], 1), cardinality(ARRAY[1, 2, 3])"));
  }

  @Test
  void concatenatingArraysWithBarsJoinsTheArraysRatherThanTheirText() throws Exception {
    // PostgreSQL: a,b,c | x,y,z (psql's \d+ joins reloptions to ARRAY(SELECT …) this way)
    assertEquals(List.of("a,b,c|x,y,z"), rows("SELECT array_to_string(ARRAY['a'] || ARRAY(SELECT v FROM (VALUES ('b'),"
        + " ('c')) AS t(v) ORDER BY v), ','), array_to_string(array_agg(w) || ARRAY['z'], ',')"
        + " FROM (VALUES ('x'), ('y')) AS u(w)"));
  }

  @Test
  void barsJoinArrayColumnsAndExpressionsByTheirTypes() throws Exception {
    // PostgreSQL 15: a,b,x,y | a,b,z | q,a,b | a,b,x,y | 2a
    assertEquals(List.of("a,b,x,y|a,b,z|q,a,b|a,b,x,y|2a"), rows("SELECT array_to_string(a.arr || b.arr, ','),"
        + " array_to_string(a.arr || 'z', ','), array_to_string('q' || a.arr, ','),"
        + " array_to_string(c.agg || b.arr, ','), 2 || 'a'"
        + " FROM (SELECT ARRAY['a', 'b'] AS arr) a, (SELECT ARRAY['x', 'y'] AS arr) b,"
        + " (SELECT array_agg(v ORDER BY v) AS agg FROM (VALUES ('a'), ('b')) AS t(v)) c"));
    assertEquals(List.of("x,y"), rows("WITH t AS (SELECT ARRAY['x'] AS a, ARRAY['y'] AS b)"
        + " SELECT array_to_string(a || b, ',') FROM t"));
  }

  @Test
  void barsOnArraysOfTypesThatDoNotMeetArePostgresqlsError() {
    SQLException e = assertThrows(SQLException.class,
        () -> rows("SELECT a.arr || b.arr FROM (SELECT ARRAY[1] AS arr) a, (SELECT ARRAY[DATE '2025-01-01'] AS arr) b"));
    assertEquals("42883", e.getSQLState(), e.getMessage());
  }

  @Test
  void formatQuotesIdentifiersAndLiteralsAsPostgresqlDoes() throws Exception {
    // PostgreSQL 15: a|"Bc d"|'it''s'|%|NULL||a|Bc d | it's|
    assertEquals(List.of("a|\"Bc d\"|'it''s'|%|NULL||a|Bc d | it's|"),
        rows("SELECT format('%s|%I|%L|%%|%L|%s|%1$s|%-5s|%5s|', 'a', 'Bc d', 'it''s', NULL, NULL, 'x', 'y')"));
    assertEquals(List.of("2025-01-16 is o1"), rows("SELECT format('%s is %s', order_date, order_id) FROM finance.orders"
        + " WHERE order_id = 'o1'"));
    SQLException e = assertThrows(SQLException.class, () -> rows("SELECT format('%s %s', 'one')"));
    assertEquals("22023", e.getSQLState());
    assertEquals("too few arguments for format()", e.getMessage());
  }

  @Test
  void makeDateAndToTimestampBuildDateTimes() throws Exception {
    assertEquals(List.of("2025-01-02|2025-01-02 10:11:12.5|2025-01-02 17:07:00|1970-01-01 00:00:00"),
        rows("SELECT make_date(2025, 1, 2), to_timestamp('2025-01-02 10:11:12.5', 'YYYY-MM-DD HH24:MI:SS.MS'),"
            + " to_timestamp('05:07 PM 2025-01-02', 'HH12:MI AM YYYY-MM-DD'), to_timestamp(0)"));
  }

  @Test
  void aTextThatDoesNotFitItsTemplateIsPostgresqlsError() {
    SQLException e = assertThrows(SQLException.class, () -> rows("SELECT to_date(order_id, 'YYYY-MM-DD') FROM finance.orders"));
    assertEquals("22007", e.getSQLState());
    assertTrue(e.getMessage().matches(".*invalid value \"o\\d\" for \"YYYY\""), e.getMessage());
  }

  @Test
  void currentSettingReadsTheDriversFixedSettings() throws Exception {
    assertEquals(List.of("UTC|ISO, MDY|on|null"), rows("SELECT current_setting('TimeZone'), current_setting('datestyle'),"
        + " current_setting('standard_conforming_strings'), current_setting('no_such_setting', true)"));
    SQLException e = assertThrows(SQLException.class, () -> rows("SELECT current_setting('no_such_setting')"));
    assertEquals("42704", e.getSQLState());
  }

  @Test
  void parseIdentSplitsQualifiedNamesAsPostgresqlDoes() throws Exception {
    assertEquals(List.of("[SomeSchema, sometable]|[a, b]"),
        rows("SELECT parse_ident('\"SomeSchema\".someTable'), parse_ident('a.b c', false)"));
    SQLException e = assertThrows(SQLException.class, () -> rows("SELECT parse_ident('a.b c')"));
    assertEquals("22023", e.getSQLState());
    assertTrue(e.getMessage().contains("string is not a valid identifier: \"a.b c\""), e.getMessage());
  }

  @Test
  void pgGetKeywordsListsPostgresqlsKeywords() throws Exception {
    assertEquals(List.of("select|R|true|reserved", "abort|U|true|unreserved"),
        rows("SELECT word, catcode, barelabel, catdesc FROM pg_catalog.pg_get_keywords() WHERE word IN ('select', 'abort')"
            + " ORDER BY catcode"));
    assertEquals(List.of("460"), rows("SELECT count(*) FROM pg_get_keywords()"));
  }

  @Test
  void aConnectionThatReadsOnlyFinanceMayStillGenerateASeriesAndListKeywords() throws Exception {
    try (Connection finance = DriverManager.getConnection(url + ";readableSchemas=finance");
        Statement s = finance.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM generate_series(1, 3) AS i"
            + " CROSS JOIN (SELECT count(*) AS k FROM pg_get_keywords()) AS k")) {
      assertTrue(rs.next());
      assertEquals(3, rs.getInt(1));
    }
  }

  @Test
  void makeDateOfAColumnRunsInsideTheStore() throws Exception {
    String sql = "SELECT make_date(CAST(EXTRACT(YEAR FROM order_date) AS INTEGER), CAST(EXTRACT(MONTH FROM order_date)"
        + " AS INTEGER), 1) AS m, COUNT(*) FROM finance.orders GROUP BY 1 ORDER BY 1";
    assertEquals(List.of("2025-01-01|2", "2025-02-01|3"), rows(sql));
    String plan = String.join("\n", rows("EXPLAIN PLAN FOR " + sql));
    assertTrue(plan.contains("MAKE_DATE") && plan.contains("JdbcAggregate"), plan);
  }

  @Test
  void unnestsAliasNamesItsColumnAsInPostgresql() throws Exception {
    assertEquals(List.of("1", "2"), rows("SELECT x FROM unnest(ARRAY[1, 2]) AS x"));
  }

  @Test
  void queriesWithoutTheNewFunctionsStillRunInsideTheStore() throws Exception {
    String plan = String.join("\n", rows("EXPLAIN PLAN FOR SELECT date_trunc('month', order_date), SUM(amount_rc)"
        + " FROM finance.orders GROUP BY 1"));
    assertTrue(plan.startsWith("JdbcToEnumerableConverter"), plan);
    assertFalse(plan.substring(plan.indexOf('\n')).contains("Enumerable"), plan);
  }

  private String columnType(String sql) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      return rs.getMetaData().getColumnTypeName(1);
    }
  }

  private List<String> rows(String sql) throws SQLException {
    return org.marketingsql.testing.Sql.lines(connection, sql);
  }

}
