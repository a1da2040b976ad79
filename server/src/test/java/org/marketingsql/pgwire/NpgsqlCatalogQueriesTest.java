package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.StoreFixture;

/**
 * The queries Npgsql (Power BI's PostgreSQL connector) sends, in the shapes its published source builds them: the
 * type loading of an opened connection (the composite fields and enum labels after the types), the pool's
 * {@code DISCARD ALL}, and {@code NpgsqlConnection.GetSchema}'s collections (Databases, Schemata, Tables, Views,
 * Columns, Users, Indexes, IndexColumns, ForeignKeys, Constraints), whose restrictions Npgsql binds as parameters.
 * Sent by pgJDBC as fin, who reads only finance: the finance views come back, nothing of another schema.
 */
class NpgsqlCatalogQueriesTest {
  @TempDir
  static Path temp;
  @RegisterExtension
  static final StoreFixture fixture = StoreFixture.withExports("finance");
  static TestServer server;
  Connection connection;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.forClass(fixture.csvUrl(), temp, TestServer.FIN);
  }

  @BeforeEach
  void connect() throws Exception {
    connection = server.connect("fin", "f1n");
  }

  @AfterEach
  void disconnect() throws SQLException {
    connection.close();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Each row of {@code sql}'s answer, its values joined with {@code |}, with {@code parameters} bound in order. */
  private List<String> rows(String sql, String... parameters) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        s.setString(i + 1, parameters[i]);
      }
      List<String> rows = new ArrayList<>();
      try (ResultSet rs = s.executeQuery()) {
        int columns = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          List<String> values = new ArrayList<>();
          for (int c = 1; c <= columns; c++) {
            values.add(rs.getString(c));
          }
          rows.add(String.join("|", values));
        }
      }
      return rows;
    }
  }

  @Test
  void theCompositeFieldsAndEnumLabelsLoadedAfterTheTypesAreEmpty() throws Exception {
    assertEquals(List.of(), rows("""
        SELECT typ.oid, att.attname, att.atttypid
        FROM pg_type AS typ
        JOIN pg_namespace AS ns ON (ns.oid = typ.typnamespace)
        JOIN pg_class AS cls ON (cls.oid = typ.typrelid)
        JOIN pg_attribute AS att ON (att.attrelid = typ.typrelid)
        WHERE
          (typ.typtype = 'c' AND cls.relkind='c') AND
          attnum > 0 AND
          NOT attisdropped
        ORDER BY typ.oid, att.attnum"""));
    assertEquals(List.of(), rows("""
        SELECT pg_type.oid, enumlabel
        FROM pg_enum
        JOIN pg_type ON pg_type.oid=enumtypid
        ORDER BY oid, enumsortorder"""));
  }

  @Test
  void theOlderTypeLoadingQueryOfNpgsqlFourOrdersBaseTypesBeforeArrays() throws Exception {
    List<String> types = rows("SELECT ns.nspname, a.typname, a.oid, a.typrelid, a.typbasetype,"
        + " CASE WHEN pg_proc.proname='array_recv' THEN 'a' ELSE a.typtype END AS type,"
        + " CASE WHEN pg_proc.proname='array_recv' THEN a.typelem WHEN a.typtype='r' THEN rngsubtype ELSE 0 END AS elemoid,"
        + " CASE WHEN pg_proc.proname IN ('array_recv','oidvectorrecv') THEN 3 WHEN a.typtype='r' THEN 2"
        + " WHEN a.typtype='d' THEN 1 ELSE 0 END AS ord"
        + " FROM pg_type AS a JOIN pg_namespace AS ns ON (ns.oid = a.typnamespace)"
        + " JOIN pg_proc ON pg_proc.oid = a.typreceive"
        + " LEFT OUTER JOIN pg_class AS cls ON (cls.oid = a.typrelid)"
        + " LEFT OUTER JOIN pg_type AS b ON (b.oid = a.typelem)"
        + " LEFT OUTER JOIN pg_class AS elemcls ON (elemcls.oid = b.typrelid)"
        + " LEFT OUTER JOIN pg_range ON (pg_range.rngtypid = a.oid)"
        + " WHERE a.typtype IN ('b', 'r', 'e', 'd') OR (a.typtype = 'c' AND cls.relkind='c')"
        + " OR (pg_proc.proname='array_recv' AND (b.typtype IN ('b', 'r', 'e', 'd')"
        + " OR (b.typtype = 'p' AND b.typname IN ('record', 'void')) OR (b.typtype = 'c' AND elemcls.relkind='c')))"
        + " OR (a.typtype = 'p' AND a.typname IN ('record', 'void')) ORDER BY ord");
    assertTrue(types.contains("pg_catalog|numeric|1700|0|0|b|0|0"), types.toString());
    assertTrue(types.contains("pg_catalog|_numeric|1231|0|0|a|1700|3"), types.toString());
  }

  @Test
  void thePoolsDiscardAllSucceedsAndTheSessionGoesOn() throws Exception {
    try (Statement s = connection.createStatement()) {
      s.execute("DISCARD ALL");
    }
    assertEquals(List.of("1"), rows("SELECT 1"));
  }

  @Test
  void databasesNameTheOneDatabaseWithItsOwnerAndEncoding() throws Exception {
    String sql = "SELECT d.datname AS database_name, u.usename AS owner,"
        + " pg_catalog.pg_encoding_to_char(d.encoding) AS encoding"
        + " FROM pg_catalog.pg_database d LEFT JOIN pg_catalog.pg_user u ON d.datdba = u.usesysid";
    assertEquals(List.of("marketing|marketing|UTF8"), rows(sql));
    assertEquals(List.of("marketing|marketing|UTF8"), rows(sql + " WHERE datname = ?", "marketing"));
  }

  @Test
  void schemataListTheUsersSchemaAndTheCatalogsOnly() throws Exception {
    List<String> schemas = rows("SELECT * FROM (SELECT current_database() AS catalog_name, nspname AS schema_name,"
        + " r.rolname AS schema_owner FROM pg_catalog.pg_namespace"
        + " LEFT OUTER JOIN pg_catalog.pg_roles r ON r.oid = nspowner) tmp");
    assertTrue(schemas.stream().anyMatch(s -> s.startsWith("marketing|finance|")), schemas.toString());
    assertTrue(schemas.stream().noneMatch(s -> s.contains("|exports|")), schemas.toString());
    assertEquals(1, rows("SELECT * FROM (SELECT current_database() AS catalog_name, nspname AS schema_name,"
        + " r.rolname AS schema_owner FROM pg_catalog.pg_namespace"
        + " LEFT OUTER JOIN pg_catalog.pg_roles r ON r.oid = nspowner) tmp WHERE schema_name = ?", "finance").size());
  }

  @Test
  void tablesAndViewsCollectionsTellTheViewsApart() throws Exception {
    String tables = "SELECT table_catalog, table_schema, table_name, table_type FROM information_schema.tables"
        + " WHERE table_type IN ('BASE TABLE', 'FOREIGN') AND table_schema NOT IN ('pg_catalog', 'information_schema')";
    assertEquals(List.of(), rows(tables), "the finance schema has views only");
    List<String> views = rows("SELECT table_catalog, table_schema, table_name, check_option, is_updatable"
        + " FROM information_schema.views WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"
        + " AND table_schema = ?", "finance");
    assertTrue(views.contains("marketing|finance|channel_roi|NONE|NO"), views.toString());
    assertEquals(List.of(), rows("SELECT table_catalog, table_schema, table_name, check_option, is_updatable"
        + " FROM information_schema.views WHERE table_schema = ?", "exports"));
  }

  @Test
  void columnsCollectionGivesEachColumnWithItsTypeAsFormatTypeNamesIt() throws Exception {
    String sql = "SELECT * FROM (SELECT table_catalog, table_schema, table_name, column_name, ordinal_position,"
        + " column_default, is_nullable, CASE WHEN udt_schema is NULL THEN udt_name ELSE format_type(typ.oid, NULL) END"
        + " AS data_type, character_maximum_length, character_octet_length, numeric_precision, numeric_precision_radix,"
        + " numeric_scale, datetime_precision, character_set_catalog, character_set_schema, character_set_name,"
        + " collation_catalog FROM information_schema.columns JOIN pg_namespace AS ns ON ns.nspname = udt_schema"
        + " JOIN pg_type AS typ ON typnamespace = ns.oid AND typname = udt_name) tmp"
        + " WHERE table_schema = ? AND table_name = ?";
    List<String> columns = rows(sql, "finance", "orders");
    assertTrue(columns.stream().anyMatch(c -> c.startsWith("marketing|finance|orders|order_date|3|null|NO|date|")),
        columns.toString());
    assertTrue(columns.stream().anyMatch(c -> c.startsWith("marketing|finance|orders|order_id|1|null|NO|character varying|")),
        columns.toString());
    assertEquals(List.of(), rows(sql, "exports", "orders"));
  }

  @Test
  void usersIndexesIndexColumnsForeignKeysAndConstraintsAnswer() throws Exception {
    assertEquals(List.of("marketing|10", "fin|" + PgFunctions.roleOid("fin")),
        rows("SELECT usename as user_name, usesysid as user_sysid FROM pg_catalog.pg_user"), "the owner and the login");
    assertEquals(List.of(), rows("select current_database() as table_catalog, n.nspname as table_schema,"
        + " t.relname as table_name, i.relname as index_name, case when ix.indisunique = true then 1 else 0 end as type_desc"
        + " from pg_catalog.pg_class i join pg_catalog.pg_index ix ON ix.indexrelid = i.oid"
        + " join pg_catalog.pg_class t ON ix.indrelid = t.oid left join pg_catalog.pg_user u ON u.usesysid = i.relowner"
        + " left join pg_catalog.pg_namespace n ON n.oid = i.relnamespace where i.relkind = 'i'"
        + " and n.nspname not in ('pg_catalog', 'pg_toast') and t.relkind = 'r' and n.nspname = ?", "finance"));
    assertEquals(List.of(), rows("select current_database() as table_catalog, n.nspname as table_schema,"
        + " t.relname as table_name, i.relname as index_name, a.attname as column_name"
        + " from pg_class t join pg_index ix on t.oid = ix.indrelid join pg_class i on ix.indexrelid = i.oid"
        + " join pg_attribute a on t.oid = a.attrelid left join pg_namespace n on i.relnamespace = n.oid"
        + " where i.relkind = 'i' and n.nspname not in ('pg_catalog', 'pg_toast') and pg_catalog.pg_table_is_visible(i.oid)"
        + " and a.attnum = ANY(ix.indkey) and t.relkind = 'r'"));
    assertEquals(List.of(), rows("select current_database() as \"CONSTRAINT_CATALOG\", pgn.nspname as \"CONSTRAINT_SCHEMA\","
        + " pgc.conname as \"CONSTRAINT_NAME\", current_database() as \"TABLE_CATALOG\", pgtn.nspname as \"TABLE_SCHEMA\","
        + " pgt.relname as \"TABLE_NAME\", 'FOREIGN KEY' as \"CONSTRAINT_TYPE\", pgc.condeferrable as \"IS_DEFERRABLE\","
        + " pgc.condeferred as \"INITIALLY_DEFERRED\" from pg_catalog.pg_constraint pgc"
        + " inner join pg_catalog.pg_namespace pgn on pgc.connamespace = pgn.oid"
        + " inner join pg_catalog.pg_class pgt on pgc.conrelid = pgt.oid"
        + " inner join pg_catalog.pg_namespace pgtn on pgt.relnamespace = pgtn.oid where pgc.contype='f'"
        + " and pgtn.nspname = ?", "finance"));
    assertEquals(List.of(), rows("select * from (select current_database() as \"CONSTRAINT_CATALOG\","
        + " pgn.nspname as \"CONSTRAINT_SCHEMA\", pgc.conname as \"CONSTRAINT_NAME\", current_database() as \"TABLE_CATALOG\","
        + " pgtn.nspname as \"TABLE_SCHEMA\", pgt.relname as \"TABLE_NAME\", case pgc.contype when 'f' then 'FOREIGN KEY'"
        + " when 'p' then 'PRIMARY KEY' when 'u' then 'UNIQUE KEY' end as \"CONSTRAINT_TYPE\","
        + " pgc.condeferrable as \"IS_DEFERRABLE\", pgc.condeferred as \"INITIALLY_DEFERRED\""
        + " from pg_catalog.pg_constraint pgc inner join pg_catalog.pg_namespace pgn on pgc.connamespace = pgn.oid"
        + " inner join pg_catalog.pg_class pgt on pgc.conrelid = pgt.oid"
        + " inner join pg_catalog.pg_namespace pgtn on pgt.relnamespace = pgtn.oid"
        + " where pgc.contype in ('p', 'u', 'f')) c"));
    assertFalse(rows("SELECT version()").isEmpty());
  }
}
