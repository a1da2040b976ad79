package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.Fixtures;
import org.marketingsql.testing.IsolatedHome;

/**
 * Catalog answers are kept for the server's other connections of the same user and policy, and only for statements
 * that read the catalogs alone: alice (every schema) and fin (finance only) over the finance export folder.
 */
@ExtendWith(IsolatedHome.class)
class CatalogAnswersTest {
  private static final Set<String> CATALOG = Set.of("pg_class", "pg_namespace", "pg_attribute", "pg_type", "tables");
  private static final Set<String> USER = Set.of("finance", "orders", "channel_roi", "exports");
  private static final String SCHEMAS = "select nspname from pg_catalog.pg_namespace order by nspname";

  @TempDir
  Path temp;
  TestServer server;
  CatalogSource source;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.over("jdbc:marketing:csv=" + Fixtures.copy("finance", temp.resolve("exports")), temp,
        TestServer.ALICE, TestServer.FIN);
    source = server.server.catalog();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aCatalogQueryOnlyNamingCatalogTablesIsKept() {
    assertTrue(CatalogAnswers.keepable(CatalogLatencyTest.PSQLODBC_COLUMNS.replace("pg_attrdef", "pg_catalog.pg_type"), CATALOG,
        USER));
    assertTrue(CatalogAnswers.keepable("SELECT c.relname FROM pg_class c WHERE c.relname = 'orders'", CATALOG, USER),
        "a relation's name in a string is a value, not a read");
    assertTrue(CatalogAnswers.keepable("select table_name from information_schema.\"tables\"", CATALOG, USER));
  }

  @Test
  void aQueryReadingAViewOrDependingOnTheSessionIsNotKept() {
    assertFalse(CatalogAnswers.keepable("select * from pg_class, finance.orders", CATALOG, USER));
    assertFalse(CatalogAnswers.keepable("select * from pg_class c join \"orders\" o on true", CATALOG, USER));
    assertFalse(CatalogAnswers.keepable("select relname from pg_class where oid = $1", CATALOG, USER));
    assertFalse(CatalogAnswers.keepable("select 1", CATALOG, USER), "no catalog table is read");
    assertFalse(CatalogAnswers.keepable("explain select relname from pg_class", CATALOG, USER));
  }

  @Test
  void aCatalogQueryCallingWhatDependsOnTheSessionTheClockOrChanceIsNeverKept() throws Exception {
    List<String> calls = List.of("current_setting('search_path')", "now()", "current_timestamp", "current_user",
        "pg_backend_pid()", "random()", "rand()", "inet_client_addr()", "txid_current()", "current_schemas(true)",
        "has_table_privilege(c.relname, 'SELECT')", "user");
    for (String call : calls) {
      String sql = "select c.relname, " + call + " as v from pg_catalog.pg_class c order by 1";
      for (int i = 0; i < 2; i++) {
        try (Connection c = connect("alice", "s3cret"); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
          rs.next();
        } catch (SQLException unknownHere) {
          // a function this server does not have fails: nothing to keep either
        }
      }
      assertEquals(0, source.answers().size(), "kept the answer of " + sql);
    }
    String where = "select c.relname from pg_catalog.pg_class c where c.relname <> cast(rand() as varchar) order by 1";
    column(connect("alice", "s3cret"), where);
    assertEquals(0, source.answers().size(), "a call in a condition counts as much as one in the select list");
    String sub = "select n.nspname from pg_catalog.pg_namespace n where exists"
        + " (select 1 from pg_catalog.pg_class c where c.relnamespace = n.oid and c.relname <> cast(now() as varchar))";
    column(connect("alice", "s3cret"), sub);
    assertEquals(0, source.answers().size(), "so does one in a sub-query");
    column(connect("alice", "s3cret"), "select name from pg_catalog.pg_settings");
    assertEquals(0, source.answers().size(), "the session's settings are read each time");
  }

  @Test
  void anOrdinaryCatalogListingWithFunctionsOfItsValuesIsStillKept() throws Exception {
    String sql = "select n.nspname, upper(c.relname), coalesce(d.description, ''), pg_catalog.format_type(t.oid, -1),"
        + " case when c.relkind = 'v' then 'VIEW' else 'TABLE' end, count(*) over (), pg_catalog.pg_table_is_visible(c.oid)"
        + " from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
        + " left join pg_catalog.pg_description d on d.objoid = c.oid and d.objsubid = 0"
        + " left join pg_catalog.pg_type t on t.oid = c.reltype"
        + " where n.nspname !~ '^pg_' and c.relname like '%' order by 1, 2";
    List<String> first = column(connect("alice", "s3cret"), sql);
    assertEquals(1, source.answers().size(), "kept");
    assertEquals(first, column(connect("alice", "s3cret"), sql));
    assertEquals(1, source.answers().size());
  }

  @Test
  void operatorsAndFunctionsAreClassifiedByWhatTheyAreNotByTheirNames() {
    assertTrue(CatalogCalls.operator(org.apache.calcite.sql.fun.SqlStdOperatorTable.EQUALS).isEmpty());
    assertTrue(CatalogCalls.operator(org.apache.calcite.sql.fun.SqlStdOperatorTable.UPPER).isEmpty());
    assertTrue(CatalogCalls.operator(org.apache.calcite.sql.fun.SqlStdOperatorTable.CURRENT_TIMESTAMP).isPresent());
    assertTrue(CatalogCalls.operator(org.apache.calcite.sql.fun.SqlStdOperatorTable.RAND).isPresent());
    assertTrue(CatalogCalls.operator(org.apache.calcite.sql.fun.SqlStdOperatorTable.CURRENT_USER).isPresent());
    org.apache.calcite.sql.SqlFunction added = new org.apache.calcite.sql.SqlFunction("pg_new_function",
        org.apache.calcite.sql.SqlKind.OTHER_FUNCTION, org.apache.calcite.sql.type.ReturnTypes.INTEGER, null,
        org.apache.calcite.sql.type.OperandTypes.NILADIC, org.apache.calcite.sql.SqlFunctionCategory.USER_DEFINED_FUNCTION);
    assertTrue(CatalogCalls.operator(added).isPresent(), "a function nobody classified is not kept");
  }

  @Test
  void answersWithTimesOrOfMoreThan128KilobytesAreSentButNotKept() {
    CatalogAnswers answers = new CatalogAnswers(4);
    CatalogAnswers.Key key = new CatalogAnswers.Key("alice", "*", "finance", "select relname from pg_class", 1);
    byte[] value = "orders".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    Result.EncodedRow row = new Result.EncodedRow(List.of(value), List.of(value));
    answers.keep(key, new CatalogAnswers.Answer(List.of(new Column("created", PgType.TIMESTAMPTZ, false)), List.of(row)));
    assertEquals(0, answers.size(), "a time's text depends on the session's time zone");
    byte[] big = new byte[(int) CatalogAnswers.LARGEST_KEPT_BYTES];
    Result.EncodedRow large = new Result.EncodedRow(List.of(big), List.of(big));
    answers.keep(key, new CatalogAnswers.Answer(List.of(new Column("relname", PgType.TEXT, false)), List.of(large)));
    assertEquals(0, answers.size());
    answers.keep(key, new CatalogAnswers.Answer(List.of(new Column("relname", PgType.TEXT, false)), List.of(row)));
    assertEquals(1, answers.size());
    assertEquals(List.of(row), answers.find(key).orElseThrow().rows());
    assertTrue(answers.find(new CatalogAnswers.Key("alice", "*", "finance", "select relname from pg_class", 2)).isEmpty(),
        "another generation of the catalog");
  }

  @Test
  void anotherConnectionOfTheSameUserGetsTheKeptAnswerAndAnotherPolicyItsOwn() throws Exception {
    List<String> alice = column(connect("alice", "s3cret"), SCHEMAS);
    int kept = source.answers().size();
    assertTrue(kept > 0, "the answer is kept");
    assertEquals(alice, column(connect("alice", "s3cret"), SCHEMAS));
    assertEquals(kept, source.answers().size(), "the second connection was answered from what was kept");
    List<String> fin = column(connect("fin", "f1n"), SCHEMAS);
    assertEquals(List.of("finance", "information_schema", "pg_catalog"), fin);
    assertNotEquals(alice, fin, "alice reads more schemas than fin: " + alice);
    assertEquals(kept + 1, source.answers().size(), "fin's answer is kept apart from alice's");
  }

  @Test
  void informationSchemasColumnsAreKeptThoughCalcitesMetadataSchemaHasATableOfTheSameName() throws Exception {
    String sql = "select column_name from information_schema.columns where table_schema = 'finance'"
        + " and table_name = 'orders' order by ordinal_position";
    int before = source.answers().size();
    List<String> columns = column(connect("fin", "f1n"), sql);
    assertTrue(columns.contains("order_id"), columns.toString());
    assertEquals(before + 1, source.answers().size(), "kept");
    assertEquals(columns, column(connect("fin", "f1n"), sql));
    assertEquals(before + 1, source.answers().size(), "answered from what was kept");
  }

  @Test
  void aKeptAnswerIsSentWithItsTypesInTextAndBinaryAndDescribedAsBefore() throws Exception {
    String sql = "select c.oid, c.relname, c.relhasrules, c.reltuples from pg_catalog.pg_class c"
        + " join pg_catalog.pg_namespace n on n.oid = c.relnamespace where n.nspname = 'finance' and c.relname = 'orders'";
    List<String> first;
    try (Connection c = connect("fin", "f1n")) {
      first = row(c, sql);
    }
    try (Connection c = connect("fin", "f1n")) {
      assertEquals(first, row(c, sql));
      // pgJDBC asks binary values of a prepared statement's int columns after a few executions
      try (var ps = c.prepareStatement(sql)) {
        ps.unwrap(org.postgresql.PGStatement.class).setPrepareThreshold(-1);
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next());
          // pgJDBC writes a binary double as Java does (-1.0) and keeps the server's text (-1): compared as numbers
          assertEquals(first.subList(0, 3), List.of(rs.getString(1), rs.getString(2), rs.getString(3)));
          assertEquals(Double.parseDouble(first.get(3)), rs.getDouble(4));
          assertEquals(java.sql.Types.BIGINT, rs.getMetaData().getColumnType(1), "pg_class.oid is an oid, which pgJDBC reads as BIGINT");
          assertEquals(java.sql.Types.BIT, rs.getMetaData().getColumnType(3));
          assertFalse(rs.next());
        }
      }
    }
    assertEquals("orders", first.get(1));
    assertEquals("f", first.get(2));
  }

  private static List<String> row(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      List<String> out = new ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        out.add(rs.getString(i));
      }
      assertFalse(rs.next());
      return out;
    }
  }

  private static List<String> column(Connection c, String sql) throws SQLException {
    try (c; Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      List<String> out = new ArrayList<>();
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    }
  }

  private Connection connect(String user, String password) throws SQLException {
    return server.connect(user, password);
  }
}
