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
 * PostgreSQL's everyday text, number and session functions through the driver, each expression's result
 * the one PostgreSQL 15's documentation gives (or PostgreSQL 15 returns) for it; NULL reads {@code null}.
 */
@ExtendWith(IsolatedHome.class)
class PgEverydayFunctionsTest {
  /** One store and one connection, opened by the first case in its isolated home, for every case: the cases only read. */
  @RegisterExtension
  static final StoreFixture FIXTURE = StoreFixture.withExports("finance");

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      // text
      "length('jose')|4", "length('héllo')|5", "length(NULL)|null", "char_length('abc')|3", "character_length('abc')|3",
      "octet_length('é')|2", "initcap('hi THOMAS')|Hi Thomas", "position('om' in 'Thomas')|3",
      "overlay('Txxxxas' placing 'hom' from 2 for 4)|Thomas", "overlay('Txxxxas' placing 'hom' from 2)|Thomxas",
      "concat('abcde', 2, NULL, 22)|abcde222", "concat(NULL)|\"\"", "concat_ws(',', 'abcde', 2, NULL, 22)|abcde,2,22",
      "concat_ws(NULL, 'a', 'b')|null",
      // a boolean as concat and format take it, as its type writes it; quote_literal takes ::text's
      "concat('a', true, NULL, 1 > 2)|atf", "concat_ws(',', true, false)|t,f", "format('%s', true)|t",
      "quote_literal(true)|'true'", "left('abcde', 2)|ab", "left('abcde', -2)|abc", "left('abc', 10)|abc",
      "right('abcde', 2)|de", "right('abcde', -2)|cde", "strpos('high', 'ig')|2", "strpos('high', 'x')|0",
      "split_part('abc~@~def~@~ghi', '~@~', 2)|def", "split_part('abc,def,ghi,jkl', ',', -2)|ghi",
      "split_part('abc', ',', 5)|\"\"", "split_part('abc', '', 1)|abc", "lpad('hi', 5, 'xy')|xyxhi",
      "rpad('hi', 5, 'xy')|hixyx", "lpad('hello', 2)|he", "lpad('hi', -1)|\"\"", "lpad('hi', 4)|\"  hi\"",
      "lpad('hi', 5, '')|hi", "btrim('xyxtrimyyx', 'xyz')|trim", "btrim('  a  ')|a", "ltrim('zzzytest', 'xyz')|test",
      "ltrim('  trim')|trim", "rtrim('testxxzx', 'xyz')|test", "rtrim('a  ')|a", "reverse('abcde')|edcba",
      "starts_with('alphabet', 'alph')|true", "starts_with('alphabet', 'beta')|false",
      "md5('abc')|900150983cd24fb0d6963f7d28e17f72", "regexp_replace('Thomas', '.[mN]a.', 'M')|ThM",
      "regexp_replace('foobarbaz', 'b(..)', 'X\\1Y', 'g')|fooXarYXazY", "regexp_replace('ABCabc', 'b', 'x', 'gi')|AxCaxc",
      "regexp_replace('abab', 'a', '[\\&]')|[a]bab", "translate('12345', '143', 'ax')|a2x5", "repeat('Pg', 4)|PgPgPgPg",
      "repeat('Pg', -1)|\"\"", "chr(65)|A", "chr(8364)|€", "substr('alphabet', 3, 2)|ph", "substr('alphabet', 3)|phabet",
      "substr('alphabet', 0, 3)|al", "quote_ident('Foo bar')|\"\"\"Foo bar\"\"\"", "quote_ident('select')|\"\"\"select\"\"\"",
      "quote_ident('abc')|abc", "quote_literal('O''Reilly')|'O''Reilly'", "quote_literal(42.5)|'42.5'",
      "quote_literal('a\\b')|E'a\\\\b'", "pg_catalog.length('abc')|3",
      // numbers
      "trunc(42.8)|42", "trunc(-42.8)|-42", "trunc(42.4382, 2)|42.43", "trunc(1234.5678, -2)|1200",
      "trunc(CAST(42.8 AS DOUBLE))|42", "log(100)|2", "log(2, 64)|6.0000000000000000", "div(9, 4)|2", "div(-9, 4)|-2",
      "div(9.5, 4.1)|2", "greatest(1, NULL, 3)|3", "least(2, NULL, 1)|1", "greatest(CAST(NULL AS INTEGER), NULL)|null",
      "greatest(1.50, 2.25)|2.25", "to_number('12,454.8-', '99G999D9S')|-12454.8", "to_number('1,234.50', '9,999.99')|1234.50",
      "random() >= 0 AND random() < 1|true",
      // session and types
      "now() = CURRENT_TIMESTAMP|true", "current_database()|marketing", "pg_typeof(1)|integer", "pg_typeof(1.5)|numeric",
      "pg_typeof('a')|text", "pg_typeof(CAST(1 AS float8))|double precision", "pg_typeof(DATE '2024-01-01')|date",
      "pg_typeof(DATE '2024-01-01' + 1)|date", "pg_typeof(DATE '2024-01-02' - DATE '2024-01-01')|integer",
      "char_length(gen_random_uuid())|36", "CAST(1 AS float8)|1", "CAST('7' AS int4) + 1|8", "CAST('7' AS int8)|7",
      "CAST(7 AS int2)|7", "CAST(1.5 AS float4)|1.5", "CAST('true' AS bool)|true", "CAST(1.5 AS text)|1.5",
      "CAST('ab' AS bpchar)|ab", "CAST('1.25' AS numeric(5, 2))|1.25",
      "CAST('2024-01-01 10:00:00' AS timestamptz)|2024-01-01 10:00:00",
      "CAST('2024-01-01 10:00:00' AS pg_catalog.timestamptz)|2024-01-01 10:00:00",
      // dates
      "DATE '2024-01-01' + 1|2024-01-02", "7 + DATE '2024-01-01'|2024-01-08", "DATE '2024-03-01' - 1|2024-02-29",
      "DATE '2024-03-01' - DATE '2024-02-01'|29", "extract(julian from DATE '2024-03-15')|2460385",
      "extract(JULIAN from DATE '1970-01-01')|2440588", "DATE '2024-01-01' + INTERVAL '1' DAY|2024-01-02 00:00:00"})
  void eachFunctionGivesPostgresqlsResult(String expression, String expected) throws SQLException {
    assertEquals(expected, value("SELECT " + expression));
  }

  @Test
  void moneyStaysExactThroughTruncDivGreatestAndToNumber() throws SQLException {
    assertEquals("DECIMAL|DECIMAL|DECIMAL|DECIMAL", String.join("|", types(
        "SELECT trunc(amount_rc, 2), div(amount_rc, 3), greatest(amount_rc, 100), to_number('1.5', '9.9') FROM finance.orders")));
    assertEquals("166", value("SELECT div(amount_rc, 3) FROM finance.orders WHERE order_id = 'o1'"));
  }

  @Test
  void versionNamesPostgresqlAndTheProduct() throws SQLException {
    String version = value("SELECT version()");
    assertTrue(version.matches("PostgreSQL 15\\.0 \\(Marketing SQL .+\\) on x86_64, 64-bit"), version);
  }

  @Test
  void clockTimestampMovesWhileNowStays() throws SQLException {
    assertEquals("true", value("SELECT clock_timestamp() >= now()"));
  }

  @ParameterizedTest(name = "{0} is refused with {1}")
  @CsvSource(delimiter = '|', value = {
      "repeat('x', 20000000)|54000|repeat", "lpad('x', 2000000000)|54000|lpad", "rpad('x', 16777217, 'y')|54000|rpad",
      "format('%2000000000s', 'x')|54000|format", "format('%99999999999s', 'x')|22003|number is out of range",
      "repeat('x', 99999999999)|22003|integer out of range",
      "overlay(repeat('x', 16777216) placing 'y' from 2 for 0)|54000|overlay",
      "split_part('a', ',', 0)|22023|field position must not be zero", "chr(0)|54000|null character not permitted",
      "substr('abc', 1, -1)|22011|negative substring length", "div(1, 0)|22012|division by zero",
      "log(0)|2201E|logarithm of zero"})
  void aResultOverTheLimitOrABadArgumentIsPostgresqlsError(String expression, String state, String message) {
    SQLException e = assertThrows(SQLException.class, () -> value("SELECT " + expression));
    assertEquals(state, e.getSQLState());
    assertTrue(e.getMessage().contains(message), e.getMessage());
  }

  @Test
  void textConcatenationJoinsAsPostgresqlDoesAndStopsAtTheLengthLimit() throws SQLException {
    assertEquals("abcde", value("SELECT 'ab' || 'cd' || 'e'"));
    assertEquals("null", value("SELECT CAST(NULL AS VARCHAR) || 'a'"), "null, as the rows read it");
    SQLException e = assertThrows(SQLException.class, () -> value("SELECT repeat('x', 10000000) || repeat('y', 10000000)"));
    assertEquals("54000", e.getSQLState());
    assertTrue(e.getMessage().contains("textcat() would build a text of 20000000 characters"), e.getMessage());
  }

  @Test
  void functionsDuckdbHasTooRunInsideTheStore() throws SQLException {
    String sql = "SELECT length(order_id), strpos(order_id, '1'), concat(order_id, '-', amount_rc), md5(order_id),"
        + " greatest(amount_rc, 100), starts_with(order_id, 'o'), order_id || '-' || customer_id FROM finance.orders"
        + " WHERE order_id = 'o1'";
    String plan = String.join("\n", rows("EXPLAIN PLAN FOR " + sql));
    assertTrue(plan.startsWith("JdbcToEnumerableConverter") && !plan.substring(plan.indexOf('\n')).contains("Enumerable")
        && plan.contains("LENGTH(") && plan.contains("STRPOS(") && plan.contains("CONCAT(") && plan.contains("MD5(")
        && plan.contains("TEXTCAT("), plan);
    assertEquals(List.of("2|2|o1-500.000000|f1584b995a4770986ad75bb8d29e9734|500.000000|true|o1-c1"), rows(sql));
  }

  @Test
  void functionsWithALengthLimitRunAboveTheStore() throws SQLException {
    String plan = String.join("\n", rows("EXPLAIN PLAN FOR SELECT repeat(order_id, 2), lpad(order_id, 4, '0')"
        + " FROM finance.orders"));
    assertTrue(plan.contains("EnumerableCalc") && plan.contains("JdbcTableScan"), plan);
    assertEquals(List.of("00o1|o1o1"), rows("SELECT lpad(order_id, 4, '0'), repeat(order_id, 2) FROM finance.orders"
        + " WHERE order_id = 'o1'"));
  }

  @Test
  void dateArithmeticWorksOnStoreColumns() throws SQLException {
    assertEquals(List.of("2025-01-15|15|2025-01-23"), rows("SELECT order_date - 1, order_date - DATE '2025-01-01',"
        + " 7 + order_date FROM finance.orders WHERE order_id = 'o1'"));
  }

  private String value(String sql) throws SQLException {
    List<String> rows = rows(sql);
    assertEquals(1, rows.size(), sql);
    return rows.get(0);
  }

  private List<String> types(String sql) throws SQLException {
    try (Statement s = FIXTURE.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
      List<String> out = new ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        out.add(rs.getMetaData().getColumnTypeName(i));
      }
      return out;
    }
  }

  private List<String> rows(String sql) throws SQLException {
    return org.marketingsql.testing.Sql.lines(FIXTURE.connection(), sql);
  }

}
