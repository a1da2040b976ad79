package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
 * The SQL analysts and BI tools type, through the driver as a BI tool that loads the driver's jar sends it:
 * PostgreSQL's {@code ::} casts, its JSON, regular expression and interval functions, numeric logarithms and
 * the limit on what {@code string_agg} builds, each with PostgreSQL 15's result.
 */
@ExtendWith(IsolatedHome.class)
class PgAnalystSqlTest {
  @RegisterExtension
  static final StoreFixture FIXTURE = StoreFixture.withExports("finance");

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "'2025-01-01'::date|2025-01-01", "'2025-01-01'::date + 1|2025-01-02", "'12.345'::numeric(10,2)|12.35", "'-12.345'::numeric(10,2)|-12.35", "CAST(2.5 AS DECIMAL(3, 0))|3",
      "42::text|42", "'7'::int4 + 1|8", "(1 + 2)::float8|3", "'1.5'::numeric::text|1.5",
      "'2025-01-01 10:30:00'::timestamptz|2025-01-01 10:30:00", "'2025-01-01 10:30:00'::timestamp::date|2025-01-01",
      "'t'::bool|true", "'off'::boolean|false", "'1.50'::numeric|1.50", "2.125::numeric|2.125",
      "CAST(2.125 AS numeric)|2.125", "CAST('1.50' AS DECIMAL)|1.50", "cast(-0.119786 as Numeric)|-0.119786",
      "CAST(CAST(2.75 AS decimal) AS pg_catalog.numeric)|2.75", "DATE '2025-01-31' + '1 day'::interval|2025-02-01 00:00:00", "'ab'::varchar(1)|a",
      "pg_typeof('x'::text)|text"})
  void postgresqlCastsWorkThroughTheDriver(String expression, String expected) throws SQLException {
    assertEquals(expected, value("SELECT " + expression));
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(delimiterString = " => ", quoteCharacter = '`', value = {
      // PostgreSQL 15: {a,b} | {1,2} | {"x y",NULL} | {"a b",c} | {} | {2025-01-01} | {t,f} | {1.50,2}
      "'{a,b}'::text[] => [a, b]", "CAST('{1,2}' AS int[]) => [1, 2]", "'{\"x y\",NULL}'::text[] => [x y, null]",
      "' { a b , c } '::text[] => [a b, c]", "cardinality('{}'::text[]) => 0", "'{2025-01-01}'::date[] => [2025-01-01]",
      "'{t,no}'::bool[] => [true, false]", "'{1.50,2}'::numeric[] => [1.50, 2]",
      // {"a,b","c\"d","e "}: a backslash takes the next character, an escaped blank stays
      "array_length('{a\\,b,c\\\"d, e\\ }'::text[], 1) => 3", "('{a\\,b,c\\\"d, e\\ }'::text[])[3] || '.' => e .",
      // {NULL,"NULL","NULL"}: only an unquoted, unescaped NULL is SQL NULL
      "('{nuLL,\"NULL\",\\NULL}'::text[])[1] IS NULL => true", "('{nuLL,\"NULL\",\\NULL}'::text[])[3] => NULL",
      "'b' = ANY('{a,b}'::text[]) => true", "3 <> ALL (CAST('{1,2}' AS pg_catalog.int4[])) => true"})
  void aTextCastToAnArrayIsTheArrayPostgresqlReadsFromIt(String expression, String expected) throws SQLException {
    assertEquals(expected, value("SELECT " + expression));
  }

  @ParameterizedTest(name = "{0} is refused: {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "'{a'::text[]|malformed array literal: \"{a\"", "CAST('{a} x' AS text[])|malformed array literal: \"{a} x\"",
      "'a'::text[]|malformed array literal: \"a\"",
      "'{{1,2},{3,4}}'::int[]|malformed array literal: \"{{1,2},{3,4}}\": multidimensional arrays are not supported"})
  void aTextThatIsNoArrayIsAMalformedArrayLiteral(String expression, String message) {
    SQLException e = assertThrows(SQLException.class, () -> value("SELECT " + expression));
    assertEquals("22P02", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @ParameterizedTest(name = "{0} is refused with {1}: {2}")
  @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
      "'{1,x}'::int[]|22P02|invalid input syntax for type integer: \"x\"",
      "'{1, 2x}'::bigint[]|22P02|invalid input syntax for type bigint: \"2x\"",
      "'{1,3000000000}'::int[]|22003|value \"3000000000\" is out of range for type integer",
      "'{1.5,x}'::numeric[]|22P02|invalid input syntax for type numeric: \"x\"",
      "'{2024-01-01,x}'::date[]|22007|invalid input syntax for type date: \"x\"",
      "'{t,x}'::boolean[]|22P02|invalid input syntax for type boolean: \"x\""})
  void anArrayElementThatIsNoValueOfItsTypeIsPostgresqlsInvalidInput(String expression, String state, String message) {
    SQLException e = assertThrows(SQLException.class, () -> value("SELECT " + expression));
    assertEquals(state, e.getSQLState(), e.getMessage());
    assertEquals(message, e.getMessage());
  }

  @Test
  void anArrayLiteralOfValuesOfItsTypeIsReadAsBefore() throws SQLException {
    assertEquals("[-1, 2, 3]", value("SELECT '{-1, +2 , 3 }'::int[]"));
    assertEquals("[true, false]", value("SELECT '{yes,OFF}'::boolean[]"));
  }

  @Test
  void aSelectWithoutFromTakesWhereGroupByAndHavingOverItsOneRow() throws SQLException {
    // PostgreSQL 15: no row, one row, false, 0, one row, no row
    assertEquals(List.of(), rows("SELECT 1 WHERE false"));
    assertEquals(List.of("x"), rows("SELECT 'x' WHERE 1 = 1"));
    assertEquals(List.of("false"), rows("SELECT EXISTS (SELECT 1 WHERE false)"));
    assertEquals(List.of("0"), rows("SELECT count(*) WHERE false"));
    assertEquals(List.of("1|1"), rows("SELECT 1 AS a, count(*) GROUP BY 1 HAVING count(*) > 0"));
    assertEquals(List.of(), rows("SELECT 1 HAVING false"));
    // a correlated sub-query without FROM reads the row of the query around it
    assertEquals(List.of("o2", "o3"), rows("SELECT order_id FROM finance.orders o"
        + " WHERE EXISTS (SELECT 1 WHERE o.order_id IN ('o2', 'o3')) ORDER BY order_id"));
  }

  @Test
  void countOfATablesRowCountsEveryRowOfIt() throws SQLException {
    // PostgreSQL 15: 3 | 3 (a row of nulls is still a row) and 5 orders
    assertEquals(List.of("3|3"), rows("SELECT count(v.*), count(*) FROM (VALUES (1, NULL), (NULL, NULL), (2, 3)) v(a, b)"));
    assertEquals(List.of("5"), rows("SELECT count(o.*) FROM finance.orders o"));
    // PostgreSQL 15: 3, a pair with one null is a row that is not null
    assertEquals(List.of("3"), rows("SELECT count(DISTINCT (a, b)) FROM (VALUES (1, 2), (1, 2), (1, NULL), (NULL, NULL)) v(a, b)"));
    assertEquals(List.of("1|1"), rows("SELECT a, count(v.*) FROM (VALUES (1, 1)) v(a, b) JOIN finance.orders o"
        + " ON o.order_id = 'o1' GROUP BY a"));
  }

  @Test
  void countOfTheRowOfATableAnOuterJoinMayLeaveOutIsRefusedWithTheWayRound() {
    SQLException e = assertThrows(SQLException.class, () -> rows("SELECT k.k, count(v.*) FROM (VALUES (1), (2)) k(k)"
        + " LEFT JOIN (VALUES (1, 2)) v(a, b) ON k.k = v.a GROUP BY k.k"));
    assertEquals("0A000", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("count a column of v that is never null"), e.getMessage());
  }

  @Test
  void aStoreColumnComparedWithAnArrayLiteralIsFilteredByItsElements() throws SQLException {
    assertEquals(List.of("o1", "o2"), rows("SELECT order_id FROM finance.orders"
        + " WHERE order_id = ANY('{o1,\"o2\"}'::text[]) AND order_id <> ALL (CAST('{o3}' AS varchar[])) ORDER BY 1"));
  }

  @ParameterizedTest(name = "{0} is [{1}]")
  @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
      "'[' || CASE WHEN 1 = 1 THEN 'up' ELSE 'down' END || ']' => [up]",
      "length(CASE WHEN 1 = 1 THEN 'up' ELSE 'down' END) => 2",
      "(SELECT string_agg(x || '.', '') FROM (VALUES ('alice'), ('fin')) AS v(x)) => alice.fin.",
      "(SELECT max(length(x)) FROM (SELECT 'a' AS x UNION ALL SELECT 'abc') u WHERE x <> 'abc') => 1",
      "CASE WHEN 1 = 1 THEN 'up' ELSE 'down' END = 'up' => true"})
  void textsOfDifferentLengthsInOneColumnKeepTheirOwnLengthAsPostgresqlsTextDoes(String expression, String expected)
      throws SQLException {
    assertEquals(expected, value("SELECT " + expression));
  }

  @Test
  void aCastToNumericWithoutPrecisionKeepsTheMoneysCentsInSelectsFiltersAndGroups() throws SQLException {
    // BI tools write CAST(x AS numeric) / CAST(x AS decimal): PostgreSQL keeps every digit, never rounds to a whole
    assertEquals(List.of("o1|500.250000|500.250000"), rows("SELECT order_id, CAST(amount_rc + 0.25 AS numeric),"
        + " sum(CAST(amount_rc + 0.25 AS decimal)) FROM finance.orders WHERE CAST(amount_rc + 0.25 AS NUMERIC) > 500.2"
        + " AND order_id = 'o1' GROUP BY order_id, CAST(amount_rc + 0.25 AS numeric)"));
  }

  @Test
  void castsWorkOnStoreColumnsInFiltersAndGroups() throws SQLException {
    assertEquals(List.of("o1|500.00|2025-01-16"), rows("SELECT order_id::text, amount_rc::numeric(12,2),"
        + " order_date::date FROM finance.orders WHERE order_id::text = 'o1' AND order_date::date >= '2025-01-01'::date"));
  }

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      // PostgreSQL 15: SELECT to_json('a"b'::text), to_json(1.50), ...
      "to_json('a\"b'::text)|\"\"\"a\\\"\"b\"\"\"", "to_json(1.50)|1.50", "to_json(true)|true", "to_json(42)|42",
      "to_json(DATE '2025-01-31')|\"\"\"2025-01-31\"\"\"", "to_json(TIMESTAMP '2025-01-31 10:00:00')|\"\"\"2025-01-31T10:00:00\"\"\"",
      "to_json(ARRAY['a', 'b'])|\"[\"\"a\"\",\"\"b\"\"]\"", "to_json(CAST(NULL AS VARCHAR))|null",
      "json_build_object('a', 1, 'b', 'x')|\"{\"\"a\"\" : 1, \"\"b\"\" : \"\"x\"\"}\"",
      "json_build_object('n', NULL, 1, 2.5)|\"{\"\"n\"\" : null, \"\"1\"\" : 2.5}\"", "json_build_object()|{}",
      "json_build_object('line', concat('a', chr(10), 'b'))|\"{\"\"line\"\" : \"\"a\\nb\"\"}\"",
      "regexp_match('foobarbequebaz', 'bar.*que')|[barbeque]", "regexp_match('foobarbequebaz', '(bar)(beque)')|[bar, beque]",
      "regexp_match('abc', 'x')|null", "regexp_matches('foobarbequebaz', '(b..)')|[bar]",
      "regexp_matches('ABC', 'b', 'i')|[B]", "array_length(regexp_match('a1b22', '(\\d)\\D(\\d+)'), 1)|2",
      "justify_days(interval '35 days')|1 mon 5 days", "justify_days(interval '-35 days')|-1 mons -5 days",
      "justify_hours(interval '27 hours')|1 day 03:00:00", "justify_interval(interval '400 days')|1 year 1 mon 10 days",
      "justify_days(interval '30 days')|1 mon", "justify_hours(CAST(NULL AS INTERVAL DAY))|null",
      "log(100.0)|2.0000000000000000", "log(2.0, 64.0)|6.0000000000000000", "ln(2.0)|0.6931471805599453",
      "log10(1000.00)|3.0000000000000000", "ln(1.0) = 0|true", "log(100)|2",
      "ln(CAST(10 AS DOUBLE)) > 2.30|true", "log(CAST(NULL AS DECIMAL(5, 2)))|null"})
  void postgresqlsJsonRegexpIntervalAndLogarithmFunctionsAnswerAsPostgresqlDoes(String expression, String expected)
      throws SQLException {
    assertEquals(expected, value("SELECT " + expression));
  }

  @Test
  void aLogarithmOfMoneyIsNumeric() throws SQLException {
    assertEquals(List.of("DECIMAL|DECIMAL|DOUBLE"), List.of(String.join("|",
        types("SELECT log(amount_rc), ln(amount_rc), log(2) FROM finance.orders"))));
    assertEquals("2.6989700043360188", value("SELECT log(amount_rc) FROM finance.orders WHERE order_id = 'o1'"));
  }

  @ParameterizedTest(name = "{0} is refused with {1}")
  @CsvSource(delimiter = '|', value = {
      "regexp_matches('abab', 'a', 'g')|0A000|global", "regexp_match('a', '(')|2201B|invalid regular expression",
      "json_build_object(CAST(NULL AS VARCHAR), 1)|22004|null value not allowed for object key",
      "ln(0.0)|2201E|logarithm of zero", "log(1.0, 5.0)|22012|division by zero",
      "'x1'::numeric|22P02|invalid input syntax for type numeric"})
  void aBadArgumentIsPostgresqlsError(String expression, String state, String message) {
    SQLException e = assertThrows(SQLException.class, () -> value("SELECT " + expression));
    assertEquals(state, e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @ParameterizedTest(name = "{0} does not exist")
  @CsvSource(delimiter = '|', value = {
      "string_agg(amount_rc, ',')|function string_agg(numeric, text) does not exist",
      "justify_days('x')|function justify_days(text) does not exist"})
  void aCallWithArgumentsNoSignatureTakesIsRefusedWithPostgresqlsWords(String expression, String message) {
    SQLException e = assertThrows(SQLException.class, () -> value("SELECT " + expression + " FROM finance.orders"));
    assertEquals("42883", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void stringAggJoinsInOrderSkipsNullsAndTakesANullDelimiterAsNothing() throws SQLException {
    assertEquals("o1,o2", value("SELECT string_agg(order_id, ',' ORDER BY order_id) FROM finance.orders"
        + " WHERE order_id IN ('o1', 'o2')"));
    assertEquals("o2;o1", value("SELECT string_agg(order_id, ';' ORDER BY order_id DESC) FROM finance.orders"
        + " WHERE order_id IN ('o1', 'o2')"));
    assertEquals("o1o2", value("SELECT string_agg(order_id, NULL ORDER BY order_id) FROM finance.orders"
        + " WHERE order_id IN ('o1', 'o2')"));
    assertEquals("null", value("SELECT string_agg(CAST(NULL AS VARCHAR), ',') FROM finance.orders"));
    assertEquals("null", value("SELECT string_agg(order_id, ',') FROM finance.orders WHERE order_id = 'none'"));
  }

  @Test
  void stringAggRefusesATextOverTheLimitInsteadOfGrowingWithoutEnd() throws SQLException {
    SQLException e = assertThrows(SQLException.class, () -> value("SELECT string_agg(repeat('x', 8000000), ',')"
        + " FROM (VALUES (1), (2), (3)) AS t(i)"));
    assertEquals("54000", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("string_agg() would build a text of"), e.getMessage());
    assertEquals("1", value("SELECT 1"), "the connection goes on");
  }

  @Test
  void clockTimestampFollowsTheConnectionsTimeZoneAsNowDoes() throws SQLException {
    java.util.Properties info = new java.util.Properties();
    info.setProperty("timeZone", "Pacific/Kiritimati");
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(FIXTURE.csvUrl(), info);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT now(), clock_timestamp(), LOCALTIMESTAMP")) {
      rs.next();
      long now = rs.getTimestamp(1).getTime();
      long clock = rs.getTimestamp(2).getTime();
      assertTrue(clock >= now && clock - now < 60_000, rs.getString(1) + " and " + rs.getString(2));
    }
  }

  @Test
  void theCurrentDateAndTimeAreTheConnectionsTimeZonesInFiltersTooNotTheStoresProcess() throws SQLException {
    java.util.Properties info = new java.util.Properties();
    info.setProperty("timeZone", "Pacific/Kiritimati");
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(FIXTURE.csvUrl(), info);
        Statement s = c.createStatement()) {
      String sql = "SELECT order_id, CAST(now() AS DATE), current_date FROM finance.orders WHERE order_date < current_date"
          + " AND CAST(order_date AS TIMESTAMP) < now() AND order_id = 'o1'";
      String kiritimati = java.time.LocalDate.now(java.time.ZoneId.of("Pacific/Kiritimati")).toString();
      try (ResultSet rs = s.executeQuery(sql)) {
        assertTrue(rs.next(), sql);
        assertEquals("o1", rs.getString(1));
        assertEquals(kiritimati, rs.getString(2), "now() in the connection's zone");
        assertEquals(kiritimati, rs.getString(3), "current_date in the connection's zone");
      }
      try (ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
        rs.next();
        String plan = rs.getString(1);
        assertTrue(!plan.substring(plan.indexOf("JdbcToEnumerableConverter")).contains("CURRENT_DATE"),
            "the current date is computed above the store, not in the store's own zone: " + plan);
      }
    }
  }

  String value(String sql) throws SQLException {
    List<String> rows = rows(sql);
    assertEquals(1, rows.size(), sql);
    return rows.get(0);
  }

  List<String> types(String sql) throws SQLException {
    try (Statement s = FIXTURE.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
      List<String> out = new ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        out.add(rs.getMetaData().getColumnTypeName(i));
      }
      return out;
    }
  }

  List<String> rows(String sql) throws SQLException {
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
