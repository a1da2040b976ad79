package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.StoreFixture;

/**
 * SQL analysts paste from PostgreSQL, through the driver: ILIKE and its operators, the boolean aggregates,
 * booleans as text, each with PostgreSQL 15's answer (on DuckDB, or with {@code -Dmarketingsql.test.store=postgresql}
 * on a PostgreSQL store).
 */
@ExtendWith(IsolatedHome.class)
class PastedPostgresqlSqlTest {
  @RegisterExtension
  static final StoreFixture FIXTURE = StoreFixture.withExports("finance");

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
      "'abc' ILIKE 'A%' => true", "'abc' NOT ILIKE 'A%' => false", "'abc' ~~ 'a%' => true", "'abc' !~~ 'a%' => false",
      "'abc' ~~* 'A%' => true", "'abc' !~~* 'A%' => false", "'abc' ~~ 'A%' => false", "'abc' ILIKE '_B_' => true",
      "NOT 'abc' ~~* 'x%' => true", "CAST(NULL AS VARCHAR) ILIKE 'a' => null"})
  void ilikeAndPostgresqlsLikeOperatorsCompareAsPostgresqlDoes(String expression, String expected) throws SQLException {
    assertEquals(expected, value("SELECT " + expression));
  }

  @Test
  void ilikeFiltersTheStoresRowsInTheStore() throws SQLException {
    String sql = "SELECT order_id FROM finance.orders WHERE acquisition_channel ILIKE 'GOOGLE%' ORDER BY 1";
    assertEquals(List.of("o1", "o3"), rows(sql));
    assertEquals(List.of("o2", "o4", "o5"), rows("SELECT order_id FROM finance.orders WHERE acquisition_channel !~~* 'GOOGLE%'"
        + " ORDER BY 1"));
    assertEquals(List.of("o2", "o4", "o5"), rows("SELECT order_id FROM finance.orders WHERE acquisition_channel NOT ILIKE"
        + " 'G%' ORDER BY 1"));
    assertEquals(List.of("o1", "o3"), rows("SELECT order_id FROM finance.orders WHERE acquisition_channel ~~ 'goo%'"
        + " ORDER BY 1"));
    String store = storeSql(sql);
    assertTrue(store.contains("ILIKE"), "the store filters: " + store);
  }

  @Test
  void theBooleanAggregatesAreComputedByTheStoreInItsOwnWords() throws SQLException {
    String sql = "SELECT bool_and(amount_rc > 10), bool_or(amount_rc > 400), every(amount_rc > 60) FROM finance.orders";
    assertEquals(List.of("true|true|false"), rows(sql));
    assertEquals(List.of("google_ads|false|true", "meta_ads|true|false", "organic|true|false",
            "unattributed|false|false"),
        rows("SELECT acquisition_channel, bool_and(amount_rc > 60), bool_or(amount_rc > 400) FROM finance.orders"
            + " GROUP BY acquisition_channel ORDER BY 1"));
    String store = storeSql(sql);
    assertTrue(store.contains("JdbcAggregate"), "the store aggregates (DuckDB has no EVERY, PostgreSQL no SOME): " + store);
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
      "true::text => true", "false::text => false", "'a' || true => atrue", "CAST(true AS VARCHAR) => true",
      "CAST(NULL AS BOOLEAN)::text => null", "(1 < 2)::text => true", "true::varchar(3) => tru"})
  void aBooleanAsTextIsWrittenInLowerCaseAsPostgresqlWritesIt(String expression, String expected) throws SQLException {
    assertEquals(expected, value("SELECT " + expression));
  }

  @Test
  void aStoredBooleanAsTextIsLowerCaseToo() throws SQLException {
    assertEquals(List.of("o1|true", "o2|false"), rows("SELECT order_id, (amount_rc > 400)::text FROM finance.orders"
        + " WHERE order_id IN ('o1', 'o2') ORDER BY 1"));
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
      // PostgreSQL 15: SELECT interval '1 day' * 3, 3 * interval '1 hour', ...
      "interval '1 day' * 3 => 3 days", "3 * interval '1 hour' => 03:00:00", "interval '2 days' / 2 => 1 day",
      "interval '1 hour' * 1.5 => 01:30:00", "2.5 * interval '1 day' => 2 days 12:00:00", "interval '1 month' * 2 => 2 mons",
      "interval '1 day' * 0.5e0 => 12:00:00", "interval '3 days' => 3 days", "interval '36 hours' => 36:00:00",
      "interval '1 year 2 months' => 1 year 2 mons", "interval '-1 day' * 1.5 => -1 days -12:00:00",
      "interval '90 minutes' => 01:30:00", "interval '1 day' * 1 => 1 day"})
  void anIntervalTimesANumberKeepsItsUnitAndIsWrittenAsPostgresqlWritesIntervals(String expression, String expected)
      throws SQLException {
    assertEquals(expected, value("SELECT " + expression));
  }

  @Test
  void unnestOfSeveralArraysInFromZipsThemAsPostgresqlDoes() throws SQLException {
    assertEquals(List.of("1|a", "2|b"), rows("SELECT * FROM unnest(ARRAY[1,2], ARRAY['a','b']) AS t(n, s)"));
    assertEquals(List.of("1|a|1", "2|b|2", "null|c|3"),
        rows("SELECT n, s, i FROM unnest(ARRAY[1,2], ARRAY['a','b','c']) WITH ORDINALITY AS t(n, s, i)"));
    assertEquals(List.of("o1|1|o1x", "o1|2|null"), rows("SELECT o.order_id, t.n, t.s FROM finance.orders o,"
        + " unnest(ARRAY[1, 2], ARRAY[o.order_id || 'x']) AS t(n, s) WHERE o.order_id = 'o1' ORDER BY 2"));
  }

  @Test
  void unnestInASelectListBesideConstantsIsARowPerElementAsPostgresqlGivesIt() throws SQLException {
    assertEquals(List.of("a|1", "b|1"), rows("SELECT unnest(ARRAY['a','b']) AS x, 1"));
    assertEquals(List.of("x|10", "x|20"), rows("SELECT 'x', unnest(ARRAY[10, 20])"));
    try (Statement s = FIXTURE.connection().createStatement();
        ResultSet rs = s.executeQuery("SELECT unnest(ARRAY['a','b']) AS x, 1 AS one")) {
      assertEquals("x", rs.getMetaData().getColumnLabel(1));
    }
    try (Statement s = FIXTURE.connection().createStatement(); ResultSet rs = s.executeQuery("SELECT 1, unnest(ARRAY[2])")) {
      assertEquals("unnest", rs.getMetaData().getColumnLabel(2));
    }
  }

  @Test
  void everyExtractIsNamedExtractAsInPostgresqlTheDayOfTheWeekToo() throws SQLException {
    String sql = "SELECT EXTRACT(DOW FROM d), EXTRACT(WEEK FROM d), EXTRACT(YEAR FROM d) FROM (SELECT DATE '2024-01-07' d) x";
    try (Statement s = FIXTURE.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertEquals(List.of("extract", "extract", "extract"), List.of(rs.getMetaData().getColumnLabel(1),
          rs.getMetaData().getColumnLabel(2), rs.getMetaData().getColumnLabel(3)));
      assertTrue(rs.next());
      assertEquals("0|1|2024", rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3), "Sunday is 0");
    }
    assertEquals(List.of("3|1", "4|1"), rows("SELECT EXTRACT(DOW FROM order_date), count(*) FROM finance.orders"
        + " WHERE order_id IN ('o1', 'o3') GROUP BY EXTRACT(DOW FROM order_date) ORDER BY 1"));
  }

  @Test
  void aLateralSubQueryWithAnAggregateSeesEachRowBeforeIt() throws SQLException {
    List<String> grouped = rows("SELECT channel, max(spend_rc) FROM finance.channel_roi GROUP BY channel ORDER BY 1");
    assertEquals(grouped, rows("SELECT c.channel, x.m FROM (SELECT DISTINCT channel FROM finance.channel_roi) c"
        + " CROSS JOIN LATERAL (SELECT max(spend_rc) m FROM finance.channel_roi r WHERE r.channel = c.channel) x ORDER BY 1"));
    assertEquals(grouped, rows("SELECT c.channel, x.m FROM (SELECT DISTINCT channel FROM finance.channel_roi) c"
        + " LEFT JOIN LATERAL (SELECT max(spend_rc) m FROM finance.channel_roi r WHERE r.channel = c.channel) x ON true"
        + " ORDER BY 1"));
    List<String> none = rows("SELECT c.channel, x.m FROM (SELECT DISTINCT channel FROM finance.channel_roi) c"
        + " CROSS JOIN LATERAL (SELECT max(spend_rc) m FROM finance.channel_roi r WHERE r.channel = c.channel"
        + " AND r.spend_rc > 1000000) x ORDER BY 1");
    assertEquals(grouped.size(), none.size(), "an aggregate of no rows is still a row: " + none);
    assertTrue(none.stream().allMatch(row -> row.endsWith("|null")), none.toString());
  }

  private static String storeSql(String sql) throws SQLException {
    return String.join("\n", rows("EXPLAIN PLAN FOR " + sql));
  }

  private static String value(String sql) throws SQLException {
    List<String> rows = rows(sql);
    assertEquals(1, rows.size(), sql);
    return rows.get(0);
  }

  private static List<String> rows(String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = FIXTURE.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          row.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        out.add(row.toString());
      }
    }
    return out;
  }
}
