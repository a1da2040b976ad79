package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.testing.PostgresCluster;

/**
 * The catalog and session queries of tools the other corpora do not cover, in the shapes their published sources
 * build them: pgAdmin 4's browser tree and dashboard, dbt-postgres's relation, schema and column look-ups, Redash's
 * PostgreSQL schema query, the information_schema.columns introspection of Cube, Lightdash and Evidence, Looker's
 * table list and owner look-ups, and the database and schema lists of DataGrip and Azure Data Studio. Each runs through
 * the port with pgJDBC as alice (who reads every schema) and as fin (who reads finance only: nothing else may appear),
 * and on a PostgreSQL 15 holding a copy of finance's views, whose result columns (names and types) the port's must
 * equal. The corpus is answered once in one session of each before the tests, which check those answers; the tests of
 * sessions and signals open sessions of their own.
 */
class MoreToolsCatalogQueriesTest {
  @RegisterExtension
  static final PostgresCluster postgres = PostgresCluster.withPassword();
  @RegisterExtension
  static final ClassServer server = ClassServer.finance(TestServer.ALICE, TestServer.FIN);
  static Connection pg;

  /**
   * A tool's query. In its text {@code {db}} is the database's name, {@code {db_oid}} its OID, {@code {finance}} the OID
   * of schema finance and {@code {view}} the OID of finance.channel_roi, as the tool has them from an earlier query of
   * the same session.
   */
  private record ToolQuery(String tool, String sql, List<String> parameters) {
    ToolQuery(String tool, String sql) {
      this(tool, sql, List.of());
    }
  }

  /** Every query of the corpus by a name that says which tool sends it and why. */
  private static Map<String, ToolQuery> corpus() {
    Map<String, ToolQuery> q = new LinkedHashMap<>();
    q.put("pgAdmin databases node", new ToolQuery("pgAdmin 4", "SELECT db.oid AS did, db.datname AS name,"
        + " ta.spcname AS spcname, db.datallowconn, db.datistemplate AS is_template,"
        + " pg_catalog.has_database_privilege(db.oid, 'CREATE') AS cancreate, datdba AS owner, descr.description"
        + " FROM pg_catalog.pg_database db LEFT OUTER JOIN pg_catalog.pg_tablespace ta ON db.dattablespace = ta.oid"
        + " LEFT OUTER JOIN pg_catalog.pg_shdescription descr ON (db.oid = descr.objoid"
        + " AND descr.classoid = 'pg_database'::regclass) WHERE db.datname = current_database() ORDER BY datname"));
    q.put("pgAdmin schemas node", new ToolQuery("pgAdmin 4", "SELECT nsp.oid, nsp.nspname AS name,"
        + " pg_catalog.has_schema_privilege(nsp.oid, 'CREATE') AS can_create,"
        + " pg_catalog.has_schema_privilege(nsp.oid, 'USAGE') AS has_usage, des.description"
        + " FROM pg_catalog.pg_namespace nsp LEFT OUTER JOIN pg_catalog.pg_description des"
        + " ON (des.objoid = nsp.oid AND des.classoid = 'pg_namespace'::regclass)"
        + " WHERE nspname NOT LIKE E'pg\\\\_%' AND NOT ("
        + " (nsp.nspname = 'pg_catalog' AND EXISTS (SELECT 1 FROM pg_class WHERE relname = 'pg_class'"
        + " AND relnamespace = nsp.oid LIMIT 1)) OR (nsp.nspname = 'information_schema' AND EXISTS"
        + " (SELECT 1 FROM pg_class WHERE relname = 'tables' AND relnamespace = nsp.oid LIMIT 1)))"
        + " ORDER BY nspname"));
    q.put("pgAdmin views node", new ToolQuery("pgAdmin 4", "SELECT c.oid, c.relname AS name FROM pg_catalog.pg_class c"
        + " WHERE c.relkind = 'v' AND c.relnamespace = {finance}::oid ORDER BY c.relname"));
    q.put("pgAdmin view's columns node", new ToolQuery("pgAdmin 4", "SELECT att.attname AS name, att.attnum AS OID,"
        + " format_type(ty.oid, NULL) AS datatype, att.attnotnull AS not_null, att.atthasdef AS has_default_val"
        + " FROM pg_attribute att JOIN pg_type ty ON ty.oid = atttypid JOIN pg_namespace tn ON tn.oid = ty.typnamespace"
        + " JOIN pg_class cl ON cl.oid = att.attrelid JOIN pg_namespace na ON na.oid = cl.relnamespace"
        + " LEFT OUTER JOIN pg_type et ON et.oid = ty.typelem"
        + " LEFT OUTER JOIN pg_attrdef def ON adrelid = att.attrelid AND adnum = att.attnum"
        + " LEFT OUTER JOIN (pg_depend JOIN pg_class cs ON classid = 'pg_class'::regclass AND objid = cs.oid"
        + " AND cs.relkind = 'S') ON refobjid = att.attrelid AND refobjsubid = att.attnum"
        + " LEFT OUTER JOIN pg_namespace ns ON ns.oid = cs.relnamespace"
        + " LEFT OUTER JOIN pg_index pi ON pi.indrelid = att.attrelid AND indisprimary"
        + " WHERE att.attrelid = {view}::oid AND att.attnum > 0 AND att.attisdropped IS FALSE ORDER BY att.attnum"));
    q.put("pgAdmin column properties with comments", new ToolQuery("pgAdmin 4", "SELECT att.attname AS name,"
        + " att.atttypid, att.attlen, att.attnum, att.attndims, att.atttypmod, att.attnotnull, att.attstorage,"
        + " att.attidentity, pg_catalog.pg_get_expr(def.adbin, def.adrelid) AS defval,"
        + " format_type(ty.oid, NULL) AS typname, format_type(ty.oid, att.atttypmod) AS displaytypname,"
        + " (SELECT nspname FROM pg_namespace WHERE oid = ty.typnamespace) AS typnspname, des.description,"
        + " (SELECT count(1) FROM pg_type t2 WHERE t2.typname = ty.typname) > 1 AS isdup,"
        + " EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = att.attrelid AND contype = 'f'"
        + " AND att.attnum = ANY(conkey)) AS is_fk,"
        + " (CASE WHEN (att.attnum < 1) THEN true ELSE false END) AS is_sys_column,"
        + " (CASE WHEN tab.relkind = 'v' THEN true ELSE false END) AS is_view_only"
        + " FROM pg_attribute att JOIN pg_type ty ON ty.oid = atttypid"
        + " LEFT OUTER JOIN pg_attrdef def ON adrelid = att.attrelid AND adnum = att.attnum"
        + " LEFT OUTER JOIN pg_description des ON (des.objoid = att.attrelid AND des.objsubid = att.attnum"
        + " AND des.classoid = 'pg_class'::regclass) LEFT OUTER JOIN pg_class tab ON tab.oid = att.attrelid"
        + " WHERE att.attrelid = {view}::oid AND att.attnum > 0 AND att.attisdropped IS FALSE ORDER BY att.attnum"));
    q.put("pgAdmin dashboard sessions", new ToolQuery("pgAdmin 4", "/*pga4dash*/ SELECT pid, datname, usename,"
        + " application_name, client_addr, pg_catalog.to_char(backend_start, 'YYYY-MM-DD HH24:MI:SS TZ') AS backend_start,"
        + " state, wait_event_type || ': ' || wait_event AS wait_event, query,"
        + " pg_catalog.to_char(state_change, 'YYYY-MM-DD HH24:MI:SS TZ') AS state_change,"
        + " pg_catalog.to_char(query_start, 'YYYY-MM-DD HH24:MI:SS TZ') AS query_start, backend_type,"
        + " CASE WHEN state = 'active' THEN ROUND((extract(epoch FROM now() - query_start) / 60)::numeric, 2) ELSE 0 END"
        + " AS active_since FROM pg_catalog.pg_stat_activity"
        + " WHERE datname = (SELECT datname FROM pg_catalog.pg_database WHERE datname = current_database()) ORDER BY pid"));
    q.put("pgAdmin dashboard blocking sessions", new ToolQuery("pgAdmin 4", "SELECT pid, client_addr, backend_xid,"
        + " backend_xmin, array_to_string(pg_catalog.pg_blocking_pids(pid), ', ') AS blocking_pids"
        + " FROM pg_catalog.pg_stat_activity ORDER BY pid"));
    q.put("pgAdmin dashboard locks", new ToolQuery("pgAdmin 4", "SELECT pid, locktype, datname, relation::regclass,"
        + " page, tuple, virtualxid AS vxid, transactionid AS xid, classid::regclass, mode, granted, fastpath"
        + " FROM pg_catalog.pg_locks l LEFT OUTER JOIN pg_catalog.pg_database d ON (l.database = d.oid)"
        + " WHERE d.datname IS NULL OR d.datname = current_database() ORDER BY pid, locktype"));
    q.put("pgAdmin dashboard graphs' database figures", new ToolQuery("pgAdmin 4", "SELECT numbackends, xact_commit,"
        + " xact_rollback, xact_commit + xact_rollback AS transactions, tup_inserted, tup_updated, tup_deleted,"
        + " tup_fetched, tup_returned, blks_read, blks_hit FROM pg_catalog.pg_stat_database"
        + " WHERE datname = (SELECT datname FROM pg_catalog.pg_database WHERE oid = {db_oid})"));
    q.put("pgAdmin prepared statements", new ToolQuery("pgAdmin 4", "SELECT name, statement, prepare_time,"
        + " parameter_types, from_sql, generic_plans, custom_plans FROM pg_catalog.pg_prepared_statements ORDER BY name"));
    q.put("pgAdmin column security labels", new ToolQuery("pgAdmin 4", "SELECT att.attname,"
        + " (SELECT array_agg(provider || '=' || label) FROM pg_catalog.pg_seclabels sl1 WHERE sl1.objoid = att.attrelid"
        + " AND sl1.objsubid = att.attnum) AS seclabels FROM pg_catalog.pg_attribute att"
        + " WHERE att.attrelid = {view}::oid AND att.attnum > 0 ORDER BY att.attnum"));
    q.put("pgAdmin sessions' addresses and transaction ids", new ToolQuery("pgAdmin 4", "SELECT pid, usename, client_addr,"
        + " client_port, backend_xid, backend_xmin, state FROM pg_catalog.pg_stat_activity ORDER BY pid"));
    q.put("pgAdmin function argument names", new ToolQuery("pgAdmin 4", "SELECT p.proname,"
        + " (information_schema._pg_expandarray(p.proargnames)).x AS argname,"
        + " (information_schema._pg_expandarray(p.proargnames)).n AS argposition FROM pg_catalog.pg_proc p"
        + " JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'finance' ORDER BY 1, 3"));
    q.put("Expanded array beside a constant, without FROM", new ToolQuery("psql", "SELECT 'finance' AS schema_name,"
        + " (information_schema._pg_expandarray(ARRAY['channel_roi', 'orders'])).x AS relname,"
        + " (information_schema._pg_expandarray(ARRAY['channel_roi', 'orders'])).n AS position ORDER BY 3"));
    q.put("dbt list relations", new ToolQuery("dbt-postgres", "select '{db}' as database, tablename as name,"
        + " schemaname as schema, 'table' as type from pg_tables where schemaname ilike 'finance'"
        + " union all select '{db}' as database, viewname as name, schemaname as schema, 'view' as type"
        + " from pg_views where schemaname ilike 'finance'"
        + " union all select '{db}' as database, matviewname as name, schemaname as schema,"
        + " 'materialized_view' as type from pg_matviews where schemaname ilike 'finance'"));
    q.put("dbt list schemas", new ToolQuery("dbt-postgres", "select distinct nspname from pg_namespace"));
    q.put("dbt check schema exists", new ToolQuery("dbt-postgres",
        "select count(*) from pg_namespace where nspname = 'finance'"));
    q.put("dbt current database", new ToolQuery("dbt-postgres", "select current_database()"));
    q.put("dbt columns in relation", new ToolQuery("dbt-postgres", "select column_name, data_type,"
        + " character_maximum_length, numeric_precision, numeric_scale from \"{db}\".information_schema.\"columns\""
        + " where table_name = 'channel_roi' and table_schema = 'finance' order by ordinal_position"));
    q.put("dbt catalog", new ToolQuery("dbt-postgres", "select '{db}' as table_database, sch.nspname as table_schema,"
        + " tbl.relname as table_name, case tbl.relkind when 'v' then 'VIEW' when 'm' then 'MATERIALIZED VIEW'"
        + " else 'BASE TABLE' end as table_type, tbl_desc.description as table_comment, col.attname as column_name,"
        + " col.attnum as column_index, pg_catalog.format_type(col.atttypid, col.atttypmod) as column_type,"
        + " col_desc.description as column_comment, pg_get_userbyid(tbl.relowner) as table_owner"
        + " from pg_catalog.pg_namespace sch join pg_catalog.pg_class tbl on tbl.relnamespace = sch.oid"
        + " join pg_catalog.pg_attribute col on col.attrelid = tbl.oid"
        + " left outer join pg_catalog.pg_description tbl_desc on (tbl_desc.objoid = tbl.oid and tbl_desc.objsubid = 0)"
        + " left outer join pg_catalog.pg_description col_desc on (col_desc.objoid = tbl.oid"
        + " and col_desc.objsubid = col.attnum) where (upper(sch.nspname) = upper('finance'))"
        + " and not pg_is_other_temp_schema(sch.oid) and tbl.relpersistence in ('p', 'u')"
        + " and tbl.relkind in ('r', 'v', 'f', 'p', 'm') and col.attnum > 0 and not col.attisdropped"
        + " order by sch.nspname, tbl.relname, col.attnum"));
    q.put("dbt relation dependencies", new ToolQuery("dbt-postgres", "with relation as (select pg_rewrite.ev_class as class,"
        + " pg_rewrite.oid as id from pg_rewrite), class as (select oid as id, relname as name, relnamespace as schema,"
        + " relkind as kind from pg_class), dependency as (select distinct pg_depend.objid as id,"
        + " pg_depend.refobjid as ref from pg_depend), schema as (select pg_namespace.oid as id,"
        + " pg_namespace.nspname as name from pg_namespace where nspname != 'information_schema'"
        + " and nspname not like 'pg\\_%'), referenced as (select relation.id as id, referenced_class.name,"
        + " referenced_class.schema, referenced_class.kind from relation join class as referenced_class"
        + " on relation.class = referenced_class.id where referenced_class.kind in ('r', 'v', 'm')),"
        + " relationships as (select referenced.name as referenced_name, referenced.schema as referenced_schema_id,"
        + " dependent_class.name as dependent_name, dependent_class.schema as dependent_schema_id,"
        + " referenced.kind as kind from referenced join dependency on referenced.id = dependency.id"
        + " join class as dependent_class on dependency.ref = dependent_class.id"
        + " where (referenced.name != dependent_class.name or referenced.schema != dependent_class.schema))"
        + " select referenced_schema.name as referenced_schema, relationships.referenced_name as referenced_name,"
        + " dependent_schema.name as dependent_schema, relationships.dependent_name as dependent_name"
        + " from relationships join schema as dependent_schema on relationships.dependent_schema_id = dependent_schema.id"
        + " join schema as referenced_schema on relationships.referenced_schema_id = referenced_schema.id"
        + " group by referenced_schema, referenced_name, dependent_schema, dependent_name"
        + " order by referenced_schema, referenced_name, dependent_schema, dependent_name"));
    q.put("Redash schema", new ToolQuery("Redash", "SELECT s.nspname as table_schema, c.relname as table_name,"
        + " a.attname as column_name FROM pg_class c JOIN pg_namespace s ON c.relnamespace = s.oid"
        + " AND s.nspname NOT IN ('pg_catalog', 'information_schema') JOIN pg_attribute a ON a.attrelid = c.oid"
        + " AND a.attnum > 0 AND NOT a.attisdropped WHERE c.relkind IN ('m', 'f', 'p')"
        + " UNION SELECT table_schema, table_name, column_name FROM information_schema.columns"
        + " WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"));
    q.put("Redash schema with types", new ToolQuery("Redash", "SELECT s.nspname AS table_schema, c.relname AS table_name,"
        + " a.attname AS column_name, pg_catalog.format_type(a.atttypid, a.atttypmod) AS data_type"
        + " FROM pg_class c JOIN pg_namespace s ON c.relnamespace = s.oid"
        + " AND s.nspname NOT IN ('pg_catalog', 'information_schema') JOIN pg_attribute a ON a.attrelid = c.oid"
        + " AND a.attnum > 0 AND NOT a.attisdropped WHERE c.relkind IN ('m', 'f', 'p')"
        + " UNION SELECT table_schema, table_name, column_name, data_type FROM information_schema.columns"
        + " WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"));
    q.put("Cube columns", new ToolQuery("Cube", "SELECT columns.column_name as \"column_name\","
        + " columns.table_name as \"table_name\", columns.table_schema as \"table_schema\","
        + " columns.data_type as \"data_type\", columns.udt_name as \"udt_name\" FROM information_schema.columns"
        + " WHERE columns.table_schema NOT IN ('pg_catalog', 'information_schema', 'mysql', 'performance_schema', 'sys')"
        + " ORDER BY columns.table_schema, columns.table_name, columns.ordinal_position"));
    q.put("Lightdash columns of a table", new ToolQuery("Lightdash", "SELECT table_catalog, table_schema, table_name,"
        + " column_name, data_type FROM information_schema.columns WHERE table_catalog = ? AND table_schema = ?"
        + " AND table_name = ? ORDER BY ordinal_position", List.of("{db}", "finance", "channel_roi")));
    q.put("Evidence column types", new ToolQuery("Evidence", "SELECT table_schema, table_name, column_name, ordinal_position,"
        + " is_nullable, data_type, udt_name, character_maximum_length, numeric_precision, numeric_precision_radix,"
        + " numeric_scale, datetime_precision FROM information_schema.columns"
        + " WHERE table_schema NOT IN ('information_schema', 'pg_catalog') ORDER BY table_schema, table_name,"
        + " ordinal_position"));
    q.put("Looker tables", new ToolQuery("Looker", "SELECT table_catalog, table_schema, table_name, table_type"
        + " FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"
        + " ORDER BY table_schema, table_name"));
    q.put("Looker relation owners", new ToolQuery("Looker", "SELECT n.nspname AS schema_name, c.relname AS table_name,"
        + " pg_catalog.pg_get_userbyid(c.relowner) AS owner, c.relkind FROM pg_catalog.pg_class c"
        + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'v', 'm')"
        + " AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname !~ '^pg_toast' ORDER BY 1, 2"));
    q.put("Looker schema owner and create privilege", new ToolQuery("Looker", "SELECT nspname,"
        + " pg_catalog.pg_get_userbyid(nspowner) AS owner, has_schema_privilege(current_user, nspname, 'CREATE') AS can_create"
        + " FROM pg_catalog.pg_namespace WHERE nspname = 'finance'"));
    q.put("DataGrip databases", new ToolQuery("DataGrip", "SELECT N.oid::bigint AS id, datname AS name, D.description,"
        + " datistemplate AS is_template, datallowconn AS allow_connections, pg_catalog.pg_get_userbyid(N.datdba) AS \"owner\""
        + " FROM pg_catalog.pg_database N LEFT JOIN pg_catalog.pg_shdescription D ON N.oid = D.objoid ORDER BY datname"));
    q.put("DataGrip schemas", new ToolQuery("DataGrip", "SELECT N.oid::bigint AS id, nspname AS name, D.description,"
        + " pg_catalog.pg_get_userbyid(N.nspowner) AS \"owner\" FROM pg_catalog.pg_namespace N"
        + " LEFT JOIN pg_catalog.pg_description D ON N.oid = D.objoid"
        + " ORDER BY CASE WHEN nspname = current_schema THEN -1::bigint ELSE N.oid::bigint END"));
    q.put("DataGrip schemas with their state numbers", new ToolQuery("DataGrip", "SELECT N.oid::bigint AS id,"
        + " N.xmin AS state_number, nspname AS name, D.description, pg_catalog.pg_get_userbyid(N.nspowner) AS \"owner\""
        + " FROM pg_catalog.pg_namespace N LEFT JOIN pg_catalog.pg_description D ON N.oid = D.objoid ORDER BY nspname"));
    q.put("DataGrip current database and schemas", new ToolQuery("DataGrip",
        "select current_database() as a, current_schemas(false) as b"));
    q.put("Azure Data Studio databases", new ToolQuery("Azure Data Studio", "SELECT db.oid, db.datname AS name,"
        + " pg_catalog.has_database_privilege(db.oid, 'CONNECT') AS can_connect, db.datallowconn, db.datistemplate"
        + " FROM pg_catalog.pg_database db WHERE db.datistemplate = false ORDER BY db.datname"));
    q.put("Azure Data Studio key columns", new ToolQuery("Azure Data Studio", "SELECT c.relname,"
        + " (information_schema._pg_expandarray(i.indkey)).n AS key_position, i.indisprimary"
        + " FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indrelid WHERE c.relnamespace = {finance}"));
    return q;
  }

  /**
   * The queries the port does not answer yet, with why; each is asserted to still fail, so the list stays true.
   */
  private static final Map<String, String> KNOWN_FAILURES = Map.of();

  /** The corpus answered once in a session of each: fin, alice, and PostgreSQL with its copy of finance. */
  private static Map<String, Answer> finAnswers;
  private static Map<String, Answer> aliceAnswers;
  private static Map<String, Answer> postgresqlAnswers;
  /** Every schema and relation alice may read that fin may not: none of them may appear in an answer to fin. */
  private static Set<String> outsideFinance;

  /** A query's answer in one session: its result columns ({@code name:type}) and rows, or the error it failed with. */
  private record Answer(List<String> columns, List<List<String>> rows, SQLException error) {
  }

  @BeforeAll
  static void answerTheCorpusOnceForEachSession() throws Exception {
    pg = postgres.connection();
    try (Connection finSession = server.connect("fin", "f1n"); Connection aliceSession = server.connect()) {
      FinanceCopy.into(finSession, pg);
      finAnswers = answers(finSession);
      aliceAnswers = answers(aliceSession);
      postgresqlAnswers = answers(pg);
      outsideFinance = outsideFinance(aliceSession, finSession);
    }
  }

  @AfterAll
  static void closePostgres() throws SQLException {
    pg.close();
  }

  @Test
  void everyToolQueryAnswersFinWithNothingOutsideFinance() {
    assertFalse(outsideFinance.isEmpty(), "alice reads schemas fin does not");
    List<String> failures = new ArrayList<>();
    finAnswers.forEach((name, answer) -> {
      if (KNOWN_FAILURES.containsKey(name)) {
        return;
      }
      if (answer.error() != null) {
        failures.add(name + " fails: " + answer.error().getSQLState() + " " + answer.error().getMessage());
        return;
      }
      for (List<String> row : answer.rows()) {
        for (String cell : row) {
          if (cell != null && outsideFinance.contains(cell)) {
            failures.add(name + " shows fin " + cell + ": " + row);
          }
        }
      }
    });
    assertEquals(List.of(), failures);
  }

  @Test
  void everyToolQueryAnswersAliceWhoReadsEverySchema() {
    List<String> failures = new ArrayList<>();
    aliceAnswers.forEach((name, answer) -> {
      if (!KNOWN_FAILURES.containsKey(name) && answer.error() != null) {
        failures.add(name + " fails: " + answer.error().getSQLState() + " " + answer.error().getMessage());
      }
    });
    assertEquals(List.of(), failures);
  }

  @Test
  void everyToolQueryHasTheColumnsAndTypesPostgresql15Gives() {
    List<String> differences = new ArrayList<>();
    finAnswers.forEach((name, answer) -> {
      if (KNOWN_FAILURES.containsKey(name)) {
        return;
      }
      Answer real = postgresqlAnswers.get(name);
      if (real.error() != null) {
        differences.add(name + " fails on PostgreSQL: " + real.error().getSQLState() + " " + real.error().getMessage());
      } else if (answer.error() != null) {
        differences.add(name + " fails: " + answer.error().getSQLState() + " " + answer.error().getMessage());
      } else if (!namesAsText(real.columns()).equals(namesAsText(answer.columns()))) {
        differences.add(name + ": PostgreSQL " + real.columns() + ", port " + answer.columns());
      }
    });
    assertEquals(List.of(), differences);
  }

  @Test
  void eachKnownFailureStillFailsSoTheListStaysTrue() {
    for (String name : KNOWN_FAILURES.keySet()) {
      assertTrue(finAnswers.get(name).error() != null, name + " answers now: take it off the list");
    }
  }

  @Test
  void pgAdminsTreeShowsFinTheFinanceSchemaItsViewsAndTheirColumnTypes() {
    assertEquals(List.of("finance"), column(rows(finAnswers, "pgAdmin schemas node"), 1));
    List<String> views = column(rows(finAnswers, "pgAdmin views node"), 1);
    assertTrue(views.contains("channel_roi"), views.toString());
    assertEquals(column(rows(postgresqlAnswers, "pgAdmin views node"), 1), views, "the same views as PostgreSQL lists");
    List<List<String>> real = rows(postgresqlAnswers, "pgAdmin view's columns node");
    List<List<String>> port = rows(finAnswers, "pgAdmin view's columns node");
    for (int i : new int[] {0, 1, 2, 4}) { // not_null (3) is the port's knowledge of the view; PostgreSQL's views have none
      assertEquals(column(real, i), column(port, i), "names, numbers and types of channel_roi's columns");
    }
    List<List<String>> properties = rows(finAnswers, "pgAdmin column properties with comments");
    List<List<String>> realProperties = rows(postgresqlAnswers, "pgAdmin column properties with comments");
    for (int i : new int[] {0, 11, 12, 13}) { // the names, types with their modifiers, types' schemas, comments
      assertEquals(column(realProperties, i), column(properties, i));
    }
  }

  @Test
  void dbtFindsTheFinanceViewsAndTheirColumnsAsOnPostgresql() {
    List<List<String>> relations = rows(finAnswers, "dbt list relations");
    assertTrue(relations.contains(List.of("marketing", "channel_roi", "finance", "view")), relations.toString());
    assertEquals(List.of(List.of("1")), rows(finAnswers, "dbt check schema exists"));
    assertEquals(List.of("current_database:name"), finAnswers.get("dbt current database").columns(),
        "a name, as PostgreSQL's current_database() returns");
    assertEquals(rows(postgresqlAnswers, "dbt columns in relation"), rows(finAnswers, "dbt columns in relation"));
    List<List<String>> catalog = rows(finAnswers, "dbt catalog");
    List<List<String>> real = rows(postgresqlAnswers, "dbt catalog");
    assertEquals(real.stream().map(r -> r.subList(1, 9)).toList(), catalog.stream().map(r -> r.subList(1, 9)).toList(),
        "every view's columns, numbers, types and comments");
  }

  @Test
  void redashAndTheInformationSchemaToolsListFinancesColumnsAsPostgresqlDoes() {
    assertEquals(sorted(rows(postgresqlAnswers, "Redash schema")), sorted(rows(finAnswers, "Redash schema")));
    assertEquals(sorted(rows(postgresqlAnswers, "Redash schema with types")),
        sorted(rows(finAnswers, "Redash schema with types")));
    assertEquals(rows(postgresqlAnswers, "Cube columns"), rows(finAnswers, "Cube columns"));
    List<List<String>> real = rows(postgresqlAnswers, "Evidence column types");
    List<List<String>> port = rows(finAnswers, "Evidence column types");
    for (int i : new int[] {0, 1, 2, 3, 5, 6, 7, 8, 9, 10, 11}) { // is_nullable (4): PostgreSQL's views say YES throughout
      assertEquals(column(real, i), column(port, i), "positions, types, lengths, precisions and scales");
    }
    assertEquals(column(rows(postgresqlAnswers, "Lightdash columns of a table"), 3),
        column(rows(finAnswers, "Lightdash columns of a table"), 3));
  }

  @Test
  void lookerSeesTheViewsAndTheirOwnerAsPostgresqlWouldNameThem() {
    assertEquals(column(rows(postgresqlAnswers, "Looker tables"), 2), column(rows(finAnswers, "Looker tables"), 2));
    assertEquals(List.of(List.of("finance", PgFunctions.OWNER, "f")),
        rows(finAnswers, "Looker schema owner and create privilege"));
  }

  @Test
  void dataGripsStateNumbersAreOneXidForTheCatalogAsItStandsAndNoColumnOfSelectStar() throws Exception {
    try (Connection again = server.connect("fin", "f1n")) {
      List<List<String>> schemas = rows(finAnswers, "DataGrip schemas with their state numbers");
      assertTrue(column(schemas, 2).contains("finance"), schemas.toString());
      Set<String> states = new HashSet<>(column(schemas, 1));
      assertEquals(1, states.size(), "one state for the catalog as it stands: " + states);
      String state = states.iterator().next();
      assertTrue(Long.parseLong(state) >= 0, state);
      ToolQuery both = new ToolQuery("test", "SELECT n.xmin, xmin FROM pg_catalog.pg_namespace n WHERE n.nspname = 'finance'");
      assertEquals(List.of(List.of(state, state)), rows(again, both), "another session, the same state");
      assertEquals(List.of("xmin:xid", "xmin:xid"), columns(again, both));
      assertFalse(columns(again, new ToolQuery("test", "SELECT * FROM pg_catalog.pg_namespace")).stream()
          .anyMatch(c -> c.startsWith("xmin:")), "a system column, not listed by *");
    }
  }

  @Test
  void pgAdminsDashboardFindsNoSessionBlockedSinceThePortTakesNoLocks() throws Exception {
    try (Connection fin = server.connect("fin", "f1n"); Connection other = server.connect("fin", "f1n")) {
      List<List<String>> sessions = rows(fin, corpus().get("pgAdmin dashboard blocking sessions"));
      assertEquals(2, sessions.size(), "fin's two sessions: " + sessions);
      assertEquals(List.of("", ""), column(sessions, 4));
      assertTrue(sessions.stream().allMatch(r -> "127.0.0.1".equals(r.get(1))), "client_addr as inet: " + sessions);
    }
  }

  @Test
  void aCancelOrTerminateCalledForEachRowOfPgStatActivitySignalsTheUsersOwnOtherSessions() throws Exception {
    try (Connection fin = server.connect("fin", "f1n"); Connection other = server.connect("fin", "f1n")) {
      int otherPid = pid(other);
      String cancel = "SELECT pid, usename, pg_cancel_backend(pid) AS cancelled FROM pg_stat_activity"
          + " WHERE pid <> pg_backend_pid() AND usename = current_user";
      assertEquals(List.of(List.of(Integer.toString(otherPid), "fin", "t")), rows(fin, new ToolQuery("pgAdmin 4", cancel)));
      try (Statement s = other.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
        assertTrue(rs.next(), "a cancel of an idle session leaves it open");
      }
      SQLException own = assertThrows(SQLException.class, () -> rows(fin, new ToolQuery("pgAdmin 4",
          "SELECT pid, pg_cancel_backend(pid) FROM pg_stat_activity WHERE pid = pg_backend_pid()")));
      assertEquals("57014", own.getSQLState(), "its own statement is cancelled, as PostgreSQL cancels it");
      assertEquals(List.of(), rows(fin, new ToolQuery("psql", "SELECT pg_terminate_backend(" + otherPid + ")"
          + " FROM pg_stat_activity WHERE pid = -1")), "no row, no signal");
      try (Statement s = other.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
        assertTrue(rs.next(), "a call for no row signals nothing, as in PostgreSQL");
      }
      String terminate = "SELECT pid, pg_catalog.pg_terminate_backend(pid) FROM pg_catalog.pg_stat_activity WHERE pid = "
          + otherPid;
      assertEquals(List.of(List.of(Integer.toString(otherPid), "t")), rows(fin, new ToolQuery("pgAdmin 4", terminate)));
      SQLException closed = assertThrows(SQLException.class, () -> {
        try (Statement s = other.createStatement()) {
          s.executeQuery("select 1");
        }
      });
      assertTrue(closed.getSQLState().startsWith("08") || "57P01".equals(closed.getSQLState()), closed.getSQLState());
    }
    try (Connection itself = server.connect("fin", "f1n")) {
      SQLException ended = assertThrows(SQLException.class, () -> rows(itself, new ToolQuery("psql",
          "SELECT pid, pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid = pg_backend_pid()")));
      assertTrue(ended.getSQLState().startsWith("08") || "57P01".equals(ended.getSQLState()) || "57014".equals(
          ended.getSQLState()), ended.getSQLState() + " " + ended.getMessage());
      assertTrue(itself.isClosed() || !itself.isValid(5), "a session that terminates itself ends");
    }
  }

  @Test
  void aSignalForEachRowRefusesAnotherUsersSessionAsPostgresqlDoes() throws Exception {
    try (Connection fin = server.connect("fin", "f1n"); Connection alice = server.connect()) {
      int alicePid = pid(alice);
      SQLException refused = assertThrows(SQLException.class, () -> rows(fin, new ToolQuery("psql",
          "SELECT x, pg_terminate_backend(x) FROM (VALUES (" + alicePid + ")) AS t (x)")));
      assertEquals("42501", refused.getSQLState(), refused.getMessage());
      try (Statement s = alice.createStatement(); ResultSet rs = s.executeQuery("select 1")) {
        assertTrue(rs.next(), "alice's session is left open");
      }
    }
  }

  private static int pid(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** Every schema and relation {@code alice} may read that {@code fin} may not. */
  private static Set<String> outsideFinance(Connection alice, Connection fin) throws SQLException {
    ToolQuery names = new ToolQuery("test", "select n.nspname, c.relname from pg_catalog.pg_namespace n"
        + " left join pg_catalog.pg_class c on c.relnamespace = n.oid"
        + " where n.nspname not in ('pg_catalog', 'information_schema')");
    Set<String> all = new HashSet<>();
    for (List<String> row : rows(alice, names)) {
      all.addAll(row);
    }
    for (List<String> row : rows(fin, names)) {
      all.removeAll(row);
    }
    all.remove(null);
    all.remove(LocalAnswers.DATABASE); // the database's name, which every answer may give
    return all;
  }

  /** Every query of the corpus answered in the session of {@code c}, by its name. */
  private static Map<String, Answer> answers(Connection c) throws SQLException {
    Map<String, String> placeholders = placeholders(c);
    Map<String, Answer> answers = new LinkedHashMap<>();
    for (Map.Entry<String, ToolQuery> e : corpus().entrySet()) {
      Answer answer;
      try {
        answer = read(c, e.getValue(), placeholders, rs -> new Answer(columns(rs), rows(rs), null));
      } catch (SQLException failed) {
        answer = new Answer(List.of(), List.of(), failed);
      }
      answers.put(e.getKey(), answer);
    }
    return answers;
  }

  /** The rows of the query {@code name} in {@code answers}, which must have answered. */
  private static List<List<String>> rows(Map<String, Answer> answers, String name) {
    Answer answer = answers.get(name);
    if (answer.error() != null) {
      throw new AssertionError(name + " fails: " + answer.error().getSQLState() + " " + answer.error().getMessage(),
          answer.error());
    }
    return answer.rows();
  }

  /** The values of the placeholders ({@link ToolQuery}) in the session of {@code c}, read once for the session. */
  private static Map<String, String> placeholders(Connection c) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select current_database(),"
        + " (select oid from pg_catalog.pg_namespace where nspname = 'finance'),"
        + " (select c.oid from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
        + " where n.nspname = 'finance' and c.relname = 'channel_roi'),"
        + " (select oid from pg_catalog.pg_database where datname = current_database())")) {
      rs.next();
      return Map.of("{db}", rs.getString(1), "{finance}", rs.getString(2), "{view}", rs.getString(3),
          "{db_oid}", rs.getString(4));
    }
  }

  /** The query's text with its placeholders filled in as the tool would; one without values must have none. */
  private static String text(String sql, Map<String, String> placeholders) {
    String text = sql;
    for (String name : List.of("{db}", "{finance}", "{view}", "{db_oid}")) {
      if (text.contains(name)) {
        if (!placeholders.containsKey(name)) {
          throw new IllegalArgumentException("no value for " + name + " in " + sql);
        }
        text = text.replace(name, placeholders.get(name));
      }
    }
    return text;
  }

  private static ResultSet run(Connection c, ToolQuery query, Map<String, String> placeholders,
      List<AutoCloseable> opened) throws SQLException {
    if (query.parameters().isEmpty()) {
      Statement s = c.createStatement();
      opened.add(s);
      return s.executeQuery(text(query.sql(), placeholders));
    }
    PreparedStatement p = c.prepareStatement(text(query.sql(), placeholders));
    opened.add(p);
    for (int i = 0; i < query.parameters().size(); i++) {
      p.setString(i + 1, text(query.parameters().get(i), placeholders));
    }
    return p.executeQuery();
  }

  /** What {@code reader} reads of a query's result. */
  private interface Reader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  private static <T> T read(Connection c, ToolQuery query, Map<String, String> placeholders, Reader<T> reader)
      throws SQLException {
    List<AutoCloseable> opened = new ArrayList<>();
    try (ResultSet rs = run(c, query, placeholders, opened)) {
      return reader.read(rs);
    } finally {
      for (AutoCloseable a : opened) {
        try {
          a.close();
        } catch (SQLException e) {
          throw e;
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  /** A query's rows in a session of its own, each value as text; its text has no placeholders. */
  private static List<List<String>> rows(Connection c, ToolQuery query) throws SQLException {
    return read(c, query, Map.of(), MoreToolsCatalogQueriesTest::rows);
  }

  /** A query's result columns in a session of its own, as {@code name:type}; its text has no placeholders. */
  private static List<String> columns(Connection c, ToolQuery query) throws SQLException {
    return read(c, query, Map.of(), MoreToolsCatalogQueriesTest::columns);
  }

  /** The rows of {@code rs}, each value as text. */
  private static List<List<String>> rows(ResultSet rs) throws SQLException {
    List<List<String>> rows = new ArrayList<>();
    int count = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      List<String> row = new ArrayList<>();
      for (int i = 1; i <= count; i++) {
        row.add(rs.getString(i));
      }
      rows.add(row);
    }
    return rows;
  }

  /** The result columns of {@code rs} as {@code name:type}. */
  private static List<String> columns(ResultSet rs) throws SQLException {
    ResultSetMetaData meta = rs.getMetaData();
    List<String> columns = new ArrayList<>();
    for (int i = 1; i <= meta.getColumnCount(); i++) {
      columns.add(meta.getColumnLabel(i) + ":" + meta.getColumnTypeName(i));
    }
    return columns;
  }

  /**
   * The columns with {@code name} written as {@code text}: a name computed from the catalogs (a UNION of two catalogs'
   * names, current_database(), pg_get_userbyid) is sent as text by the port, which clients read alike (docs/serving.md).
   */
  private static List<String> namesAsText(List<String> columns) {
    return columns.stream().map(c -> c.replaceAll(":(_?)name$", ":$1text")).toList();
  }

  private static List<String> column(List<List<String>> rows, int index) {
    return rows.stream().map(r -> r.get(index)).toList();
  }

  private static List<List<String>> sorted(List<List<String>> rows) {
    return rows.stream().sorted((a, b) -> String.join("|", a).compareTo(String.join("|", b))).toList();
  }
}
