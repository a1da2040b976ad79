package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Text cast to {@code regclass} (a look-up of the relation, as PostgreSQL's regclass input does) and functions in
 * FROM (set-returning ones, and scalar ones as a one-row table the alias names), through pgJDBC: alice reads every
 * schema, ops none of finance.
 */
class RegclassAndFunctionsInFromTest {
  @RegisterExtension
  static final ClassServer server = ClassServer.finance(TestServer.ALICE,
      new TestServer.Login("ops", "0ps", List.of("exports")));

  @Test
  void aTextCastToRegclassGivesTheOidPgClassListsForEverySpellingOfTheName() throws Exception {
    try (Connection c = connect("alice", "s3cret")) {
      String oid = one(c, "SELECT CAST(c.oid AS VARCHAR) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
          + " ON n.oid = c.relnamespace WHERE n.nspname = 'finance' AND c.relname = 'orders'");
      // the OID pg_class lists, which a regclass cast to varchar writes as the name, as PostgreSQL does
      assertEquals(oid, one(c, "SELECT CAST('finance.orders'::regclass::oid AS VARCHAR)"));
      assertEquals("finance.orders", one(c, "SELECT CAST('finance.orders'::regclass AS VARCHAR)"));
      assertEquals("finance.orders", one(c, "SELECT CAST(CAST('\"finance\".\"orders\"' AS regclass) AS VARCHAR)"));
      assertEquals(oid, one(c, "SELECT CAST(CAST(CAST('FINANCE.Orders' AS REGCLASS) AS oid) AS VARCHAR)"));
      assertEquals("finance.orders", one(c, "SELECT CAST(CAST(format('%I.%I', n, r) AS regclass) AS VARCHAR)"
          + " FROM (VALUES ('finance', 'orders')) AS t (n, r)"), "a name computed per row");
      assertEquals("finance.orders", one(c, "SELECT CAST('" + oid + "'::regclass AS VARCHAR)"),
          "an untyped literal may spell the OID");
      try (Statement s = c.createStatement()) {
        s.execute("SET search_path TO finance");
      }
      assertEquals("orders", one(c, "SELECT CAST('orders'::regclass AS VARCHAR)"), "found in the search path");
      assertEquals(oid, one(c, "SELECT CAST(CAST(CAST(n AS regclass) AS oid) AS VARCHAR) FROM (VALUES ('orders')) AS t (n)"));
    }
  }

  @Test
  void aCastToRegclassTakesANumberAsTheOidAndATextAsANameWhateverTheColumnIsCalled() throws Exception {
    try (Connection c = connect("alice", "s3cret")) {
      String oid = one(c, "SELECT CAST(c.oid AS VARCHAR) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
          + " ON n.oid = c.relnamespace WHERE n.nspname = 'finance' AND c.relname = 'orders'");
      String ordersOid = "(SELECT c.oid FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE n.nspname = 'finance' AND c.relname = 'orders')";
      // a regclass cast to varchar is the relation's name, as PostgreSQL writes it; its OID is the same relation's
      String name = "finance.orders";
      assertEquals(name, one(c, "SELECT CAST(c.oid::regclass AS VARCHAR) FROM pg_catalog.pg_class c"
          + " WHERE c.oid = 'finance.orders'::regclass"));
      assertEquals(oid, one(c, "SELECT CAST(c.oid AS VARCHAR) FROM pg_catalog.pg_class c"
          + " WHERE c.oid = 'finance.orders'::regclass"));
      assertEquals(name, one(c, "SELECT CAST(a.attrelid::regclass AS VARCHAR) FROM pg_catalog.pg_attribute a"
          + " WHERE a.attrelid = 'finance.orders'::regclass AND a.attnum = 1"));
      assertEquals(name, one(c, "SELECT CAST(" + ordersOid + "::regclass AS VARCHAR)"), "a subquery of OIDs");
      assertEquals(name, one(c, "SELECT CAST(CAST(r AS regclass) AS VARCHAR) FROM "
          + ordersOid.replace("SELECT c.oid", "SELECT c.oid AS r") + " s"), "an OID column aliased to any name");
      assertEquals(name, one(c, "SELECT CAST(relid::regclass AS VARCHAR) FROM (VALUES ('finance.orders')) AS t (relid)"),
          "a text column whose name ends like an OID column's");
      assertEquals(oid, one(c, "SELECT CAST('finance.orders'::regclass::oid AS VARCHAR)"));
      assertEquals("0", one(c, "SELECT CAST(count(*) AS VARCHAR) FROM pg_catalog.pg_index i"
          + " WHERE i.indrelid::regclass = 'finance.orders'::regclass"));
      try (PreparedStatement p = c.prepareStatement("SELECT CAST(?::regclass AS VARCHAR)")) {
        p.setString(1, "finance.orders");
        try (ResultSet rs = p.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(name, rs.getString(1), "a text parameter");
        }
      }
      SQLException digits = assertThrows(SQLException.class,
          () -> one(c, "SELECT CAST(t::regclass AS VARCHAR) FROM (VALUES ('" + oid + "')) AS v (t)"));
      assertEquals("42P01", digits.getSQLState(), "a text of digits is a name, as PostgreSQL reads it");
    }
    try (Connection c = connect("ops", "0ps")) {
      SQLException e = assertThrows(SQLException.class,
          () -> one(c, "SELECT CAST(relid::regclass AS VARCHAR) FROM (VALUES ('finance.orders')) AS t (relid)"));
      assertEquals("42P01", e.getSQLState(), "a relation the user may not read is not there");
      assertTrue(e.getMessage().contains("relation \"finance.orders\" does not exist"), e.getMessage());
    }
  }

  @Test
  void aRelationThatIsNotThereOrNotReadableDoesNotExist() throws Exception {
    try (Connection c = connect("alice", "s3cret")) {
      SQLException e = assertThrows(SQLException.class, () -> one(c, "SELECT 'finance.nothing'::regclass"));
      assertEquals("42P01", e.getSQLState());
      assertTrue(e.getMessage().contains("relation \"finance.nothing\" does not exist"), e.getMessage());
      SQLException perRow = assertThrows(SQLException.class,
          () -> one(c, "SELECT CAST(CAST(n AS regclass) AS VARCHAR) FROM (VALUES ('orders')) AS t (n)"));
      assertEquals("42P01", perRow.getSQLState(), "orders is not in the search path");
    }
    try (Connection c = connect("ops", "0ps")) {
      SQLException e = assertThrows(SQLException.class, () -> one(c, "SELECT 'finance.orders'::regclass"));
      assertEquals("42P01", e.getSQLState());
    }
  }

  @Test
  void aScalarFunctionInFromIsOneRowNamedByItsAliasBesideASeries() throws Exception {
    try (Connection c = connect("alice", "s3cret")) {
      assertEquals(List.of("1:a", "2:b", "3:c"), column(c, "SELECT CAST(i AS VARCHAR) || ':' || s[i]"
          + " FROM generate_series(array_lower(string_to_array('a,b,c', ','), 1),"
          + " array_upper(string_to_array('a,b,c', ','), 1)) AS i, string_to_array('a,b,c', ',') s ORDER BY i"));
      assertEquals(List.of("X"), column(c, "SELECT t.v FROM upper('x') AS t(v)"));
      assertEquals(List.of("Yes"), column(c, "SELECT initcap FROM initcap('yes')"), "named after the function");
    }
  }

  @Test
  void aFunctionAfterAJoinOrACommaOrLateralIsTakenAsTheFirstFromItemIs() throws Exception {
    try (Connection c = connect("alice", "s3cret")) {
      assertEquals(List.of("10"), column(c, "SELECT count(*) FROM finance.orders o JOIN generate_series(1, 3) g ON g <= 2"));
      assertEquals(List.of("15"), column(c, "SELECT count(*) FROM finance.orders o, generate_series(1, 3) g"));
      assertEquals(List.of("1:X", "2:X"), column(c, "SELECT a.n || ':' || t.c FROM (VALUES (1), (2)) AS a(n)"
          + " JOIN upper('x') AS t(c) ON true ORDER BY 1"));
      assertEquals(List.of("1:1", "2:1", "2:2"), column(c, "SELECT a.n || ':' || g FROM (VALUES (1), (2)) AS a(n),"
          + " LATERAL generate_series(1, a.n) g ORDER BY 1"));
      assertEquals(List.of("a:1", "b:2"), column(c, "SELECT s[i] || ':' || i FROM string_to_array('a,b', ',') s,"
          + " generate_series(array_lower(s, 1), array_upper(s, 1)) AS i ORDER BY i"), "Grafana's shape, implicitly LATERAL");
    }
  }

  @Test
  void unnestNamesItsColumnsAsPostgresqlDoes() throws Exception {
    try (Connection c = connect("alice", "s3cret")) {
      assertEquals(List.of("u=1", "u=2"), rows(c, "SELECT * FROM unnest(ARRAY[1,2]) u"), "the alias names the one column");
      assertEquals(List.of("x=1", "x=2"), rows(c, "SELECT * FROM unnest(ARRAY[1,2]) AS u(x)"));
      assertEquals(List.of("unnest=1", "unnest=2"), rows(c, "SELECT * FROM unnest(ARRAY[1,2])"));
      assertEquals(List.of("v=a n=1", "v=b n=2"), rows(c, "SELECT * FROM unnest(ARRAY['a','b']) WITH ORDINALITY AS t(v, n)"));
      assertEquals(List.of("t=a ordinality=1", "t=b ordinality=2"),
          rows(c, "SELECT * FROM unnest(ARRAY['a','b']) WITH ORDINALITY t ORDER BY 2"));
      assertEquals(List.of("o=o1 u=1"), rows(c, "SELECT o.order_id AS o, u FROM finance.orders o, unnest(ARRAY[1]) u"
          + " WHERE o.order_id = 'o1'"), "after a comma");
      assertEquals(List.of("unnest=1", "unnest=2"), rows(c, "SELECT unnest(ARRAY[1,2])"), "the select-list form");
    }
  }

  @Test
  void aReservedWordFunctionInFromIsOneRowNamedByTheFunction() throws Exception {
    try (Connection c = connect("alice", "s3cret"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM current_date")) {
      assertEquals("current_date", rs.getMetaData().getColumnLabel(1));
      assertTrue(rs.next());
      assertEquals(java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString().length(), rs.getString(1).length());
    }
    try (Connection c = connect("alice", "s3cret")) {
      assertEquals(List.of("1"), column(c, "SELECT count(*) FROM current_user"));
      assertEquals(List.of("1"), column(c, "SELECT count(*) FROM finance.orders o JOIN current_date d ON o.order_id = 'o1'"));
    }
  }

  @Test
  void aFunctionInFromReadsNothingTheUserMayNotRead() throws Exception {
    try (Connection c = connect("ops", "0ps")) {
      for (String sql : List.of("SELECT * FROM upper((SELECT min(order_id) FROM finance.orders)) u",
          "SELECT * FROM exports.orders e JOIN initcap((SELECT min(order_id) FROM finance.orders)) AS t(x) ON true",
          "SELECT * FROM generate_series(1, (SELECT count(*) FROM finance.orders)) g")) {
        SQLException e = assertThrows(SQLException.class, () -> column(c, sql), sql);
        assertEquals("42501", e.getSQLState(), sql + ": " + e.getMessage());
      }
      assertEquals(List.of("X"), column(c, "SELECT * FROM upper('x') u"));
    }
  }

  @Test
  void anOidCastToRegclassIsSentAsRegclassWrittenAsTheRelationsNameThroughDerivedTablesToo() throws Exception {
    try (Connection c = connect("alice", "s3cret"); Statement s = c.createStatement()) {
      s.execute("SET search_path TO exports");
      String sql = "SELECT c.oid::regclass, x.oid::regclass AS derived, x.oid, 'finance.orders'::regclass"
          + " FROM pg_catalog.pg_class c JOIN (SELECT oid FROM pg_catalog.pg_class) x ON x.oid = c.oid"
          + " WHERE c.oid = 'finance.orders'::regclass";
      assertEquals(List.of("oid=finance.orders derived=finance.orders oid=" + ordersOid(c) + " regclass=finance.orders"),
          rows(c, sql));
      assertEquals(List.of("regclass", "regclass", "oid", "regclass"), types(c, sql));
      assertEquals(List.of("oid=pg_class", "oid=information_schema.tables"), rows(c, "SELECT c.oid::regclass"
          + " FROM pg_catalog.pg_class c WHERE c.relname IN ('pg_class', 'tables') ORDER BY c.relname"),
          "pg_catalog is always searched; another schema is named");
      assertEquals("finance.orders", one(c, "SELECT c.oid::regclass::text FROM pg_catalog.pg_class c"
          + " WHERE c.oid = 'finance.orders'::regclass"));
      s.execute("SET search_path TO finance");
      assertEquals("orders", one(c, "SELECT x.r::regclass FROM (SELECT oid AS r FROM pg_catalog.pg_class) x"
          + " WHERE x.r = 'orders'::regclass"), "a relation in the search path is not qualified");
    }
  }

  @Test
  void theOtherOidTypesAreWrittenAsTheNamesOfTheirObjects() throws Exception {
    try (Connection c = connect("alice", "s3cret")) {
      String sql = "SELECT 23::regtype, a.atttypid::regtype::text AS typed, n.oid::regnamespace, r.oid::regrole"
          + " FROM pg_catalog.pg_attribute a, pg_catalog.pg_namespace n, pg_catalog.pg_roles r"
          + " WHERE a.attrelid = 'finance.orders'::regclass AND a.attname = 'order_id' AND n.nspname = 'finance'"
          + " AND r.rolname = 'alice'";
      assertEquals(List.of("regtype=integer typed=character varying oid=finance oid=alice"), rows(c, sql));
      assertEquals(List.of("regtype", "text", "regnamespace", "regrole"), types(c, sql));
    }
  }

  @Test
  void anOidTypeWritesTheNumberOfAnObjectTheUserMayNotSee() throws Exception {
    try (Connection c = connect("ops", "0ps")) {
      assertEquals("99999", one(c, "SELECT 99999::regclass"), "no relation has the OID");
      assertTrue(column(c, "SELECT c.oid::regclass::text FROM pg_catalog.pg_class c").stream()
          .noneMatch(name -> name.contains("finance")), "only what ops reads");
    }
  }

  @Test
  void pgExpandarrayInFromGivesEachElementWithItsPosition() throws Exception {
    try (Connection c = connect("alice", "s3cret")) {
      assertEquals(List.of("x=30 n=1", "x=40 n=2"), rows(c, "SELECT * FROM information_schema._pg_expandarray(ARRAY[30, 40])"));
      assertEquals(List.of("int4", "int4"), types(c, "SELECT * FROM information_schema._pg_expandarray(ARRAY[30, 40])"));
      assertEquals(List.of("v=b i=2"), rows(c, "SELECT * FROM information_schema._pg_expandarray(ARRAY['a', 'b']) AS e(v, i)"
          + " WHERE e.i = 2"));
      assertEquals(List.of("relname=orders x=2 n=1"), rows(c, "SELECT c.relname, e.x, e.n FROM pg_catalog.pg_class c"
          + " JOIN information_schema._pg_expandarray(ARRAY[2]) e ON true WHERE c.oid = 'finance.orders'::regclass"));
    }
  }

  @Test
  void pgExpandarrayAloneInASelectListGivesTheTextOfEachRecord() throws Exception {
    try (Connection c = connect("alice", "s3cret")) {
      // PostgreSQL 15: the records (a,1) and (b,2), a column _pg_expandarray
      assertEquals(List.of("_pg_expandarray=(a,1)", "_pg_expandarray=(b,2)"),
          rows(c, "SELECT information_schema._pg_expandarray(ARRAY['a','b'])"));
      // ("x y",1) (,2) ("q""r",3) ("",4) ("a\\b",5) ("c,d",6), as PostgreSQL quotes a record's fields
      assertEquals(List.of("e=(\"x y\",1)", "e=(,2)", "e=(\"q\"\"r\",3)", "e=(\"\",4)", "e=(\"a\\\\b\",5)", "e=(\"c,d\",6)"),
          rows(c, "SELECT information_schema._pg_expandarray(ARRAY['x y', NULL, 'q\"r', '', 'a\\b', 'c,d']) AS e"));
    }
  }

  private static String ordersOid(Connection c) throws SQLException {
    return one(c, "SELECT CAST(c.oid AS VARCHAR) FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n"
        + " ON n.oid = c.relnamespace WHERE n.nspname = 'finance' AND c.relname = 'orders'");
  }

  /** The type name of each result column, as RowDescription's type OID tells pgJDBC. */
  private static List<String> types(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        out.add(rs.getMetaData().getColumnTypeName(i));
      }
    }
    return out;
  }

  private Connection connect(String user, String password) throws SQLException {
    return server.connect(user, password);
  }

  private static String one(Connection c, String sql) throws SQLException {
    List<String> rows = column(c, sql);
    assertEquals(1, rows.size(), sql + ": " + rows);
    return rows.get(0);
  }

  /** Each row as {@code label=value} pairs, the labels as RowDescription names the columns. */
  private static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.add(rs.getMetaData().getColumnLabel(i) + "=" + rs.getString(i));
        }
        out.add(String.join(" ", row));
      }
    }
    return out;
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
