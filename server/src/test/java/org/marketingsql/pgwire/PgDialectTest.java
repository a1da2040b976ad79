package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PgDialectTest {
  @Test
  void aCastBecomesCastAndNestsLeftToRight() {
    assertEquals("select CAST(CAST(c . oid AS \"oid\") AS \"text\") from t c", PgDialect.toCalcite("select c.oid::oid::text from t c"));
    assertEquals("select CAST('2025-01-01' AS DATE)", PgDialect.toCalcite("select '2025-01-01'::pg_catalog.date"));
    assertEquals("select CAST(( a + 1 ) AS DECIMAL(10,2))", PgDialect.toCalcite("select (a + 1)::numeric(10,2)"));
  }

  @Test
  void anArrayLiteralIsTheArrayItSpellsAsTheDriverSpellsItSoAQuantifierComparesEachElement() {
    assertEquals("select word from k where word NOT IN (cast ( 'a' as \"text\" ) , cast ( 'b c' as \"text\" ) ,"
        + " cast ( 'd\"e' as \"text\" ))",
        PgDialect.toCalcite("select word from k where word <> ALL ('{a,\"b c\",\"d\\\"e\"}'::text[])"));
    assertEquals("select 3 IN (cast ( '1' as integer ) , cast ( '2' as integer ) , cast ( null as integer ))",
        PgDialect.toCalcite("select 3 = any('{1, 2, NULL}'::pg_catalog.int4[])"));
    // elsewhere the array is marked as the cast it was, so that its column is named after the element type
    assertEquals("select pg_catalog . \"array literal\" ( array [ cast ( 'it''s' as \"text\" ) ] , 'text' )",
        PgDialect.toCalcite("select '{it''s}'::text[]"));
    // an element type the driver does not know: the literal stays as it is
    assertEquals("select '{x}'", PgDialect.toCalcite("select '{x}'::regtype[]"));
  }

  @Test
  void anArrayLiteralThatIsNoOneDimensionalArrayIsRefusedAsMalformed() {
    for (String literal : new String[] {"'{{1},{2}}'", "'{a'", "'{a,}'"}) {
      org.marketingsql.sql.PgSqlException e = org.junit.jupiter.api.Assertions.assertThrows(
          org.marketingsql.sql.PgSqlException.class, () -> PgDialect.toCalcite("select " + literal + "::int[]"));
      assertEquals("22P02", e.sqlState(), e.getMessage());
      assertTrue(e.getMessage().startsWith("malformed array literal"), e.getMessage());
    }
  }

  @Test
  void aLimitOrOffsetBoundInParenthesesOrCastToAnIntegerIsTheNumber() {
    // LIMIT $1 bound by the port, and SQLAlchemy 2.0's LIMIT $1::INTEGER over psycopg 3
    assertEquals("select a from t limit 100 offset 5", PgDialect.toCalcite("select a from t LIMIT (100) OFFSET (5)"));
    assertEquals("select a from t limit 100", PgDialect.toCalcite("select a from t LIMIT (100)::INTEGER"));
    assertEquals("select a from t limit 100", PgDialect.toCalcite("select a from t LIMIT 100::pg_catalog.int8"));
    assertEquals("select a from t limit all offset 0", PgDialect.toCalcite("select a from t LIMIT (NULL)::INTEGER OFFSET (NULL)"));
    assertEquals("select a from t limit all offset 0", PgDialect.toCalcite("select a from t limit null offset null"));
    assertEquals("select a from t limit 3", PgDialect.toCalcite("select a from t limit 3"));
  }

  @Test
  void columnsNamedAfterStatementsAreQuotedWhereTheyNameAColumnOnly() {
    assertEquals("select true as \"select\" , false as \"delete\" from t where t . \"update\" or t . \"select\"",
        PgDialect.toCalcite("select true as select, false as delete from t where t.update or t.select"));
    assertEquals("prepare p as select 1", PgDialect.toCalcite("prepare p as select 1"));
    assertEquals("select ( select 1 ) as x", PgDialect.toCalcite("select (select 1) as x"));
  }

  @Test
  void aTypedLiteralIsCastWholeAsABoundDateParameterBecomesOne() {
    // postgres.js binds ${'2025-01-16'}::date as DATE '2025-01-16'::date
    assertEquals("select CAST(date '2025-01-16' AS DATE) as d", PgDialect.toCalcite("select DATE '2025-01-16'::date as d"));
  }

  @Test
  void aTimestamptzLiteralIsCastWholeWhicheverWayItsTypeIsWritten() {
    assertEquals("select CAST(timestamptz '2024-03-01 10:15:30.5+01' AS \"text\")",
        PgDialect.toCalcite("select timestamptz '2024-03-01 10:15:30.5+01'::text"));
    assertEquals("select CAST(timestamp with time zone '2024-03-01 10:15:30.5+01' AS \"text\")",
        PgDialect.toCalcite("select timestamp with time zone '2024-03-01 10:15:30.5+01'::text"));
  }

  @Test
  void aFunctionInFromIsATableFunctionOrAOneRowTableButExtractsFromStaysACall() {
    assertEquals("select i from TABLE(generate_series ( array_lower ( a , 1 ) , 2 )) as i",
        PgDialect.toCalcite("select i from generate_series(array_lower(a, 1), 2) as i"));
    assertEquals("select * from t , LATERAL (SELECT upper ( 'x' ) AS \"c\") AS \"s\" join u on true",
        PgDialect.toCalcite("select * from t, upper('x') AS s(c) join u on true"));
    assertEquals("select * from (SELECT initcap ( 'x' ) AS \"initcap\") AS \"initcap\" where extract ( year from d ) = 1",
        PgDialect.toCalcite("select * from initcap('x') where extract(year from d) = 1"));
    assertEquals("select * from (SELECT pg_encoding_to_char ( 6 ) AS \"u\") AS \"u\"",
        PgDialect.toCalcite("select * from pg_catalog.pg_encoding_to_char(6) u"), "the port's own function");
  }

  @Test
  void aStandardCastToRegclassOrTextTakesThePostgresqlWay() {
    // SQLAlchemy 2.0's inspector
    assertEquals(PgDialect.toCalcite("select 'pg_catalog.pg_class'::regclass"),
        PgDialect.toCalcite("select CAST('pg_catalog.pg_class' AS REGCLASS)"));
    String named = PgDialect.toCalcite("select CAST(CAST(a.attrelid AS REGCLASS) AS TEXT) from t a");
    assertTrue(named.startsWith("select regclass_text(regclass_oid(( a . attrelid ), 'marketing', (SELECT string_agg("),
        "the operand's type picks the function's overload: a number, or a name to look up; as text, its name: " + named);
    assertEquals("select cast ( x as date )", PgDialect.toCalcite("select CAST(x AS DATE)"), "Calcite's own types stay");
  }

  @Test
  void currentSettingOfAReportedSettingIsTheSessionsValue() {
    // each value named as PostgreSQL names the call it stands for
    assertEquals("select 'finance' as \"current_setting\" , 'ISO, MDY' as \"current_setting\" ,"
        + " current_setting ( 'work_mem' , true )",
        PgDialect.toCalcite("select current_setting('search_path'), current_setting('DateStyle', false),"
            + " current_setting('work_mem', true)", "finance"));
  }

  @Test
  void aRewrittenCallIsNamedAfterItsFunctionOnlyWhereItIsAWholeUnaliasedItem() {
    assertEquals("select CURRENT_TIMESTAMP as \"now\" , CURRENT_TIMESTAMP = CURRENT_TIMESTAMP , CURRENT_TIMESTAMP as t"
        + " from x where a < CURRENT_TIMESTAMP order by CURRENT_TIMESTAMP",
        PgDialect.toCalcite("select now(), now() = now(), now() as t from x where a < now() order by now()"));
    assertEquals("select f ( CURRENT_TIMESTAMP ) , ( select CURRENT_TIMESTAMP as \"now\" )",
        PgDialect.toCalcite("select f(now()), (select now())"));
  }

  @Test
  void aTextCastToIntervalIsAnIntervalLiteral() {
    assertEquals("select d + INTERVAL '1 day' from t", PgDialect.toCalcite("select d + '1 day'::interval from t"));
  }

  @Test
  void aFunctionCallIsCastWhole() {
    assertEquals("select CAST(lower ( x ) AS \"text\")", PgDialect.toCalcite("select pg_catalog.lower(x)::text"));
  }

  @Test
  void aRegprocLiteralIsTheFunctionsNameAndTheSearchPathIsNumberedByValues() {
    assertEquals("select typinput = 'array_in' from pg_type",
        PgDialect.toCalcite("select typinput = 'pg_catalog.array_in'::regproc from pg_type"));
    assertEquals("select s . r from (VALUES (1)) as s ( r )",
        PgDialect.toCalcite("select s.r from generate_series(1, array_upper(current_schemas(false), 1)) as s(r)"));
    assertEquals("select s . r from (VALUES (1), (2)) as s ( r )",
        PgDialect.toCalcite("select s.r from generate_series(1, array_upper(current_schemas(true), 1)) as s(r)"));
  }

  @Test
  void aRegclassLiteralLooksTheRelationUpInPgClass() {
    String sql = PgDialect.toCalcite("select 'finance.channel_roi'::regclass");
    assertTrue(sql.contains("pgc_.relname = 'channel_roi'") && sql.contains("pgn_.nspname = 'finance'"), sql);
  }

  @Test
  void operatorCallsCollateAndRegexBecomeFunctionCalls() {
    assertEquals("select 1 from n where (textregexeq(n . nspname, '^(finance)$'))",
        PgDialect.toCalcite("select 1 from n where n.nspname OPERATOR(pg_catalog.~) '^(finance)$' COLLATE pg_catalog.default"));
    assertEquals("select 1 from n where (NOT textregexeq(n . nspname, '^pg_'))",
        PgDialect.toCalcite("select 1 from n where n.nspname !~ '^pg_'"));
  }

  @Test
  void quotedTextAndCommentsAreLeftAlone() {
    // a cast to a type Calcite lacks keeps the value as it is
    assertEquals("select 'a::b ~ c' , \"Mixed\"", PgDialect.toCalcite("select 'a::b ~ c', \"Mixed\"::int2vector -- a::text\n"));
  }

  @Test
  void anyOfAnArrayBecomesIn() {
    assertEquals("select 1 from c where c . relkind IN ('r' , 'v')", PgDialect.toCalcite("select 1 from c where c.relkind = ANY (ARRAY['r','v'])"));
  }

  @Test
  void unquotedNamesFoldToLowerCaseAndReservedAliasesAreQuoted() {
    assertEquals("select x as \"default\" , y as table_schem , cast ( z as date )",
        PgDialect.toCalcite("SELECT X AS DEFAULT, Y AS TABLE_SCHEM, CAST(Z AS DATE)"));
  }

  @Test
  void aNegativeNumberAfterAnOperatorStaysANumber() {
    assertEquals("select 1 where a = - 1", PgDialect.toCalcite("select 1 where a=-1"));
  }

  @Test
  void anEscapeStringBecomesAStandardLiteral() {
    assertEquals("select 'it''s\n'", PgDialect.toCalcite("select E'it\\'s\\n'"));
  }

  @Test
  void anEscapeStringTakesOctalHexadecimalAndUnicodeEscapesAsPostgresqlDoes() {
    assertEquals("select 'a\tb\\c'", PgDialect.toCalcite("select E'a\\tb\\\\c'"));
    assertEquals("select 'AB'", PgDialect.toCalcite("select E'\\101\\x42'"));
    assertEquals("select 'é€😀'", PgDialect.toCalcite("select e'\\u00e9\\u20AC\\U0001F600'"));
    assertEquals("select 'q'", PgDialect.toCalcite("select E'\\q'"));
  }

  @Test
  void aPlainStringKeepsItsBackslashesAsStandardConformingStringsSay() {
    assertEquals("select 'a\\nb'", PgDialect.toCalcite("select 'a\\nb'"));
  }

  @Test
  void likeWithoutAnEscapeClauseTakesTheBackslashAsPostgresqlDoes() {
    assertEquals("select 1 from c where relname like 'channel\\_roi' escape '\\'",
        PgDialect.toCalcite("select 1 from c where relname LIKE 'channel\\_roi'"));
    assertEquals("select 1 from c where relname not ilike $1 escape '\\' and x = 1",
        PgDialect.toCalcite("select 1 from c where relname NOT ILIKE $1 and x = 1"));
    assertEquals("select 1 from c where a like 'x' || lower ( b ) escape '\\'",
        PgDialect.toCalcite("select 1 from c where a like 'x' || lower(b)"));
  }

  @Test
  void likeWithItsOwnEscapeClauseIsLeftAlone() {
    assertEquals("select 1 from c where a like 'x!_' escape '!'", PgDialect.toCalcite("select 1 from c where a like 'x!_' escape '!'"));
  }

  @Test
  void aRelationNamedWithTheDatabaseBeforeItsSchemaIsNamedByItsSchemaAloneAndAnotherDatabaseIsRefusedAsPostgresql() {
    assertEquals("select column_name from information_schema . \"columns\" where table_name = 'orders'",
        PgDialect.toCalcite("select column_name from \"marketing\".information_schema.\"columns\" where table_name = 'orders'"));
    assertEquals("select * from finance . orders o join finance . customers c on o . customer_id = c . customer_id",
        PgDialect.toCalcite("select * from marketing.finance.orders o join Marketing.finance.customers c"
            + " on o.customer_id = c.customer_id"));
    assertEquals("select * from finance . orders o , finance . customers c",
        PgDialect.toCalcite("select * from marketing.finance.orders o, marketing.finance.customers c"));
    for (String sql : new String[] {"select * from other.finance.orders", "select * from finance.orders o, other.finance.orders",
        "select 1 from (select 1 from x join Other.finance.\"orders\" on true) s",
        "select * from finance.orders o join other . finance . orders p on o.id = p.id, other.finance.orders"}) {
      org.marketingsql.sql.PgSqlException e = org.junit.jupiter.api.Assertions.assertThrows(
          org.marketingsql.sql.PgSqlException.class, () -> PgDialect.toCalcite(sql), sql);
      assertEquals("0A000 cross-database references are not implemented: \"other.finance.orders\"",
          e.sqlState() + " " + e.getMessage(), sql);
    }
    assertEquals("select extract ( year from other . t . d ) from t",
        PgDialect.toCalcite("select extract(year from other.t.d) from t"), "FROM in a function's parentheses: a column");
    assertEquals("select * from t where a in ( 1 , 2 ) order by a . b . c , d",
        PgDialect.toCalcite("select * from t where a in (1, 2) order by a.b.c, d"), "after the FROM list: columns");
    assertEquals("select finance . orders . amount from finance . orders",
        PgDialect.toCalcite("select finance.orders.amount from finance.orders"), "a column's three-part name stays");
  }

  @Test
  void theSystemColumnsOfACatalogTableAreItsOidAndTheCatalogsStateAsAnXid() {
    java.util.function.Function<String, java.util.OptionalInt> oids = name -> name.equals("pg_namespace")
        ? java.util.OptionalInt.of(2615) : java.util.OptionalInt.empty();
    assertEquals("SELECT CAST(2615 AS INTEGER) AS \"tableoid\", xid_value(CAST(7 AS INTEGER)) AS \"xmin\", nspname"
        + " FROM pg_catalog.pg_namespace N WHERE xid_value(CAST(7 AS INTEGER)) > 0",
        PgDialect.tableOids("SELECT N.tableoid, N.xmin, nspname FROM pg_catalog.pg_namespace N WHERE xmin > 0", oids, () -> 7));
    // a relation that is no catalog table keeps what it names, and the state is not read
    assertEquals("SELECT o.xmin FROM finance.orders o", PgDialect.tableOids("SELECT o.xmin FROM finance.orders o", oids,
        () -> {
          throw new AssertionError("read");
        }));
  }

  @Test
  void anExpandedArrayBesideOtherItemsIsFromsRowsJoinedToTheArraysElementsAndTwoArraysRunInStep() {
    assertEquals("select p . proname , pgx1_.x as argname , pgx1_.n from pg_proc p join pg_namespace n on n . oid ="
        + " p . pronamespace CROSS JOIN LATERAL (SELECT pgx_.x, pgx_.n FROM UNNEST(p . proargnames) WITH ORDINALITY AS \"pgx_\""
        + " (\"x\", \"n\")) AS pgx1_ where n . nspname = 'finance'",
        PgDialect.toCalcite("select p.proname, (information_schema._pg_expandarray(p.proargnames)).x as argname,"
            + " (information_schema._pg_expandarray(p.proargnames)).n from pg_proc p join pg_namespace n"
            + " on n.oid = p.pronamespace where n.nspname = 'finance'"));
    assertEquals("select 1 as one , pgx1_.n FROM (SELECT pgx_.x, pgx_.n FROM UNNEST(array [ 'a' , 'b' ]) WITH ORDINALITY AS"
        + " \"pgx_\" (\"x\", \"n\")) AS pgx1_ order by 2",
        PgDialect.toCalcite("select 1 as one, (information_schema._pg_expandarray(array['a', 'b'])).n order by 2"));
    String two = "select (information_schema._pg_expandarray(a)).x, (information_schema._pg_expandarray(b)).n from t";
    assertEquals("select ((a)[pgx1_.n]) AS \"x\" , (CASE WHEN pgx1_.n <= CARDINALITY((b)) THEN pgx1_.n END) AS \"n\""
        + " from t CROSS JOIN LATERAL (SELECT pgx_.n FROM UNNEST(a) WITH ORDINALITY AS \"pgx_\" (\"x\", \"n\") UNION"
        + " SELECT pgx_.n FROM UNNEST(b) WITH ORDINALITY AS \"pgx_\" (\"x\", \"n\")) AS pgx1_", PgDialect.toCalcite(two),
        "two arrays run in step, as in PostgreSQL: a row per position of the longer");
  }

  @Test
  void noSessionIsBlockedAndNowMinusAnActivityTimeIsAnInterval() {
    assertEquals("select pid , array_to_string ( array_remove(ARRAY[0], 0) , ', ' ) from pg_stat_activity",
        PgDialect.toCalcite("select pid, array_to_string(pg_catalog.pg_blocking_pids(pid), ', ') from pg_stat_activity"));
    assertEquals("select extract ( epoch from (CURRENT_TIMESTAMP - a . query_start) DAY TO SECOND ) from pg_stat_activity a",
        PgDialect.toCalcite("select extract(epoch from now() - a.query_start) from pg_stat_activity a"));
    assertEquals("select CURRENT_TIMESTAMP - interval '1' day", PgDialect.toCalcite("select now() - interval '1' day"));
  }
}
