package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * The search path a session starts with: marketing for alice, who may read it, and finance for fin, who reads
 * finance only; every way of asking agrees, and RESET, SET … TO DEFAULT and DISCARD ALL go back to it.
 */
class DefaultSearchPathTest {
  private static final String ASK = "select current_setting('search_path') as setting, current_schema() as current,"
      + " array_to_string(current_schemas(false), ',') as path";
  private static final TestServer.Login OPS = new TestServer.Login("ops", "0ps", List.of("finance", "exports"));

  @TempDir
  static Path temp;
  @RegisterExtension
  static final StoreFixture fixture = StoreFixture.withExports("finance");
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.forClass(fixture.csvUrl(), temp, TestServer.ALICE, TestServer.FIN, OPS);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aUserWhoMayReadMarketingStartsInMarketing() throws Exception {
    try (Connection c = server.connect()) {
      assertEquals("marketing", path(c));
    }
  }

  @Test
  void aUserWhoMayNotReadMarketingStartsInTheFirstSchemaTheyMayReadAlphabetically() throws Exception {
    try (Connection c = server.connect(TestServer.FIN.user(), TestServer.FIN.password())) {
      assertEquals("finance", path(c));
      assertEquals(List.of("1"), column(c, "select count(*) from (select * from orders limit 1) o"),
          "an unqualified name is looked up in finance");
    }
    try (Connection c = server.connect(OPS.user(), OPS.password())) {
      assertEquals("exports", path(c), "exports comes before finance");
    }
  }

  @Test
  void resetSetToDefaultAndDiscardAllGoBackToTheUsersDefault() throws Exception {
    try (Connection c = server.connect(TestServer.FIN.user(), TestServer.FIN.password()); Statement s = c.createStatement()) {
      for (String back : List.of("reset search_path", "set search_path to default", "discard all", "reset all")) {
        s.execute("set search_path to public");
        assertEquals("marketing", column(c, "show search_path").get(0), "public does not exist: nothing fin reads");
        s.execute(back);
        assertEquals("finance", path(c), back);
      }
    }
  }

  @Test
  void grafanasTableListNamesTheDefaultSchemasTablesBare() throws Exception {
    String inPath = "quote_ident(table_schema) IN (SELECT CASE WHEN trim(s[i]) = '\"$user\"' THEN user ELSE trim(s[i]) END"
        + " FROM generate_series(array_lower(string_to_array(current_setting('search_path'), ','), 1),"
        + " array_upper(string_to_array(current_setting('search_path'), ','), 1)) AS i,"
        + " string_to_array(current_setting('search_path'), ',') s)";
    String sql = "SELECT CASE WHEN " + inPath + " THEN quote_ident(table_name)"
        + " ELSE quote_ident(table_schema) || '.' || quote_ident(table_name) END AS \"table\""
        + " FROM information_schema.tables WHERE quote_ident(table_schema) NOT IN ('information_schema', 'pg_catalog')"
        + " ORDER BY 1";
    try (Connection c = server.connect(TestServer.FIN.user(), TestServer.FIN.password())) {
      List<String> tables = column(c, sql);
      assertTrue(tables.contains("orders") && !tables.contains("finance.orders"), tables.toString());
    }
  }

  /** The search path, after checking that SHOW, current_setting, current_schema() and current_schemas(false) agree. */
  private static String path(Connection c) throws SQLException {
    String shown = column(c, "show search_path").get(0);
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(ASK)) {
      assertTrue(rs.next());
      assertEquals(List.of(shown, shown, shown), List.of(rs.getString(1), rs.getString(2), rs.getString(3)));
    }
    return shown;
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
