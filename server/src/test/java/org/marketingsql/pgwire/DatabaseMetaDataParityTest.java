package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * Every pgJDBC {@link DatabaseMetaData} method, called through the port as fin (who reads only finance) and on a
 * PostgreSQL 15 into which the test copies finance's views: the same column names and types for every result,
 * the same rows where the content is the same on both (the views and their columns, the types, the capabilities),
 * and nothing outside finance in any answer.
 */
class DatabaseMetaDataParityTest {
  @RegisterExtension
  static final PostgresCluster postgres = PostgresCluster.withPassword();
  @TempDir
  static Path temp;
  @RegisterExtension
  static final StoreFixture fixture = StoreFixture.withExports("finance");
  static TestServer server;
  static Connection pg;
  Connection connection;
  DatabaseMetaData port;
  DatabaseMetaData real;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.forClass(fixture.csvUrl(), temp, TestServer.FIN);
    pg = postgres.connection();
    try (Connection c = server.connect("fin", "f1n")) {
      FinanceCopy.into(c, pg);
    }
  }

  @BeforeEach
  void connect() throws Exception {
    connection = server.connect("fin", "f1n");
    port = connection.getMetaData();
    real = pg.getMetaData();
  }

  @AfterEach
  void disconnect() throws SQLException {
    connection.close();
  }

  @AfterAll
  static void stop() throws SQLException {
    pg.close();
    server.close();
  }

  /** A metadata call, made on the port and on PostgreSQL 15 alike. */
  private interface Call {
    ResultSet on(DatabaseMetaData md) throws SQLException;
  }

  /** Every method of {@link DatabaseMetaData} that answers a result set, with the arguments a tool passes. */
  private static Map<String, Call> everyResultSetCall() {
    Map<String, Call> calls = new LinkedHashMap<>();
    calls.put("getTables", m -> m.getTables(null, "finance", "%", null));
    calls.put("getTables VIEW", m -> m.getTables(null, "finance", "%", new String[] {"VIEW"}));
    calls.put("getColumns", m -> m.getColumns(null, "finance", "%", "%"));
    calls.put("getPrimaryKeys", m -> m.getPrimaryKeys(null, "finance", "orders"));
    calls.put("getImportedKeys", m -> m.getImportedKeys(null, "finance", "orders"));
    calls.put("getExportedKeys", m -> m.getExportedKeys(null, "finance", "orders"));
    calls.put("getCrossReference", m -> m.getCrossReference(null, "finance", "orders", null, "finance", "channel_roi"));
    calls.put("getIndexInfo", m -> m.getIndexInfo(null, "finance", "orders", false, true));
    calls.put("getIndexInfo unique", m -> m.getIndexInfo(null, "finance", "orders", true, false));
    calls.put("getProcedures", m -> m.getProcedures(null, "finance", "%"));
    calls.put("getProcedureColumns", m -> m.getProcedureColumns(null, "finance", "%", "%"));
    calls.put("getFunctions", m -> m.getFunctions(null, "finance", "%"));
    calls.put("getFunctionColumns", m -> m.getFunctionColumns(null, "finance", "%", "%"));
    calls.put("getTypeInfo", m -> m.getTypeInfo());
    calls.put("getUDTs", m -> m.getUDTs(null, "finance", "%", null));
    calls.put("getSuperTypes", m -> m.getSuperTypes(null, "finance", "%"));
    calls.put("getSuperTables", m -> m.getSuperTables(null, "finance", "%"));
    calls.put("getAttributes", m -> m.getAttributes(null, "finance", "%", "%"));
    calls.put("getBestRowIdentifier", m -> m.getBestRowIdentifier(null, "finance", "orders", DatabaseMetaData.bestRowSession,
        true));
    calls.put("getVersionColumns", m -> m.getVersionColumns(null, "finance", "orders"));
    calls.put("getColumnPrivileges", m -> m.getColumnPrivileges(null, "finance", "orders", "%"));
    calls.put("getTablePrivileges", m -> m.getTablePrivileges(null, "finance", "%"));
    calls.put("getPseudoColumns", m -> m.getPseudoColumns(null, "finance", "%", "%"));
    calls.put("getClientInfoProperties", m -> m.getClientInfoProperties());
    calls.put("getSchemas", m -> m.getSchemas());
    calls.put("getSchemas pattern", m -> m.getSchemas(null, "fin%"));
    calls.put("getCatalogs", m -> m.getCatalogs());
    calls.put("getTableTypes", m -> m.getTableTypes());
    return calls;
  }

  /**
   * The call's result, or null where pgJDBC throws without asking the server (getSuperTypes, getSuperTables and
   * getAttributes, which it does not implement for PostgreSQL either).
   */
  private static ResultSet answer(Call call, DatabaseMetaData md) throws SQLException {
    try {
      return call.on(md);
    } catch (SQLFeatureNotSupportedException e) {
      return null;
    }
  }

  /**
   * The result's columns as {@code label:java.sql.Types}; for a null result, the call pgJDBC itself does not support
   * (it throws SQLFeatureNotSupportedException against any server), a marker that compares equal on both sides.
   */
  private static List<String> shape(ResultSet rs) throws SQLException {
    if (rs == null) {
      return List.of("unsupported by pgJDBC");
    }
    try (rs) {
      ResultSetMetaData meta = rs.getMetaData();
      List<String> columns = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.add(meta.getColumnLabel(i) + ":" + meta.getColumnType(i));
      }
      return columns;
    }
  }

  /** Every row of {@code rs}, its columns {@code columns} joined by a bar; closes it. */
  private static List<String> rows(ResultSet rs, String... columns) throws SQLException {
    try (rs) {
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (String column : columns) {
          row.append(row.length() == 0 ? "" : "|").append(rs.getString(column));
        }
        rows.add(row.toString());
      }
      return rows;
    }
  }

  /** Every value of every row of {@code rs}, as text. */
  private static List<String> everything(ResultSet rs) throws SQLException {
    try (rs) {
      int n = rs.getMetaData().getColumnCount();
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
          row.add(rs.getString(i));
        }
        rows.add(String.join("|", row));
      }
      return rows;
    }
  }

  /** The rows only {@code expected} has and those only {@code actual} has; empty for the same rows in the same order. */
  private static String difference(List<String> expected, List<String> actual) {
    if (expected.equals(actual)) {
      return "";
    }
    List<String> missing = new ArrayList<>(expected);
    actual.forEach(missing::remove);
    List<String> extra = new ArrayList<>(actual);
    expected.forEach(extra::remove);
    return missing.isEmpty() && extra.isEmpty() ? "the same rows in another order: " + actual
        : "only on PostgreSQL " + missing + ", only on the port " + extra;
  }

  @Test
  void everyResultSetMethodAnswersWithTheColumnsAndTypesOfPostgreSql15() throws Exception {
    List<String> differences = new ArrayList<>();
    for (Map.Entry<String, Call> call : everyResultSetCall().entrySet()) {
      List<String> expected = shape(answer(call.getValue(), real));
      List<String> actual = shape(answer(call.getValue(), port));
      if (!expected.equals(actual)) {
        differences.add(call.getKey() + ": PostgreSQL " + expected + "\n  port " + actual);
      }
    }
    assertEquals("", String.join("\n", differences));
  }

  /**
   * The calls whose rows differ by what the two servers hold rather than by how they answer: the catalogs and schemas
   * (PostgreSQL's template1 and public), the privileges (PostgreSQL's superuser owns the copy, fin may only read),
   * the types (compared below: the port has fewer) and the columns (compared below, but for their nullability).
   */
  private static final Set<String> OTHER_CONTENT = Set.of("getCatalogs", "getSchemas", "getTablePrivileges", "getTypeInfo",
      "getColumns");

  @Test
  void everyResultSetMethodWhoseContentIsComparableAnswersPostgreSql15sRows() throws Exception {
    List<String> differences = new ArrayList<>();
    for (Map.Entry<String, Call> call : everyResultSetCall().entrySet()) {
      if (OTHER_CONTENT.contains(call.getKey())) {
        continue;
      }
      String difference = difference(comparable(answer(call.getValue(), real), pg.getCatalog()),
          comparable(answer(call.getValue(), port), connection.getCatalog()));
      if (!difference.isEmpty()) {
        differences.add(call.getKey() + ": " + difference);
      }
    }
    assertEquals("", String.join("\n", differences));
  }

  /**
   * Every row of {@code rs} (none for a null result) with the database's name written as {@code <catalog>} and a
   * function's SPECIFIC_NAME without the OID pgJDBC appends to it.
   */
  private static List<String> comparable(ResultSet rs, String catalog) throws SQLException {
    if (rs == null) {
      return List.of();
    }
    try (rs) {
      ResultSetMetaData meta = rs.getMetaData();
      List<String> rows = new ArrayList<>();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          String value = rs.getString(i);
          if (catalog.equals(value)) {
            value = "<catalog>";
          } else if (value != null && meta.getColumnLabel(i).equals("SPECIFIC_NAME")) {
            value = value.replaceAll("_[0-9]+$", "");
          }
          row.add(value);
        }
        rows.add(String.join("|", row));
      }
      return rows;
    }
  }

  @Test
  void noResultSetMethodNamesAnythingOutsideFinance() throws Exception {
    Map<String, Call> calls = new LinkedHashMap<>(everyResultSetCall());
    calls.put("getTables all", m -> m.getTables(null, null, "%", null));
    calls.put("getTables exports", m -> m.getTables(null, "exports", "%", null));
    calls.put("getColumns all", m -> m.getColumns(null, null, "%", "%"));
    calls.put("getFunctions all", m -> m.getFunctions(null, null, "%"));
    calls.put("getProcedures all", m -> m.getProcedures(null, null, "%"));
    calls.put("getTablePrivileges all", m -> m.getTablePrivileges(null, null, "%"));
    calls.put("getColumnPrivileges exports", m -> m.getColumnPrivileges(null, "exports", "%", "%"));
    calls.put("getUDTs all", m -> m.getUDTs(null, null, "%", null));
    calls.put("getAttributes all", m -> m.getAttributes(null, null, "%", "%"));
    List<String> leaks = new ArrayList<>();
    for (Map.Entry<String, Call> call : calls.entrySet()) {
      ResultSet answer = answer(call.getValue(), port);
      leaks.addAll(answer == null ? List.of() : outsideFinance(call.getKey(), answer));
    }
    assertEquals(List.of(), leaks);
  }

  /** The schemas and grantees of {@code rs} that are not finance's, the catalogs' or fin's; closes it. */
  private static List<String> outsideFinance(String call, ResultSet rs) throws SQLException {
    Set<String> schemas = Set.of("finance", "pg_catalog", "information_schema");
    try (rs) {
      ResultSetMetaData meta = rs.getMetaData();
      List<String> leaks = new ArrayList<>();
      while (rs.next()) {
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          String label = meta.getColumnLabel(i);
          String value = rs.getString(i);
          boolean schema = label.endsWith("_SCHEM") || label.equals("TABLE_SCHEM");
          boolean role = label.equals("GRANTEE") || label.equals("GRANTOR");
          boolean other = schema && !schemas.contains(value) || role && !Set.of("fin", "marketing").contains(value);
          if (value != null && !value.isEmpty() && other) {
            leaks.add(call + ": " + label + " " + value);
          }
        }
      }
      return leaks;
    }
  }

  @Test
  void theViewsAndTheirColumnsAreThoseOfPostgreSql15ForTheSameViews() throws Exception {
    String[] table = {"TABLE_SCHEM", "TABLE_NAME", "TABLE_TYPE", "REMARKS"};
    assertEquals("", difference(rows(real.getTables(null, "finance", "%", null), table),
        rows(port.getTables(null, "finance", "%", null), table)));
    // all but NULLABLE and IS_NULLABLE: PostgreSQL's views never know a column NOT NULL, the port's do
    String[] column = {"TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "DATA_TYPE", "TYPE_NAME", "COLUMN_SIZE", "DECIMAL_DIGITS",
        "NUM_PREC_RADIX", "REMARKS", "COLUMN_DEF", "CHAR_OCTET_LENGTH", "ORDINAL_POSITION", "IS_AUTOINCREMENT",
        "IS_GENERATEDCOLUMN"};
    assertEquals("", difference(rows(real.getColumns(null, "finance", "%", "%"), column),
        rows(port.getColumns(null, "finance", "%", "%"), column)));
    String[] function = {"FUNCTION_SCHEM", "FUNCTION_NAME", "FUNCTION_TYPE"};
    assertEquals("", difference(rows(real.getFunctions(null, "finance", "%"), function),
        rows(port.getFunctions(null, "finance", "%"), function)));
    String[] parameter = {"FUNCTION_NAME", "COLUMN_NAME", "COLUMN_TYPE", "DATA_TYPE", "TYPE_NAME", "ORDINAL_POSITION"};
    assertEquals("", difference(rows(real.getFunctionColumns(null, "finance", "%", "%"), parameter),
        rows(port.getFunctionColumns(null, "finance", "%", "%"), parameter)));
  }

  @Test
  void typeInfoTableTypesAndClientInfoAreRowForRowThoseOfPostgreSql15() throws Exception {
    assertEquals(everything(real.getTableTypes()), everything(port.getTableTypes()));
    assertEquals(everything(real.getClientInfoProperties()), everything(port.getClientInfoProperties()));
    // the port lists the types it has, each as PostgreSQL does; pgJDBC orders them by DATA_TYPE, and those of one
    // DATA_TYPE as pg_type happens to hold them. It tells a type's kind by its name, which PostgreSQL gives two types
    // where a relation's name starts with an underscore (information_schema's _pg_user_mappings is the row type of a
    // view there, and pg_catalog's pg_user_mappings' array type): those are left out
    List<String> twice = query(pg, "select typname from pg_catalog.pg_type group by typname having count(*) > 1");
    List<String> actual = everything(port.getTypeInfo()).stream().filter(row -> !twice.contains(row.split("\\|")[0]))
        .sorted().toList();
    List<String> expected = everything(real.getTypeInfo()).stream().filter(actual::contains).sorted().toList();
    assertEquals("", difference(expected, actual));
    List<String> names = rows(port.getTypeInfo(), "TYPE_NAME");
    assertTrue(names.containsAll(rows(port.getColumns(null, "finance", "%", "%"), "TYPE_NAME")), names.toString());
  }

  /** Every row of {@code sql}'s answer on {@code c}, each value as text, joined by a bar. */
  private static List<String> query(Connection c, String sql) throws SQLException {
    try (java.sql.Statement s = c.createStatement()) {
      return everything(s.executeQuery(sql));
    }
  }

  @Test
  void theTypesClientsLookForHavePostgreSql15sOidsLengthsCategoriesAndFunctions() throws Exception {
    String types = "select t.oid, t.typname, t.typlen, t.typbyval, t.typtype, t.typcategory, t.typdelim, t.typelem,"
        + " t.typarray, t.typinput, t.typoutput, r.proname, s.proname from pg_catalog.pg_type t"
        + " left join pg_catalog.pg_proc r on r.oid = t.typreceive left join pg_catalog.pg_proc s on s.oid = t.typsend"
        + " where t.typname in (%s) order by t.oid";
    List<String> names = new ArrayList<>();
    for (String name : List.of("interval", "json", "jsonb", "uuid", "money", "timetz", "bit", "varbit", "xml", "point",
        "cidr", "macaddr", "tsvector", "tsquery", "macaddr8", "line", "lseg", "box", "path", "polygon", "circle", "jsonpath")) {
      names.add("'" + name + "'");
      names.add("'_" + name + "'");
    }
    List<String> expected = query(pg, types.formatted(String.join(", ", names)));
    assertEquals(names.size(), expected.size(), expected.toString());
    assertEquals("", difference(expected, query(connection, types.formatted(String.join(", ", names)))));
    List<String> listed = rows(port.getTypeInfo(), "TYPE_NAME");
    assertTrue(listed.containsAll(List.of("interval", "json", "jsonb", "uuid", "money", "timetz", "bit", "varbit", "xml",
        "point", "cidr", "macaddr", "tsvector", "_interval", "_uuid", "_jsonb")), listed.toString());
  }

  @Test
  void eachViewHasARowTypeOfItsNameAsOnPostgreSql15() throws Exception {
    String rowTypes = "select c.relname, t.typname, t.typtype, t.typcategory, t.typrelid = c.oid, t.typlen, t.typinput,"
        + " t.typoutput, a.typname, a.typcategory, a.typelem = t.oid, a.typinput, format_type(t.oid, null),"
        + " format_type(a.oid, null), t.oid::regtype::text"
        + " from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
        + " join pg_catalog.pg_type t on t.oid = c.reltype join pg_catalog.pg_type a on a.oid = t.typarray"
        + " where n.nspname = 'finance' and t.typnamespace = n.oid order by c.relname";
    List<String> expected;
    try (java.sql.Statement s = pg.createStatement()) {
      s.execute("set search_path = finance"); // fin's, where the types' names need no schema
      expected = query(pg, rowTypes);
    } finally {
      try (java.sql.Statement s = pg.createStatement()) {
        s.execute("reset search_path");
      }
    }
    assertEquals(rows(real.getTables(null, "finance", "%", null), "TABLE_NAME").size(), expected.size(), expected.toString());
    assertEquals("", difference(expected, query(connection, rowTypes)));
    // one row type and one array type per relation fin may read, in no schema fin may not
    assertEquals(query(connection, "select count(*) * 2 from pg_catalog.pg_class"),
        query(connection, "select count(*) from pg_catalog.pg_type where typrelid <> 0 or typelem in"
            + " (select reltype from pg_catalog.pg_class)"));
    assertEquals(List.of(), query(connection, "select n.nspname, t.typname from pg_catalog.pg_type t"
        + " join pg_catalog.pg_namespace n on n.oid = t.typnamespace"
        + " where n.nspname not in ('finance', 'pg_catalog', 'information_schema')"));
    // past the last relation fin may read there is no row type to name, as PostgreSQL writes a type it does not know
    assertEquals(List.of("???"), query(connection, "select format_type(max(reltype) + 2, null) from pg_catalog.pg_class"));
    // the row types' OIDs are no relation's, function's, schema's or role's
    assertEquals(List.of(), query(connection, "select t.oid from pg_catalog.pg_type t where t.oid in"
        + " (select oid from pg_catalog.pg_class) or t.oid in (select oid from pg_catalog.pg_proc)"
        + " or t.oid in (select oid from pg_catalog.pg_namespace) or t.oid in (select oid from pg_catalog.pg_roles)"));
  }

  @Test
  void aTableFunctionListsItsResultColumnsAsPostgreSql15Does() throws Exception {
    String function = "select pg_get_function_result(p.oid), pg_get_function_arguments(p.oid), p.proretset,"
        + " p.prorettype, p.pronargs, p.proargtypes, p.proallargtypes, p.proargmodes, p.proargnames"
        + " from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace"
        + " where n.nspname = 'finance' and p.proname = 'attributed_revenue'";
    List<String> actual = query(connection, function);
    assertEquals(1, actual.size(), actual.toString());
    assertTrue(actual.get(0).startsWith("TABLE(channel character varying, revenue_rc numeric)|"), actual.toString());
    assertEquals(query(pg, function), actual);
    String parameters = "select ordinal_position, parameter_mode, is_result, parameter_name, data_type, udt_name"
        + " from information_schema.parameters where specific_schema = 'finance' order by specific_name, ordinal_position";
    assertEquals("", difference(query(pg, parameters), query(connection, parameters)));
    String[] column = {"FUNCTION_NAME", "COLUMN_NAME", "COLUMN_TYPE", "DATA_TYPE", "TYPE_NAME", "ORDINAL_POSITION"};
    List<String> results = rows(port.getFunctionColumns(null, "finance", "attributed_revenue", "%"), column);
    assertTrue(results.contains("attributed_revenue|revenue_rc|" + DatabaseMetaData.functionReturn + "|"
        + java.sql.Types.NUMERIC + "|numeric|4"), results.toString());
    assertEquals("", difference(rows(real.getProcedureColumns(null, "finance", "%", "%"), "PROCEDURE_NAME", "COLUMN_NAME",
        "COLUMN_TYPE", "TYPE_NAME"), rows(port.getProcedureColumns(null, "finance", "%", "%"), "PROCEDURE_NAME", "COLUMN_NAME",
        "COLUMN_TYPE", "TYPE_NAME")));
  }

  /**
   * The capability methods whose answer names the connection or the server's release (the port says 15.0, the
   * PostgreSQL it is compared with 15.something) rather than what the server can do.
   */
  private static final Set<String> OF_THE_CONNECTION = Set.of("getURL", "getUserName", "getConnection",
      "getDatabaseProductVersion", "getDatabaseMinorVersion");

  @Test
  void everyCapabilityMethodAnswersAsOnPostgreSql15() throws Exception {
    List<Method> methods = Arrays.stream(DatabaseMetaData.class.getMethods())
        .filter(m -> m.getParameterCount() == 0 && !m.getReturnType().equals(ResultSet.class)
            && !OF_THE_CONNECTION.contains(m.getName()))
        .sorted(Comparator.comparing(Method::getName)).toList();
    assertTrue(methods.size() > 120, "every capability method: " + methods.size());
    List<String> differences = new ArrayList<>();
    for (Method method : methods) {
      Object expected = invoke(method, real);
      Object actual = invoke(method, port);
      if (!String.valueOf(expected).equals(String.valueOf(actual))) {
        differences.add(method.getName() + ": PostgreSQL " + expected + ", port " + actual);
      }
    }
    int[] levels = {Connection.TRANSACTION_NONE, Connection.TRANSACTION_READ_UNCOMMITTED, Connection.TRANSACTION_READ_COMMITTED,
        Connection.TRANSACTION_REPEATABLE_READ, Connection.TRANSACTION_SERIALIZABLE};
    for (int level : levels) {
      if (real.supportsTransactionIsolationLevel(level) != port.supportsTransactionIsolationLevel(level)) {
        differences.add("supportsTransactionIsolationLevel(" + level + ")");
      }
    }
    int[] types = {ResultSet.TYPE_FORWARD_ONLY, ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.TYPE_SCROLL_SENSITIVE};
    for (int type : types) {
      if (real.supportsResultSetType(type) != port.supportsResultSetType(type)
          || real.supportsResultSetConcurrency(type, ResultSet.CONCUR_READ_ONLY)
          != port.supportsResultSetConcurrency(type, ResultSet.CONCUR_READ_ONLY)) {
        differences.add("supportsResultSetType(" + type + ")");
      }
    }
    assertEquals("", String.join("\n", differences));
    assertEquals("fin", port.getUserName());
    assertEquals(real.getDatabaseMajorVersion(), port.getDatabaseMajorVersion());
  }

  private static Object invoke(Method method, DatabaseMetaData md) throws Exception {
    try {
      return method.invoke(md);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof SQLFeatureNotSupportedException) {
        return "unsupported by pgJDBC";
      }
      if (e.getCause() instanceof SQLException sql) {
        throw new AssertionError(method.getName() + " failed: " + sql.getMessage(), sql);
      }
      return e.getCause().getClass().getSimpleName();
    }
  }

  @Test
  void patternsEscapesAndEmptyArgumentsSelectWhatTheySelectOnPostgreSql15() throws Exception {
    Map<String, Call> calls = new LinkedHashMap<>();
    calls.put("escaped underscore", m -> m.getTables(null, "finance", "channel\\_roi", null));
    calls.put("unescaped underscore", m -> m.getTables(null, "finance", "channel_roi", null));
    calls.put("underscore as any character", m -> m.getTables(null, "finance", "channel%roi", null));
    calls.put("escaped percent", m -> m.getTables(null, "finance", "channel\\%", null));
    calls.put("empty catalog", m -> m.getTables("", "finance", "channel_roi", null));
    calls.put("empty schema", m -> m.getTables(null, "", "channel_roi", null));
    calls.put("null table", m -> m.getTables(null, "finance", null, null));
    calls.put("upper case schema", m -> m.getTables(null, "FINANCE", "%", null));
    calls.put("mixed case table", m -> m.getTables(null, "finance", "Channel_Roi", null));
    calls.put("schema with escaped underscore", m -> m.getSchemas(null, "fin\\_nce"));
    calls.put("empty schema of columns", m -> m.getColumns("", "", "channel\\_roi", "roas"));
    calls.put("escaped column", m -> m.getColumns(null, "finance", "channel\\_roi", "spend\\_rc"));
    calls.put("null column", m -> m.getColumns(null, "finance", "channel_roi", null));
    calls.put("mixed case column", m -> m.getColumns(null, "finance", "channel_roi", "ROAS"));
    calls.put("table types lower case", m -> m.getTables(null, "finance", "%", new String[] {"view"}));
    calls.put("tables only", m -> m.getTables(null, "finance", "%", new String[] {"TABLE"}));
    calls.put("no table types", m -> m.getTables(null, "finance", "channel_roi", new String[0]));
    calls.put("functions escaped", m -> m.getFunctions(null, "finance", "attributed\\_revenue"));
    calls.put("functions empty schema", m -> m.getFunctions("", "", "attributed_revenue"));
    List<String> differences = new ArrayList<>();
    for (Map.Entry<String, Call> call : calls.entrySet()) {
      List<String> expected = firstThree(call.getValue().on(real));
      List<String> actual = firstThree(call.getValue().on(port));
      if (!expected.equals(actual)) {
        differences.add(call.getKey() + ": PostgreSQL " + expected + ", port " + actual);
      }
    }
    assertEquals("", String.join("\n", differences));
    assertFalse(rows(port.getTables(null, "finance", "channel\\_roi", null), "TABLE_NAME").isEmpty());
  }

  /** The second to fourth column of every row (schema, name, and the column's name or the table's type). */
  private static List<String> firstThree(ResultSet rs) throws SQLException {
    try (rs) {
      List<String> rows = new ArrayList<>();
      int n = Math.min(4, rs.getMetaData().getColumnCount());
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 2; i <= n; i++) {
          row.add(rs.getString(i));
        }
        rows.add(String.join("|", row));
      }
      return rows;
    }
  }
}
