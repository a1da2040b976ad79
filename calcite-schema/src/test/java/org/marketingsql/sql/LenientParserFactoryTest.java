package org.marketingsql.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** What the lenient parser reads, for the SQL BI tools and analysts type. */
class LenientParserFactoryTest {
  @Test
  void aDateOrTimestampLiteralBeforeTheGregorianReformIsReadAsACastOfItsText() {
    assertEquals("SELECT CAST('1582-10-10' AS DATE), CAST('1000-02-29 12:00:00' AS timestamp), DATE '1582-10-15',"
        + " TIMESTAMP '2025-01-01 10:00:00', CAST(d AS date), 'date' || '0001-01-01'",
        LenientParserFactory.rewrite("SELECT DATE '1582-10-10', timestamp  '1000-02-29 12:00:00', DATE '1582-10-15',"
            + " TIMESTAMP '2025-01-01 10:00:00', CAST(d AS date), 'date' || '0001-01-01'"));
  }

  @Test
  void aKeywordAfterAsIsQuotedExactlyAsWritten() {
    assertEquals("SELECT 1 AS \"update\", 2 AS \"Count\", 3 AS name",
        LenientParserFactory.rewrite("SELECT 1 AS update, 2 AS Count, 3 AS name"));
  }

  @Test
  void jsonOperatorsBecomeCallsOfOperandsTakenAsPostgresqlsPrecedenceTakesThem() {
    assertEquals("SELECT pg_catalog.\"->>\"(pg_catalog.\"->\"(t.doc,'a') , 0) = 'x' AND pg_catalog.\"#>>\"(a || b , '{c}')",
        PgJsonOperators.rewrite("SELECT t.doc->'a' ->> 0 = 'x' AND a || b #>> '{c}'"));
    assertEquals("SELECT (pg_catalog.\"->>\"(p,'amount'))::numeric, f(pg_catalog.\"->\"(x , -1))",
        PgJsonOperators.rewrite("SELECT (p->>'amount')::numeric, f(x -> -1)"));
    // a comment or a string that holds the operator, and a minus before a comparison, are left alone
    String sql = "SELECT '->>' AS s, a--> comment\n, b - > c FROM t";
    assertEquals(sql, PgJsonOperators.rewrite(sql));
  }

  @Test
  void aReservedStatisticsAggregateIsACallOfItsName() {
    // covar_pop is reserved too; after a qualifier a keyword is a name, quoted as written
    assertEquals("SELECT \"corr\"(y, x), \"regr_slope\" (y, x), \"covar_pop\"(y, x), t.\"corr\" FROM t",
        LenientParserFactory.rewrite("SELECT CORR(y, x), regr_slope (y, x), covar_pop(y, x), t.corr FROM t"));
  }

  @Test
  void stringsCommentsQuotedNamesAndDollarQuotesAreLeftAlone() {
    String sql = "SELECT 'x AS year' AS \"year\", $$ AS date $$ /* AS user */ -- AS value\n, E'it\\'s AS month'";
    assertEquals(sql, LenientParserFactory.rewrite(sql));
  }

  @Test
  void aCastsTypeStaysATypeButASubqueryInsideACastNamesItsColumn() {
    assertEquals("SELECT CAST(d AS date), CAST((SELECT 1 AS \"year\") AS integer)",
        LenientParserFactory.rewrite("SELECT CAST(d AS date), CAST((SELECT 1 AS year) AS integer)"));
  }

  @Test
  void columnListsQualifiedNamesAndOrderByAliasesAreQuoted() {
    assertEquals("WITH t (\"user\", \"count\") AS (SELECT a, b FROM x) SELECT t.\"user\" FROM t",
        LenientParserFactory.rewrite("WITH t (user, count) AS (SELECT a, b FROM x) SELECT t.user FROM t"));
    assertEquals("SELECT * FROM (SELECT a, b FROM x) AS v (\"date\", \"value\")",
        LenientParserFactory.rewrite("SELECT * FROM (SELECT a, b FROM x) AS v (date, value)"));
    assertEquals("SELECT COUNT(*) AS \"count\" FROM x GROUP BY a ORDER BY \"count\" DESC",
        LenientParserFactory.rewrite("SELECT COUNT(*) AS count FROM x GROUP BY a ORDER BY count DESC"));
  }

  @Test
  void functionsAndTimeUnitsAreNotNames() {
    String sql = "SELECT TIMESTAMPDIFF(DAY, a, b) AS d, EXTRACT(YEAR FROM a) AS y FROM x ORDER BY d";
    assertEquals(sql, LenientParserFactory.rewrite(sql));
  }

  @Test
  void postgresqlIntervalsTakeTheStandardForm() {
    assertEquals("SELECT d + interval '7' DAY, d - INTERVAL '-1' MONTH, d + interval '2' DAY",
        LenientParserFactory.rewrite("SELECT d + interval '7 days', d - INTERVAL '-1 mon', d + interval '2' DAY"));
    assertEquals("SELECT interval '14' DAY, interval '1-2' YEAR TO MONTH, interval '1 2:30:0' DAY TO SECOND,"
        + " interval '120' DAY(3)", LenientParserFactory.rewrite("SELECT interval '2 weeks', interval '1 year 2 months',"
        + " interval '1 day 2 hours 30 minutes', interval '120 days'"));
    assertEquals("0A000", assertThrows(PgSqlException.class,
        () -> LenientParserFactory.rewrite("SELECT interval '1 month 2 days'")).sqlState(),
        "months with days have no standard form");
  }

  @Test
  void everyIntervalTextPostgresqlReadsTakesTheStandardFormAndAnyOtherIsInvalidInput() {
    assertEquals("SELECT interval '1' MONTH, interval '1-2' YEAR TO MONTH, interval '0 1:2:3' DAY TO SECOND,"
        + " interval '1 2:0:0' DAY TO SECOND, INTERVAL '2' HOUR, INTERVAL '-1' DAY, interval '90' MINUTE",
        LenientParserFactory.rewrite("SELECT interval 'P1M', interval '1-2', interval '01:02:03', interval '1 day 02:00:00',"
            + " CAST('2 hours' AS interval), '1 day ago'::interval, interval '@ 90 mins'"));
    PgSqlException e = assertThrows(PgSqlException.class, () -> LenientParserFactory.rewrite("SELECT 'x'::interval"));
    assertEquals("22007", e.sqlState());
    assertEquals("invalid input syntax for type interval: \"x\"", e.getMessage());
  }

  @Test
  void dateAndTimestampLiteralsInPostgresqlsOtherFormsTakeTheFormCalciteReads() {
    assertEquals("SELECT TIMESTAMP '2024-03-01 10:00:00', DATE '2024-03-01', DATE '2024-03-01', CAST(x AS DATE)",
        LenientParserFactory.rewrite("SELECT TIMESTAMP '2024-03-01 10:00', DATE 'March 1, 2024', DATE '20240301',"
            + " x::date"));
    assertEquals("22008", assertThrows(PgSqlException.class,
        () -> LenientParserFactory.rewrite("SELECT DATE '2024-02-30'")).sqlState());
  }

  @Test
  void atTimeZoneAndTimestamptzLiteralsBecomeCalls() {
    assertEquals("SELECT pg_catalog.timezone('UTC', t.ts), pg_catalog.timezone('UTC', pg_catalog.timezone('Europe/Berlin',"
        + " CAST(x AS TIMESTAMP))) FROM t",
        LenientParserFactory.rewrite("SELECT t.ts AT TIME ZONE 'UTC', x::timestamp AT TIME ZONE 'Europe/Berlin'"
            + " AT TIME ZONE 'UTC' FROM t"));
    assertEquals("SELECT pg_catalog.timestamptz('2024-03-01 00:00:00+01'), pg_catalog.timestamptz('2024-03-01'),"
        + " CAST(pg_catalog.timestamptz('2024-03-01') AS DATE), 'at time zone'",
        LenientParserFactory.rewrite("SELECT timestamp with time zone '2024-03-01 00:00:00+01', timestamptz '2024-03-01',"
            + " '2024-03-01'::timestamptz::date, 'at time zone'"));
  }

  @Test
  void postgresqlCastsBecomeStandardCasts() {
    assertEquals("SELECT CAST('2025-01-01' AS DATE), CAST(x AS DECIMAL(10,2)), CAST(t.col AS \"text\")",
        LenientParserFactory.rewrite("SELECT '2025-01-01'::date, x::numeric(10,2), t.col::text"));
    assertEquals("SELECT CAST(CAST((a + b) AS INTEGER) AS \"text\"), CAST(f(x, 1) AS DOUBLE), CAST(1.5 AS BIGINT)",
        LenientParserFactory.rewrite("SELECT (a + b)::int4::text, f(x, 1)::double precision, 1.5::int8"));
    assertEquals("SELECT pg_catalog.timestamptz(DATE '2025-01-01'), CAST(c AS VARCHAR(20)), CAST(? AS BOOLEAN)",
        LenientParserFactory.rewrite("SELECT DATE '2025-01-01'::timestamp with time zone, c::character varying(20), ?::bool"));
    assertEquals("SELECT x FROM t WHERE CAST(d AS DATE) >= INTERVAL '7' DAY",
        LenientParserFactory.rewrite("SELECT x FROM t WHERE d::pg_catalog.date >= '7 days'::interval"));
  }

  @Test
  void castsInsideStringsCommentsAndQuotedNamesAreLeftAlone() {
    String sql = "SELECT 'a::int', \"b::c\" /* d::int */, $$e::int$$ -- f::int";
    assertEquals(sql, LenientParserFactory.rewrite(sql));
  }

  @Test
  void hintsAndUnpivotParseWithTheCallsBound() throws Exception {
    for (String sql : new String[] {"select * from t unpivot (v for k in (a, b))", "select /*+ finance */ * from t",
        "select current_date, string_agg(a, ',' order by b) from t"}) {
      org.apache.calcite.sql.parser.SqlParser.create(sql, org.apache.calcite.sql.parser.SqlParser.config()
          .withParserFactory(new LenientParserFactory())).parseStmt();
    }
  }

  @Test
  void aSelectWithoutFromReadsOneRowBeforeItsWhereGroupByOrHaving() {
    String one = "FROM (VALUES (0)) AS \"$without_from\"(\"$without_from\") ";
    assertEquals("SELECT 1 " + one + "WHERE false", PgSelectWithoutFrom.rewrite("SELECT 1 WHERE false"));
    assertEquals("SELECT EXISTS (SELECT 1 " + one + "WHERE false)",
        PgSelectWithoutFrom.rewrite("SELECT EXISTS (SELECT 1 WHERE false)"));
    assertEquals("SELECT 1 IS DISTINCT FROM 2, percentile_cont(0.5) WITHIN GROUP (ORDER BY 1) " + one + "GROUP BY 1",
        PgSelectWithoutFrom.rewrite("SELECT 1 IS DISTINCT FROM 2, percentile_cont(0.5) WITHIN GROUP (ORDER BY 1) GROUP BY 1"));
    assertEquals("SELECT 1 UNION SELECT 2 " + one + "HAVING true",
        PgSelectWithoutFrom.rewrite("SELECT 1 UNION SELECT 2 HAVING true"));
  }

  @Test
  void aSelectWithAFromOrWithoutWhereAndSelectStarAreLeftAlone() {
    for (String sql : new String[] {"SELECT a FROM t WHERE a > 1", "SELECT extract(year FROM d) FROM t WHERE x",
        "SELECT (SELECT max(a) FROM t WHERE b) FROM u", "SELECT 1 ORDER BY 1", "SELECT * WHERE true",
        "SELECT 'where', \"group\" FROM t", "SELECT count(*) FILTER (WHERE a) FROM t"}) {
      assertEquals(sql, PgSelectWithoutFrom.rewrite(sql));
    }
  }
}
