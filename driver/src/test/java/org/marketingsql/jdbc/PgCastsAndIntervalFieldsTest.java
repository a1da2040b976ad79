package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.PostgresCluster;
import org.marketingsql.testing.Sql;
import org.marketingsql.testing.StoreFixture;
import org.postgresql.util.PSQLException;

/**
 * An interval's fields, a text cast to another type that fails, and the name of a cast's result column, through the
 * driver over the finance fixture, each compared with what a real PostgreSQL 15 gives for the same statement.
 */
@ExtendWith(IsolatedHome.class)
class PgCastsAndIntervalFieldsTest {
  @RegisterExtension
  static final PostgresCluster POSTGRES = PostgresCluster.trust();
  @RegisterExtension
  static final StoreFixture FIXTURE = StoreFixture.withExports("finance");
  private static Connection driver;
  private static Connection postgresql;

  @BeforeAll
  static void connect() throws SQLException {
    driver = FIXTURE.connection();
    postgresql = POSTGRES.connection();
  }

  @AfterAll
  static void close() throws SQLException {
    driver.close();
    postgresql.close();
  }

  @Test
  void anIntervalsFieldsAreThoseOfItsMonthsDaysAndTimeKeptApartAsInPostgresql() throws Exception {
    assertLikePostgresql(List.of(
        "SELECT extract(hour from interval '26 hours'), extract(day from interval '36 hours'),"
            + " extract(hour from interval '36 hours'), extract(hour from interval '1 day 3 hours'),"
            + " extract(day from interval '1 day 3 hours'), extract(hour from interval '-26 hours')",
        "SELECT extract(minute from interval '90 minutes'), extract(hour from interval '90 minutes'),"
            + " extract(second from interval '90.5 seconds'), extract(milliseconds from interval '90.5 seconds'),"
            + " extract(microseconds from interval '2 seconds')",
        "SELECT extract(month from interval '14 months'), extract(year from interval '14 months'),"
            + " extract(day from interval '14 months'), extract(month from interval '-14 months'),"
            + " extract(year from interval '-14 months')",
        "SELECT extract(epoch from interval '1 month'), extract(epoch from interval '1 year 2 months'),"
            + " extract(epoch from interval '36 hours'), extract(epoch from interval '1 day 2 hours'),"
            + " extract(epoch from interval '90.5 seconds')",
        "SELECT date_part('hour', interval '26 hours'), date_part('day', interval '36 hours'),"
            + " date_part('epoch', interval '1 month'), date_part('month', interval '14 months'),"
            + " date_part('second', interval '90.5 seconds')",
        "SELECT extract(hour from interval '1 day' * 3 + interval '5 hours'), extract(hour from interval '12 hours' * 3)"));
  }

  @Test
  void aTextThatIsNoValueOfItsCastsTypeIsRefusedInPostgresqlsWordsAndState() throws Exception {
    List<Executable> checks = new ArrayList<>();
    for (String cast : List.of("'x'::int", "'1.5'::integer", "'99999999999'::int", "'99999'::smallint", "'x'::bigint",
        "CAST('x' AS numeric(10,2))", "'x'::real", "'1e39'::real", "'x'::double precision", "'1e309'::float8",
        "'x'::boolean", "'x'::date", "'2024-13-01'::date", "'x'::timestamp", "'2024-01-01 25:00:00'::timestamp")) {
      checks.add(refusedLikePostgresql("SELECT " + cast, "SELECT " + cast));
      // a text column the driver holds
      String column = cast.replaceFirst("'[^']*'", "v").replace("'", "");
      String literal = cast.replaceAll(".*'([^']*)'.*", "$1");
      checks.add(refusedLikePostgresql("SELECT " + column + " FROM (VALUES ('" + literal + "')) AS t(v)",
          "SELECT " + column + " FROM (VALUES ('" + literal + "')) AS t(v)"));
    }
    assertAll(checks);
  }

  @Test
  void aTextColumnOfTheStoreCastToANumberDateOrBooleanIsRefusedInPostgresqlsWords() throws Exception {
    String channel = Sql.lines(driver, "SELECT min(channel) FROM finance.channel_roi").get(0);
    List<Executable> checks = new ArrayList<>();
    for (String type : List.of("int", "bigint", "numeric(10,2)", "double precision", "boolean", "date")) {
      checks.add(refusedLikePostgresql("SELECT CAST(channel AS " + type + ") FROM finance.channel_roi WHERE channel = '"
          + channel + "'", "SELECT CAST('" + channel + "'::text AS " + type + ")"));
    }
    assertAll(checks);
  }

  @Test
  void aTextThatIsAValueOfItsCastsTypeIsReadAsPostgresqlReadsIt() throws Exception {
    assertLikePostgresql(List.of("SELECT ' 12 '::int, 'yes'::boolean::text, 'off'::bool::text, '1.5e2'::numeric(10,2),"
        + " '2024-02-29'::date, CAST('2024-01-01 10:00:00' AS timestamp), v::int + 1 FROM (VALUES ('41')) AS t(v)"));
  }

  @Test
  void aStoreDateComparedWithATextCastToADateIsComparedInTheStore() throws Exception {
    // node-postgres sends a date parameter as such a text; Calcite's SQL writer leaves the cast out of a comparison
    String days = "SELECT count(*) FROM finance.orders WHERE order_date >= ";
    assertEquals(Sql.lines(driver, days + "DATE '2025-02-01'"),
        Sql.lines(driver, days + "CAST('2025-02-01T00:00:00.000+00:00' AS date)"));
    assertEquals(Sql.lines(driver, days + "DATE '2025-02-01'"), Sql.lines(driver, days + "'2025-02-01'::date"));
  }

  @Test
  void aCastsColumnIsNamedAfterItsTypeAsPostgresqlNamesIt() throws Exception {
    String sql = "SELECT '{a}'::text[], '{1}'::int[], '{}'::integer[], CAST('{1.5}' AS numeric(10,2)[]),"
        + " '{t}'::boolean[], '{2024-01-01}'::date[], '{1}'::bigint[], ARRAY[1]::int[], '1'::int, 1.5::numeric(10,2),"
        + " CAST('x' AS varchar), 'x'::text, '1'::double precision";
    assertEquals(labels(postgresql, sql), labels(driver, sql), sql);
    String nested = "SELECT * FROM (SELECT '{a}'::text[], '{1}'::int[]) s";
    assertEquals(labels(postgresql, nested), labels(driver, nested), nested);
  }

  private static void assertLikePostgresql(List<String> statements) throws SQLException {
    List<Executable> checks = new ArrayList<>();
    for (String sql : statements) {
      List<String> expected = Sql.lines(postgresql, sql);
      List<String> actual = Sql.lines(driver, sql);
      checks.add(() -> assertEquals(expected, actual, sql));
    }
    assertAll(checks);
  }

  /** A check that {@code sql} fails through the driver with the state and message {@code same} has in PostgreSQL. */
  private static Executable refusedLikePostgresql(String sql, String same) {
    PSQLException expected = assertThrows(PSQLException.class, () -> Sql.lines(postgresql, same), same);
    return () -> {
      SQLException actual = assertThrows(SQLException.class, () -> Sql.lines(driver, sql), sql);
      assertEquals(expected.getSQLState() + " " + expected.getServerErrorMessage().getMessage(),
          actual.getSQLState() + " " + actual.getMessage(), sql);
    };
  }

  private static List<String> labels(Connection c, String sql) throws SQLException {
    List<String> labels = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        labels.add(meta.getColumnLabel(i));
      }
    }
    return labels;
  }
}
