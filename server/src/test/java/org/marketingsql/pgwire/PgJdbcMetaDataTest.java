package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.PostgresCluster;
import org.marketingsql.testing.StoreFixture;

/**
 * Every {@link DatabaseMetaData} method of pgJDBC 42.7 a tool calls (DBeaver, Metabase, Tableau's JDBC path and
 * BIRT read the port through it), as fin, who reads only finance: each runs pgJDBC's PostgreSQL 15 catalog query,
 * answers with the user's views and columns and their comments, and answers empty where the read-only views
 * have nothing (keys, indexes, privileges of other users, functions, types of their own).
 */
class PgJdbcMetaDataTest {
  @RegisterExtension
  static final PostgresCluster postgres = PostgresCluster.withPassword();
  @TempDir
  static Path temp;
  @RegisterExtension
  static final StoreFixture fixture = StoreFixture.withExports("finance");
  static TestServer server;
  Connection connection;
  DatabaseMetaData md;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.forClass(fixture.csvUrl(), temp, TestServer.FIN);
  }

  @BeforeEach
  void connect() throws Exception {
    connection = server.connect("fin", "f1n");
    md = connection.getMetaData();
  }

  @AfterEach
  void disconnect() throws SQLException {
    connection.close();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** The values of {@code column} in every row of {@code rs}, which is closed. */
  private static List<String> column(ResultSet rs, String column) throws SQLException {
    try (rs) {
      List<String> values = new ArrayList<>();
      while (rs.next()) {
        values.add(rs.getString(column));
      }
      return values;
    }
  }

  private static int rows(ResultSet rs) throws SQLException {
    try (rs) {
      int n = 0;
      while (rs.next()) {
        n++;
      }
      return n;
    }
  }

  @Test
  void getTablesListsTheUsersViewsWithTheirCommentsAndNothingOfOtherSchemas() throws Exception {
    List<String> views = new ArrayList<>();
    try (ResultSet rs = md.getTables(null, null, "%", null)) {
      while (rs.next()) {
        views.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME") + ":" + rs.getString("TABLE_TYPE"));
      }
    }
    assertTrue(views.contains("finance.channel_roi:VIEW"), views.toString());
    assertTrue(views.stream().noneMatch(v -> v.startsWith("exports.") || v.startsWith("_")), views.toString());
    List<String> remarks = column(md.getTables(null, "finance", "channel_roi", new String[] {"VIEW"}), "REMARKS");
    assertEquals(1, remarks.size(), remarks.toString());
    assertTrue(remarks.get(0).startsWith("Return on marketing investment"), remarks.toString());
    assertEquals(List.of(), column(md.getTables(null, "exports", "%", null), "TABLE_NAME"));
  }

  @Test
  void getColumnsGivesTypesPositionsAndTheMetricFormulasAsRemarks() throws Exception {
    List<String> columns = new ArrayList<>();
    try (ResultSet rs = md.getColumns(null, "finance", "channel_roi", "%")) {
      while (rs.next()) {
        columns.add(rs.getInt("ORDINAL_POSITION") + ":" + rs.getString("COLUMN_NAME") + ":" + rs.getString("TYPE_NAME")
            + ":" + rs.getString("REMARKS"));
      }
    }
    assertTrue(columns.get(0).startsWith("1:"), columns.toString());
    assertTrue(columns.stream().anyMatch(c -> c.contains(":roas:numeric:") && c.contains("attributed_revenue_rc / spend_rc")),
        columns.toString());
    assertEquals(List.of(), column(md.getColumns(null, "exports", "%", "%"), "COLUMN_NAME"));
  }

  @Test
  void getSchemasAndCatalogsAndTableTypesNameOnlyWhatTheUserReads() throws Exception {
    List<String> schemas = column(md.getSchemas(), "TABLE_SCHEM");
    assertTrue(schemas.contains("finance"), schemas.toString());
    assertFalse(schemas.contains("exports"), schemas.toString());
    assertEquals(List.of("finance"), column(md.getSchemas(null, "fin%"), "TABLE_SCHEM"));
    assertEquals(List.of("marketing"), column(md.getCatalogs(), "TABLE_CAT"));
    assertTrue(column(md.getTableTypes(), "TABLE_TYPE").contains("VIEW"));
  }

  @Test
  void keysAndIndexesOfTheViewsAreEmpty() throws Exception {
    assertEquals(0, rows(md.getPrimaryKeys(null, "finance", "orders")));
    assertEquals(0, rows(md.getImportedKeys(null, "finance", "orders")));
    assertEquals(0, rows(md.getExportedKeys(null, "finance", "orders")));
    assertEquals(0, rows(md.getCrossReference(null, "finance", "orders", null, "finance", "channel_roi")));
    assertEquals(0, rows(md.getIndexInfo(null, "finance", "orders", false, true)));
    assertEquals(0, rows(md.getIndexInfo(null, "finance", "orders", true, false)));
    assertEquals(0, rows(md.getBestRowIdentifier(null, "finance", "orders", DatabaseMetaData.bestRowSession, true)));
    // pgJDBC answers ctid itself, without asking the server
    assertEquals(List.of("ctid"), column(md.getVersionColumns(null, "finance", "orders"), "COLUMN_NAME"));
  }

  @Test
  void theFunctionsOfTheUsersSchemasAreListedAndTheUserTypesAreTheirRelationsRowTypes() throws Exception {
    assertEquals(Set.of("finance.attributed_revenue"), names(md.getFunctions(null, "finance", "%"), "FUNCTION_SCHEM",
        "FUNCTION_NAME"));
    assertEquals(0, rows(md.getProcedures(null, "finance", "%")), "a function is no procedure (prokind f)");
    assertEquals(Set.of("pg_catalog.roi"), names(md.getFunctions(null, "pg_catalog", "roi"), "FUNCTION_SCHEM",
        "FUNCTION_NAME"));
    assertEquals(Set.of(), names(md.getFunctions(null, "exports", "%"), "FUNCTION_SCHEM", "FUNCTION_NAME"),
        "nothing of a schema fin does not read");
    // each relation's row type, a composite type (STRUCT) as PostgreSQL lists a view's
    assertEquals(names(md.getTables(null, "finance", "%", null), "TABLE_SCHEM", "TABLE_NAME"),
        names(md.getUDTs(null, "finance", "%", new int[] {java.sql.Types.STRUCT}), "TYPE_SCHEM", "TYPE_NAME"));
    assertEquals(0, rows(md.getUDTs(null, "exports", "%", null)), "nothing of a schema fin does not read");
  }

  private static Set<String> names(ResultSet rs, String schema, String name) throws SQLException {
    Set<String> out = new java.util.TreeSet<>();
    try (rs) {
      while (rs.next()) {
        out.add(rs.getString(schema) + "." + rs.getString(name));
      }
    }
    return out;
  }

  @Test
  void privilegesOfTheViewsNameTheUserAsGranteeOfSelect() throws Exception {
    List<String> privileges = new ArrayList<>();
    try (ResultSet rs = md.getTablePrivileges(null, "finance", "orders")) {
      while (rs.next()) {
        privileges.add(rs.getString("TABLE_NAME") + ":" + rs.getString("PRIVILEGE"));
      }
    }
    assertTrue(privileges.stream().allMatch(p -> p.startsWith("orders:")), privileges.toString());
    assertEquals(0, rows(md.getTablePrivileges(null, "exports", "%")));
    // column privileges are pg_attribute.attacl, which the views do not set
    assertEquals(0, rows(md.getColumnPrivileges(null, "finance", "orders", "%")));
  }

  @Test
  void informationSchemasPrivilegeViewsGrantTheUserSelectOnTheirViewsAndColumnsOnly() throws Exception {
    List<String> tables = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("select grantor, grantee, table_schema,"
        + " table_name, privilege_type, is_grantable, with_hierarchy from information_schema.table_privileges"
        + " order by table_schema, table_name")) {
      while (rs.next()) {
        tables.add(String.join("|", rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getString(7)));
      }
    }
    assertTrue(tables.contains("marketing|fin|finance|orders|SELECT|NO|YES"), tables.toString());
    assertTrue(tables.stream().allMatch(t -> t.contains("|finance|")), tables.toString());
    List<String> columns = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("select table_schema, table_name,"
        + " column_name, privilege_type from information_schema.column_privileges where table_name = 'orders'")) {
      while (rs.next()) {
        columns.add(rs.getString(1) + "." + rs.getString(2) + "." + rs.getString(3) + ":" + rs.getString(4));
      }
    }
    assertTrue(columns.contains("finance.orders.order_id:SELECT"), columns.toString());
    assertTrue(columns.stream().allMatch(c -> c.startsWith("finance.orders.")), columns.toString());
  }

  @Test
  void getTypeInfoListsPostgreSqlsBaseTypes() throws Exception {
    List<String> types = column(md.getTypeInfo(), "TYPE_NAME");
    assertTrue(types.containsAll(List.of("int4", "numeric", "varchar", "date", "timestamp", "bool", "text")), types.toString());
  }

  @Test
  void clientInfoPropertiesAndTheServersLimitsAnswer() throws Exception {
    rows(md.getClientInfoProperties());
    assertEquals(63, md.getMaxColumnNameLength());
    assertTrue(md.getSQLKeywords().length() > 0);
    assertEquals("PostgreSQL", md.getDatabaseProductName());
    assertEquals(15, md.getDatabaseMajorVersion());
    assertEquals("fin", md.getUserName());
  }

  @Test
  void theCatalogsOidColumnsAreSentAsTheOidTypePostgreSql15DeclaresThemAs() throws Exception {
    List<String> queries = List.of(
        "SELECT c.oid, c.relname, c.relnamespace, c.reltype, c.relowner, c.relnatts FROM pg_catalog.pg_class c",
        "SELECT a.attrelid, a.atttypid, a.attnum, a.attname FROM pg_catalog.pg_attribute a",
        "SELECT t.oid, t.typname, t.typelem, t.typarray, t.typbasetype FROM pg_catalog.pg_type t",
        "SELECT n.oid, n.nspname FROM pg_catalog.pg_namespace n",
        "SELECT p.oid, p.proname, p.prorettype FROM pg_catalog.pg_proc p",
        "SELECT i.indexrelid, i.indrelid, i.indnatts FROM pg_catalog.pg_index i",
        "SELECT d.objoid, d.classoid, d.objsubid FROM pg_catalog.pg_description d",
        "SELECT relid, relname FROM pg_catalog.pg_stat_user_tables",
        "SELECT t.oid, t.typname FROM pg_type t",
        "SELECT c.oid AS table_oid FROM pg_class c",
        "SELECT CAST(c.oid AS integer) + 1 AS computed FROM pg_catalog.pg_class c");
    try (Connection pg = postgres.connection()) {
      for (String sql : queries) {
        assertEquals(oidColumns(pg, sql), oidColumns(connection, sql), sql);
      }
      String declared = "SELECT a.atttypid, format_type(a.atttypid, a.atttypmod) FROM pg_catalog.pg_attribute a"
          + " JOIN pg_catalog.pg_class c ON c.oid = a.attrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE n.nspname = 'pg_catalog' AND c.relname = 'pg_class' AND a.attname IN ('oid', 'relname') ORDER BY a.attnum";
      assertEquals(List.of("26:oid", "19:name"), values(pg, declared));
      assertEquals(values(pg, declared), values(connection, declared), "the port's relname is a name, its oid an oid");
    }
    String orders = "SELECT c.oid FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
        + " WHERE n.nspname = 'finance' AND c.relname = 'orders'";
    long oid;
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(orders)) {
      assertTrue(rs.next());
      oid = rs.getLong(1);
    }
    try (java.sql.PreparedStatement p = connection.prepareStatement(orders)) {
      p.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1); // binary from the first execution
      try (ResultSet rs = p.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(oid, rs.getLong(1), "the binary oid is the text one");
      }
    }
  }

  /** The columns of {@code sql}'s result sent as oid, as {@code label:java.sql.Types} (pgJDBC maps oid to BIGINT). */
  private static List<String> oidColumns(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql + " LIMIT 0")) {
      ResultSetMetaData meta = rs.getMetaData();
      List<String> columns = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        if (meta.getColumnTypeName(i).equals("oid")) {
          columns.add(meta.getColumnLabel(i) + ":" + meta.getColumnType(i));
        }
      }
      return columns;
    }
  }

  /** Each row of {@code sql} as its two columns joined by a colon. */
  private static List<String> values(Connection c, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rows.add(rs.getString(1) + ":" + rs.getString(2));
      }
    }
    return rows;
  }

  /** A metadata call, made on the port and on PostgreSQL 15 alike. */
  private interface Call {
    ResultSet on(DatabaseMetaData md) throws SQLException;
  }

  /** The result's columns as {@code label:java.sql.Types}. */
  private static List<String> shape(ResultSet rs) throws SQLException {
    try (rs) {
      ResultSetMetaData meta = rs.getMetaData();
      List<String> columns = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.add(meta.getColumnLabel(i) + ":" + meta.getColumnType(i));
      }
      return columns;
    }
  }

  @Test
  void everyMetadataResultHasTheColumnsAndTypesPostgreSql15GivesAViewOfTheSameShape() throws Exception {
    try (Connection pg = postgres.connection(); Statement s = pg.createStatement()) {
      s.execute("create schema finance");
      s.execute("create view finance.orders as select 'o1'::varchar as order_id, date '2025-01-16' as order_date,"
          + " 500.000000::numeric(18, 6) as amount_rc");
      s.execute("comment on view finance.orders is 'One row per order'");
      s.execute("comment on column finance.orders.amount_rc is 'amount in the reporting currency'");
      s.execute("create view finance.channel_roi as select 'search'::varchar as channel, 1.5::numeric as roas");
      DatabaseMetaData real = pg.getMetaData();
      List<Call> calls = List.of(
          m -> m.getTables(null, "finance", "%", new String[] {"VIEW"}),
          m -> m.getColumns(null, "finance", "orders", "%"),
          m -> m.getSchemas(),
          m -> m.getSchemas(null, "fin%"),
          m -> m.getCatalogs(),
          m -> m.getTableTypes(),
          m -> m.getPrimaryKeys(null, "finance", "orders"),
          m -> m.getImportedKeys(null, "finance", "orders"),
          m -> m.getExportedKeys(null, "finance", "orders"),
          m -> m.getCrossReference(null, "finance", "orders", null, "finance", "channel_roi"),
          m -> m.getIndexInfo(null, "finance", "orders", false, true),
          m -> m.getBestRowIdentifier(null, "finance", "orders", DatabaseMetaData.bestRowSession, true),
          m -> m.getVersionColumns(null, "finance", "orders"),
          m -> m.getProcedures(null, "finance", "%"),
          m -> m.getProcedureColumns(null, "finance", "%", "%"),
          m -> m.getFunctions(null, "finance", "%"),
          m -> m.getFunctionColumns(null, "finance", "%", "%"),
          m -> m.getUDTs(null, "finance", "%", null),
          m -> m.getTablePrivileges(null, "finance", "orders"),
          m -> m.getColumnPrivileges(null, "finance", "orders", "%"),
          m -> m.getTypeInfo(),
          m -> m.getClientInfoProperties());
      for (int i = 0; i < calls.size(); i++) {
        assertEquals(shape(calls.get(i).on(real)), shape(calls.get(i).on(md)), "call " + i);
      }
      // the same values where the views agree: the first column's name, JDBC type, type name and position
      assertEquals(columns(real.getColumns(null, "finance", "orders", "order_id")),
          columns(md.getColumns(null, "finance", "orders", "order_id")));
    }
  }

  private static List<String> columns(ResultSet rs) throws SQLException {
    try (rs) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(rs.getString("COLUMN_NAME") + ":" + rs.getInt("DATA_TYPE") + ":" + rs.getString("TYPE_NAME") + ":"
            + rs.getInt("ORDINAL_POSITION"));
      }
      return rows;
    }
  }
}
