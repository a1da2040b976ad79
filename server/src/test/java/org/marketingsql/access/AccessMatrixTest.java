package org.marketingsql.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.marketingsql.avatica.AvaticaServer;
import org.marketingsql.avatica.AvaticaServerSettings;
import org.marketingsql.pgwire.PgServer;
import org.marketingsql.pgwire.PgServerSettings;
import org.marketingsql.testing.Fixtures;
import org.marketingsql.users.ScramVerifier;
import org.marketingsql.users.User;
import org.marketingsql.users.UsersFile;

/**
 * Who reads what through each port: statement shapes × the PostgreSQL port and Avatica, for a user who
 * may read {@code finance} only, asserting refused (42501) or allowed; and each user's catalogs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTest {
  Path home;
  PgServer pg;
  AvaticaServer avatica;

  @BeforeAll
  void start() throws Exception {
    home = Files.createTempDirectory("marketingsql-matrix-");
    System.setProperty("marketingsql.home", home.toString());
    Path users = home.resolve("users");
    SecureRandom random = new SecureRandom();
    new UsersFile(users).add(new User("alice", ScramVerifier.create("s3cret".toCharArray(), random), List.of("*")));
    new UsersFile(users).add(new User("fin", ScramVerifier.create("f1n".toCharArray(), random), List.of("finance")));
    new UsersFile(users).add(new User("ops", ScramVerifier.create("0ps".toCharArray(), random), List.of("exports")));
    String jdbcUrl = "jdbc:marketing:csv=" + Fixtures.copy("finance", home.resolve("exports"));
    pg = PgServer.start(new PgServerSettings(jdbcUrl, "127.0.0.1", 0, users, 0));
    avatica = AvaticaServer.start(AvaticaServerSettings.defaults(jdbcUrl, users).withPort(0).withFailedLoginDelayMillis(0));
  }

  @AfterAll
  void stop() {
    avatica.close();
    pg.close();
    System.clearProperty("marketingsql.home");
  }

  enum Port { POSTGRESQL, AVATICA }

  Connection connect(Port port, String user, String password) throws SQLException {
    if (port == Port.POSTGRESQL) {
      Properties p = new Properties();
      p.setProperty("user", user);
      p.setProperty("password", password);
      p.setProperty("sslmode", "disable");
      return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + pg.port() + "/marketing", p);
    }
    return DriverManager.getConnection("jdbc:avatica:remote:url=http://127.0.0.1:" + avatica.port()
        + ";serialization=PROTOBUF;authentication=BASIC;avatica_user=" + user + ";avatica_password=" + password);
  }

  Connection fin(Port port) throws SQLException {
    return connect(port, "fin", "f1n");
  }

  /** Statements that read finance only (its views read the store's internal tables for them). */
  static final List<String> ALLOWED = List.of(
      "select count(*) from finance.orders",
      "select count(*) from finance.channel_roi",
      "select count(*) from \"finance\".\"orders\"",
      "select count(*) from FINANCE.ORDERS",
      "select count(*) from (table finance.orders) t",
      "with x as (select * from finance.orders) select count(*) from x",
      "with orders as (select 1 as n) select * from orders",
      "with exports as (select 1 as n) select * from exports",
      "select (select count(*) from finance.orders) as n",
      "select count(*) from finance.orders where customer_id in (select customer_id from finance.customers)",
      "select count(*) from finance.orders o, lateral (select * from finance.customers c where c.customer_id = o.customer_id) x",
      "select * from unnest(array[1, 2]) as t(x)",
      "select count(*) from table(attributed_revenue('linear', null))",
      "select count(*) from table(finance.attributed_revenue('linear', null))",
      "select order_id from finance.orders union select order_id from finance.orders");

  /** Statements that read, somewhere, what fin may not: another schema, or the store's internal tables. */
  static final List<String> REFUSED = List.of(
      "select * from exports.orders",
      "select * from \"exports\".\"orders\"",
      "select * from EXPORTS.ORDERS",
      "select * from (table exports.orders) t",
      "select * from exports.orders tablesample bernoulli(50)",
      "select * from exports.orders pivot (count(*) for currency in ('USD' as usd, 'EUR' as eur))",
      "select * from exports.orders unpivot (v for k in (order_id, customer_id))",
      "select * from exports.orders match_recognize (order by order_date measures a.order_id as id pattern (a)"
          + " define a as true)",
      "select (select count(*) from exports.orders) as n",
      "select 1 from finance.orders where exists (select 1 from exports.orders)",
      "select 1 from finance.orders where customer_id in (select customer_id from exports.orders)",
      "select customer_id from finance.orders group by customer_id having count(*) > (select count(*) from exports.orders)",
      "select order_id from finance.orders order by (select count(*) from exports.orders)",
      "with x as (select * from exports.orders) select * from x",
      "with x as (select 1 as n), y as (select * from x, exports.orders) select * from y",
      "with orders as (select * from exports.orders) select * from orders",
      "select order_id from finance.orders union all select order_id from exports.orders",
      "select order_id from finance.orders intersect select order_id from exports.orders",
      "select order_id from finance.orders except select order_id from exports.orders",
      "select * from finance.orders o, lateral (select * from exports.orders e where e.order_id = o.order_id) x",
      "select * from unnest(array(select order_id from exports.orders)) as t(x)",
      "select * from finance.orders f join exports.orders e on f.order_id = e.order_id",
      "select * from (select * from (select * from exports.orders) a) b",
      "select count(*) over () from exports.orders",
      "select /*+ finance */ * from exports.orders",
      "select * from /* finance.orders */ exports.orders",
      "select * from exports.orders -- finance.orders",
      "select * from marketing.orders",
      "select * from sync.sync_status",
      "select * from finance._store.load_state",
      "select * from finance._facts.orders",
      "select * from \"finance\".\"_facts\".\"orders\"",
      "select * from finance.channel_roi c join finance._facts.orders o on true",
      "select * from exports.no_such_table",
      "select * from finance.orders natural join exports.orders",
      "select * from table(attributed_revenue((select min(order_id) from exports.orders), 1))",
      "values ((select count(*) from exports.orders))",
      "select * from metadata.\"TABLES\"");

  static Stream<Arguments> allowed() {
    return matrix(ALLOWED);
  }

  static Stream<Arguments> refused() {
    return matrix(REFUSED);
  }

  private static Stream<Arguments> matrix(List<String> statements) {
    return Stream.of(Port.values()).flatMap(port -> statements.stream().map(sql -> Arguments.of(port, sql)));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("allowed")
  void aReaderOfFinanceRunsWhatReadsOnlyFinance(Port port, String sql) throws Exception {
    try (Connection c = fin(port); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
    }
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("refused")
  void aReaderOfFinanceIsRefusedWith42501WhereverTheOtherReadHides(Port port, String sql) throws Exception {
    try (Connection c = fin(port); Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(sql), sql);
      assertEquals("42501", e.getSQLState(), sql + ": " + e.getMessage());
      assertTrue(e.getMessage().contains("permission denied"), e.getMessage());
    }
  }

  @ParameterizedTest
  @MethodSource("ports")
  void preparedStatementsAreCheckedOnWhatTheyReadWhenBoundAndRun(Port port) throws Exception {
    try (Connection c = fin(port)) {
      SQLException e = assertThrows(SQLException.class, () -> {
        try (PreparedStatement ps = c.prepareStatement("select * from exports.orders where order_id = ?")) {
          ps.setString(1, "o1");
          ps.executeQuery().close();
        }
      });
      assertEquals("42501", e.getSQLState(), e.getMessage());
      try (PreparedStatement ps = c.prepareStatement(
          "select count(*) from finance.orders where order_id = ? and exists (select 1 from finance.customers)")) {
        ps.setString(1, "o1");
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(1, rs.getInt(1));
        }
      }
    }
  }

  static Stream<Port> ports() {
    return Stream.of(Port.values());
  }

  @Test
  void prepareAndExecuteAndExplainAreCheckedOnThePostgresqlPort() throws Exception {
    try (Connection c = fin(Port.POSTGRESQL); Statement s = c.createStatement()) {
      s.execute("prepare sneaky as select * from exports.orders");
      assertEquals("42501", assertThrows(SQLException.class, () -> s.executeQuery("execute sneaky")).getSQLState());
      s.execute("prepare fine(text) as select count(*) from finance.orders where order_id = $1");
      try (ResultSet rs = s.executeQuery("execute fine('o1')")) {
        assertTrue(rs.next());
      }
      assertEquals("42501", assertThrows(SQLException.class,
          () -> s.executeQuery("explain select * from exports.orders")).getSQLState());
      try (ResultSet rs = s.executeQuery("explain select * from finance.orders")) {
        assertTrue(rs.next());
      }
    }
  }

  @Test
  void theSearchPathMovesUnqualifiedNamesButNotWhatTheUserMayRead() throws Exception {
    try (Connection c = connect(Port.POSTGRESQL, "ops", "0ps"); Statement s = c.createStatement()) {
      s.execute("set search_path to exports");
      try (ResultSet rs = s.executeQuery("select count(*) from orders")) {
        assertTrue(rs.next());
      }
      assertEquals("42501", assertThrows(SQLException.class,
          () -> s.executeQuery("select count(*) from table(attributed_revenue('linear', null))")).getSQLState(),
          "attributed_revenue is finance's");
      s.execute("set search_path to finance");
      assertEquals("42501", assertThrows(SQLException.class, () -> s.executeQuery("select count(*) from channel_roi"))
          .getSQLState(), "finance is not ops's: the search path stays in exports, where channel_roi is not");
    }
  }

  @ParameterizedTest
  @MethodSource("ports")
  void evenAUserOfEverySchemaReadsNoInternalTable(Port port) throws Exception {
    try (Connection c = connect(port, "alice", "s3cret"); Statement s = c.createStatement()) {
      for (String sql : List.of("select * from finance._store.load_state", "select * from finance._facts.orders")) {
        SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(sql), sql);
        assertEquals("42501", e.getSQLState(), sql);
        assertTrue(e.getMessage().contains("internal"), e.getMessage());
      }
      try (ResultSet rs = s.executeQuery("select count(*) from exports.orders")) {
        assertTrue(rs.next());
      }
    }
  }

  @ParameterizedTest
  @MethodSource("ports")
  void theJdbcCatalogShowsEachUserOnlyTheirSchemas(Port port) throws Exception {
    try (Connection c = fin(port)) {
      List<String> tables = names(c.getMetaData().getTables(null, null, "%", null));
      assertTrue(tables.contains("finance.orders"), tables.toString());
      assertTrue(tables.stream().noneMatch(t -> t.startsWith("exports.") || t.startsWith("sync.")
          || t.startsWith("metadata.") || t.contains("._")), tables.toString());
      List<String> columns = names(c.getMetaData().getColumns(null, null, "orders", "%"));
      assertTrue(columns.contains("finance.orders") && !columns.contains("exports.orders"), columns.toString());
    }
    try (Connection c = connect(port, "alice", "s3cret")) {
      List<String> tables = names(c.getMetaData().getTables(null, null, "%", null));
      assertTrue(tables.contains("exports.orders") && tables.contains("finance.orders"), tables.toString());
      assertTrue(tables.stream().noneMatch(t -> t.contains("._")), tables.toString());
    }
  }

  @Test
  void informationSchemaAndPgCatalogShowEachUserOnlyTheirSchemas() throws Exception {
    try (Connection c = fin(Port.POSTGRESQL); Statement s = c.createStatement()) {
      List<String> schemas = column(s, "select distinct table_schema from information_schema.tables");
      assertTrue(schemas.contains("finance"), schemas.toString());
      assertFalse(schemas.contains("exports") || schemas.contains("sync") || schemas.contains("metadata"), schemas.toString());
      assertTrue(column(s, "select table_schema from information_schema.columns where table_schema = 'exports'").isEmpty());
      List<String> namespaces = column(s, "select nspname from pg_catalog.pg_namespace");
      assertTrue(namespaces.contains("finance"), namespaces.toString());
      assertFalse(namespaces.contains("exports") || namespaces.contains("sync"), namespaces.toString());
      assertTrue(namespaces.stream().noneMatch(n -> n.startsWith("_")), namespaces.toString());
      assertTrue(column(s, "select c.relname from pg_catalog.pg_class c join pg_catalog.pg_namespace n"
          + " on c.relnamespace = n.oid where n.nspname = 'exports'").isEmpty());
    }
    try (Connection c = connect(Port.POSTGRESQL, "alice", "s3cret"); Statement s = c.createStatement()) {
      List<String> schemas = column(s, "select distinct table_schema from information_schema.tables");
      assertTrue(schemas.containsAll(List.of("finance", "exports", "sync")), schemas.toString());
      assertTrue(schemas.stream().noneMatch(n -> n.startsWith("_")), schemas.toString());
      assertTrue(column(s, "select relname from pg_catalog.pg_class where relname = 'load_state'").isEmpty(),
          "internal tables are in no catalog");
    }
  }

  private static List<String> names(ResultSet rs) throws SQLException {
    List<String> out = new ArrayList<>();
    try (rs) {
      while (rs.next()) {
        out.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME"));
      }
    }
    return out;
  }

  private static List<String> column(Statement s, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
