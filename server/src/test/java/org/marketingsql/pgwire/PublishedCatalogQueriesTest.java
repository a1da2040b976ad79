package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.StoreFixture;

/**
 * Grafana's and Metabase's catalog queries in the shapes their published sources build them: Grafana's PostgreSQL
 * data source (its schema, table and column lists, which follow the session's search_path) and Metabase's PostgreSQL
 * driver (its table sync, its field sync of information_schema.columns and materialized views, its enum and foreign
 * key look-ups), sent by pgJDBC to the finance export folder as fin, who reads finance only.
 */
class PublishedCatalogQueriesTest {
  /** Grafana's test of "in the search path": the path split on commas, "$user" read as the user. */
  private static final String GRAFANA_IN_SEARCH_PATH = "quote_ident(table_schema) IN (SELECT"
      + " CASE WHEN trim(s[i]) = '\"$user\"' THEN user ELSE trim(s[i]) END"
      + " FROM generate_series(array_lower(string_to_array(current_setting('search_path'), ','), 1),"
      + " array_upper(string_to_array(current_setting('search_path'), ','), 1)) AS i,"
      + " string_to_array(current_setting('search_path'), ',') s)";

  @TempDir
  static Path temp;
  @RegisterExtension
  static final StoreFixture fixture = StoreFixture.withExports("finance");
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.forClass(fixture.csvUrl(), temp, TestServer.FIN);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void grafanasSchemaListShowsTheUsersSchemasWithoutTheCatalogs() throws Exception {
    String sql = "SELECT schema_name AS \"name\" FROM information_schema.schemata WHERE schema_name NOT IN"
        + " ('information_schema', 'pg_catalog', 'pg_toast', '_timescaledb_cache', '_timescaledb_catalog',"
        + " '_timescaledb_internal', '_timescaledb_config', 'timescaledb_information', 'timescaledb_experimental')"
        + " ORDER BY schema_name";
    try (Connection c = connect()) {
      assertEquals(List.of("finance"), column(c, sql));
    }
  }

  @Test
  void grafanasTableListNamesTheTablesOfTheSearchPathBareAndTheOthersQualified() throws Exception {
    String sql = "SELECT CASE WHEN " + GRAFANA_IN_SEARCH_PATH + " THEN quote_ident(table_name)"
        + " ELSE quote_ident(table_schema) || '.' || quote_ident(table_name) END AS \"table\""
        + " FROM information_schema.tables WHERE quote_ident(table_schema) NOT IN ('information_schema', 'pg_catalog',"
        + " '_timescaledb_cache', '_timescaledb_catalog', '_timescaledb_internal', '_timescaledb_config',"
        + " 'timescaledb_information', 'timescaledb_experimental')"
        + " ORDER BY CASE WHEN " + GRAFANA_IN_SEARCH_PATH + " THEN 0 ELSE 1 END, 1";
    try (Connection c = connect()) {
      useSearchPath(c, "finance");
      List<String> tables = column(c, sql);
      assertTrue(tables.contains("orders"), "finance is the search path: " + tables);
      assertFalse(tables.contains("finance.orders"), tables.toString());
      useSearchPath(c, "public");
      List<String> qualified = column(c, sql);
      assertTrue(qualified.contains("finance.orders"), "outside the search path: " + qualified);
    }
  }

  @Test
  void grafanasTableListOfOneSchemaAndColumnListOfOneTableAnswer() throws Exception {
    try (Connection c = connect()) {
      List<String> tables = column(c, "SELECT quote_ident(table_name) AS \"table\" FROM information_schema.tables"
          + " WHERE quote_ident(table_schema) = 'finance' ORDER BY 1");
      assertTrue(tables.contains("orders"), tables.toString());
      useSearchPath(c, "finance"); // a name without its schema is looked up in the search path
      for (String table : List.of("'finance.orders'", "'orders'")) {
        String sql = "SELECT quote_ident(column_name) AS \"column\", data_type AS \"type\" FROM information_schema.columns"
            + " WHERE CASE WHEN array_length(parse_ident(" + table + "), 1) = 2"
            + " THEN quote_ident(table_schema) = (parse_ident(" + table + "))[1]"
            + " AND quote_ident(table_name) = (parse_ident(" + table + "))[2]"
            + " ELSE quote_ident(table_name) = " + table + " AND " + GRAFANA_IN_SEARCH_PATH + " END";
        List<String> columns = column(c, sql);
        assertTrue(columns.contains("order_id"), table + ": " + columns);
      }
    }
  }

  @Test
  void metabasesTableSyncOfTheChosenSchemasFindsTheViews() throws Exception {
    String sql = "SELECT n.nspname AS schema, c.relname AS name, CASE c.relkind WHEN 'r' THEN 'TABLE'"
        + " WHEN 'p' THEN 'PARTITIONED TABLE' WHEN 'v' THEN 'VIEW' WHEN 'f' THEN 'FOREIGN TABLE'"
        + " WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE NULL END AS type, d.description AS description,"
        + " stat.n_live_tup AS estimated_row_count FROM pg_catalog.pg_class AS c"
        + " INNER JOIN pg_catalog.pg_namespace AS n ON c.relnamespace = n.oid"
        + " LEFT JOIN pg_catalog.pg_description AS d ON (c.oid = d.objoid) AND (d.objsubid = 0)"
        + " AND (d.classoid = 'pg_class'::regclass)"
        + " LEFT JOIN pg_stat_user_tables AS stat ON (n.nspname = stat.schemaname) AND (c.relname = stat.relname)"
        + " WHERE (c.relnamespace = n.oid) AND (n.nspname !~ '^pg_') AND (n.nspname <> 'information_schema')"
        + " AND c.relkind in ('r', 'p', 'v', 'f', 'm') AND (n.nspname IN ('finance'))"
        + " ORDER BY type ASC, schema ASC, name ASC";
    try (Connection c = connect()) {
      List<String> names = column(c, "select schema || '.' || name from (" + sql + ") t");
      assertTrue(names.contains("finance.orders"), names.toString());
    }
  }

  @Test
  void metabasesFieldSyncUnitesInformationSchemaColumnsWithTheMaterializedViewsColumns() throws Exception {
    String sql = "SELECT \"c\".\"column_name\" AS \"name\", CASE WHEN \"c\".\"udt_schema\" IN ('public', 'pg_catalog')"
        + " THEN FORMAT('%s', \"c\".\"udt_name\") ELSE FORMAT('\"%s\".\"%s\"', \"c\".\"udt_schema\", \"c\".\"udt_name\") END"
        + " AS \"database-type\", \"c\".\"ordinal_position\" - 1 AS \"database-position\","
        + " \"c\".\"table_schema\" AS \"table-schema\", \"c\".\"table_name\" AS \"table-name\","
        + " \"pk\".\"column_name\" IS NOT NULL AS \"pk?\", COL_DESCRIPTION(CAST(CAST(FORMAT('%I.%I',"
        + " CAST(\"c\".\"table_schema\" AS TEXT), CAST(\"c\".\"table_name\" AS TEXT)) AS REGCLASS) AS OID),"
        + " \"c\".\"ordinal_position\") AS \"field-comment\", ((\"column_default\" IS NULL)"
        + " OR (LOWER(\"column_default\") = 'null')) AND (\"is_nullable\" = 'NO') AND NOT (((\"column_default\" IS NOT NULL)"
        + " AND (\"column_default\" LIKE '%nextval(%')) OR (\"is_identity\" <> 'NO')) AS \"database-required\","
        + " ((\"column_default\" IS NOT NULL) AND (\"column_default\" LIKE '%nextval(%')) OR (\"is_identity\" <> 'NO')"
        + " AS \"database-is-auto-increment\" FROM \"information_schema\".\"columns\" AS \"c\""
        + " LEFT JOIN (SELECT \"tc\".\"table_schema\", \"tc\".\"table_name\", \"kc\".\"column_name\""
        + " FROM \"information_schema\".\"table_constraints\" AS \"tc\""
        + " INNER JOIN \"information_schema\".\"key_column_usage\" AS \"kc\""
        + " ON (\"tc\".\"constraint_name\" = \"kc\".\"constraint_name\") AND (\"tc\".\"table_schema\" = \"kc\".\"table_schema\")"
        + " AND (\"tc\".\"table_name\" = \"kc\".\"table_name\") WHERE \"tc\".\"constraint_type\" = 'PRIMARY KEY') AS \"pk\""
        + " ON (\"c\".\"table_schema\" = \"pk\".\"table_schema\") AND (\"c\".\"table_name\" = \"pk\".\"table_name\")"
        + " AND (\"c\".\"column_name\" = \"pk\".\"column_name\")"
        + " WHERE c.table_schema !~ '^information_schema|catalog_history|pg_' AND (\"c\".\"table_schema\" IN ('finance'))"
        + " UNION ALL SELECT \"pa\".\"attname\" AS \"name\", CASE WHEN \"ptn\".\"nspname\" IN ('public', 'pg_catalog')"
        + " THEN FORMAT('%s', \"pt\".\"typname\") ELSE FORMAT('\"%s\".\"%s\"', \"ptn\".\"nspname\", \"pt\".\"typname\") END"
        + " AS \"database-type\", \"pa\".\"attnum\" - 1 AS \"database-position\", \"pn\".\"nspname\" AS \"table-schema\","
        + " \"pc\".\"relname\" AS \"table-name\", FALSE AS \"pk?\", NULL AS \"field-comment\", FALSE AS \"database-required\","
        + " FALSE AS \"database-is-auto-increment\" FROM \"pg_catalog\".\"pg_class\" AS \"pc\""
        + " INNER JOIN \"pg_catalog\".\"pg_namespace\" AS \"pn\" ON \"pn\".\"oid\" = \"pc\".\"relnamespace\""
        + " INNER JOIN \"pg_catalog\".\"pg_attribute\" AS \"pa\" ON \"pa\".\"attrelid\" = \"pc\".\"oid\""
        + " INNER JOIN \"pg_catalog\".\"pg_type\" AS \"pt\" ON \"pt\".\"oid\" = \"pa\".\"atttypid\""
        + " INNER JOIN \"pg_catalog\".\"pg_namespace\" AS \"ptn\" ON \"ptn\".\"oid\" = \"pt\".\"typnamespace\""
        + " WHERE (\"pc\".\"relkind\" = 'm') AND (\"pa\".\"attnum\" >= 1) AND (\"pn\".\"nspname\" IN ('finance'))"
        + " ORDER BY \"table-schema\" ASC, \"table-name\" ASC, \"database-position\" ASC";
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      List<String> orders = new ArrayList<>();
      while (rs.next()) {
        assertFalse(rs.getBoolean("pk?"), "the views have no keys");
        assertFalse(rs.getBoolean("database-is-auto-increment"));
        if (rs.getString("table-name").equals("orders")) {
          orders.add(rs.getString("name") + ":" + rs.getString("database-type"));
        }
      }
      assertTrue(orders.contains("order_id:varchar"), orders.toString());
      assertTrue(orders.contains("order_date:date"), orders.toString());
    }
  }

  @Test
  void metabasesEnumAndForeignKeyLookUpsFindNone() throws Exception {
    try (Connection c = connect()) {
      assertEquals(List.of(), column(c, "SELECT nspname, typname FROM pg_type t JOIN pg_namespace n"
          + " ON n.oid = t.typnamespace WHERE t.oid IN (SELECT DISTINCT enumtypid FROM pg_enum e)"));
      assertEquals(List.of(), column(c, "SELECT \"fk_ns\".\"nspname\" AS \"fk-table-schema\","
          + " \"fk_table\".\"relname\" AS \"fk-table-name\", \"fk_column\".\"attname\" AS \"fk-column-name\","
          + " \"pk_ns\".\"nspname\" AS \"pk-table-schema\", \"pk_table\".\"relname\" AS \"pk-table-name\","
          + " \"pk_column\".\"attname\" AS \"pk-column-name\" FROM \"pg_constraint\" AS \"c\""
          + " INNER JOIN \"pg_class\" AS \"fk_table\" ON \"c\".\"conrelid\" = \"fk_table\".\"oid\""
          + " INNER JOIN \"pg_namespace\" AS \"fk_ns\" ON \"c\".\"connamespace\" = \"fk_ns\".\"oid\""
          + " INNER JOIN \"pg_attribute\" AS \"fk_column\" ON \"c\".\"conrelid\" = \"fk_column\".\"attrelid\""
          + " INNER JOIN \"pg_class\" AS \"pk_table\" ON \"c\".\"confrelid\" = \"pk_table\".\"oid\""
          + " INNER JOIN \"pg_namespace\" AS \"pk_ns\" ON \"pk_table\".\"relnamespace\" = \"pk_ns\".\"oid\""
          + " INNER JOIN \"pg_attribute\" AS \"pk_column\" ON \"c\".\"confrelid\" = \"pk_column\".\"attrelid\""
          + " WHERE fk_ns.nspname !~ '^information_schema|catalog_history|pg_' AND (\"c\".\"contype\" = 'f'::char)"
          + " AND (\"fk_column\".\"attnum\" = ANY(c.conkey)) AND (\"pk_column\".\"attnum\" = ANY(c.confkey))"
          + " AND (\"fk_ns\".\"nspname\" IN ('finance')) ORDER BY \"fk-table-schema\" ASC, \"fk-table-name\" ASC"));
    }
  }

  @Test
  void metabasesConnectSettingsAreAccepted() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
      List<String> startup = column(c, "SHOW timezone"); // pgJDBC sends its JVM's zone on connect
      s.execute("SET SESSION TIMEZONE TO 'Europe/Berlin'");
      assertEquals(List.of("Europe/Berlin"), column(c, "SHOW TIME ZONE"));
      s.execute("SET SESSION TIMEZONE TO DEFAULT");
      assertEquals(startup, column(c, "SHOW timezone"));
    }
  }

  @Test
  void metabasesTablePrivilegesListTheUsersViewsReadableOnly() throws Exception {
    String object = "'\"' || replace(t.schemaname, '\"', '\"\"') || '\"' || '.' || '\"' || replace(t.objectname, '\"', '\"\"') || '\"'";
    String sql = "with table_privileges as ( select NULL as role, t.schemaname as schema, t.objectname as table,"
        + " pg_catalog.has_any_column_privilege(current_user, " + object + ", 'update') as update,"
        + " pg_catalog.has_table_privilege(current_user, " + object + ", 'select') as select,"
        + " pg_catalog.has_any_column_privilege(current_user, " + object + ", 'insert') as insert,"
        + " pg_catalog.has_table_privilege(current_user, " + object + ", 'delete') as delete"
        + " from ( select schemaname, tablename as objectname from pg_catalog.pg_tables union"
        + " select schemaname, viewname as objectname from pg_catalog.pg_views union"
        + " select schemaname, matviewname as objectname from pg_catalog.pg_matviews ) t"
        + " where t.schemaname !~ '^pg_' and t.schemaname <> 'information_schema'"
        + " and pg_catalog.has_schema_privilege(current_user, t.schemaname, 'usage') )"
        + " select t.* from table_privileges t where t.select or t.update or t.insert or t.delete";
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString("schema") + "." + rs.getString("table") + ":" + rs.getBoolean("select") + rs.getBoolean("update")
            + rs.getBoolean("insert") + rs.getBoolean("delete"));
      }
      assertTrue(rows.contains("finance.channel_roi:truefalsefalsefalse"), rows.toString());
      assertTrue(rows.stream().allMatch(r -> r.startsWith("finance.") && r.endsWith(":truefalsefalsefalse")), rows.toString());
    }
  }

  @Test
  void metabasesMaterializedViewListIsEmpty() throws Exception {
    try (Connection c = connect()) {
      assertEquals(List.of(), column(c, "SELECT schemaname, matviewname FROM pg_catalog.pg_matviews"
          + " WHERE schemaname IN ('finance')"));
    }
  }

  @Test
  void grafanasTimeMacrosAsItsMacroEngineExpandsThemRun() throws Exception {
    try (Connection c = connect()) {
      // $__timeGroupAlias(order_date, 1d) and $__timeFilter(order_date) over January and February 2025
      List<String> days = column(c, "SELECT floor(extract(epoch from order_date)/86400)*86400 AS \"time\","
          + " sum(amount_rc) AS \"amount\" FROM finance.orders"
          + " WHERE order_date BETWEEN '2025-01-01T00:00:00Z' AND '2025-02-28T23:59:59Z' GROUP BY 1 ORDER BY 1");
      assertEquals(5, days.size(), days.toString());
      assertEquals(1736985600L, Double.valueOf(days.get(0)).longValue(), "16 January 2025 at midnight, UTC");
      // $__timeEpoch(order_date) and $__unixEpochFilter
      assertEquals(List.of("1736985600"), column(c, "SELECT extract(epoch from order_date)::bigint as \"time\""
          + " FROM finance.orders WHERE order_id = 'o1' AND extract(epoch from order_date) >= 1735689600"
          + " AND extract(epoch from order_date) <= 1740787199"));
      // $__timeGroup(order_date, 1w), Grafana's weekly buckets since the epoch
      assertEquals(3, column(c, "SELECT floor(extract(epoch from order_date)/604800)*604800 AS \"time\", count(*)"
          + " FROM finance.orders GROUP BY 1 ORDER BY 1").size());
    }
  }

  private static void useSearchPath(Connection c, String schema) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SET search_path TO " + schema);
    }
  }

  private Connection connect() throws SQLException {
    return server.connect(TestServer.FIN.user(), TestServer.FIN.password());
  }

  private static List<String> column(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
