package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.StoreFixture;
import org.marketingsql.users.ScramVerifier;
import org.marketingsql.users.User;
import org.marketingsql.users.UsersFile;

/**
 * Grafana's and Metabase's catalog queries in the shapes their published sources build them: Grafana's PostgreSQL
 * data source's schema list, and Metabase's PostgreSQL driver's table sync of the chosen schemas and its enum and
 * foreign key look-ups, sent by pgJDBC to the finance export folder as fin, who reads finance only.
 */
@ExtendWith(IsolatedHome.class)
class PublishedCatalogQueriesTest {
  @TempDir
  Path temp;
  @RegisterExtension
  final StoreFixture fixture = StoreFixture.withExports("finance");
  PgServer server;

  @BeforeEach
  void start() throws Exception {
    Path users = temp.resolve("users");
    new UsersFile(users).add(new User("fin", ScramVerifier.create("f1n".toCharArray(), new SecureRandom()), List.of("finance")));
    server = PgServer.start(new PgServerSettings(fixture.csvUrl(), "127.0.0.1", 0, users, 50));
  }

  @AfterEach
  void stop() {
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

  private Connection connect() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "fin");
    p.setProperty("password", "f1n");
    p.setProperty("sslmode", "disable");
    return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/marketing", p);
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
