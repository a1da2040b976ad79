package org.marketingsql.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
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
import org.junit.jupiter.params.provider.MethodSource;
import org.marketingsql.testing.Fixtures;

/**
 * What a driver connection restricted to {@code finance} may read, statement shape by statement shape:
 * the check is on what the validated statement reads, wherever in the statement it hides.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatementAccessTest {
  Path home;
  String url;
  Connection finance;

  /** One store for the class: every statement shape reads the same folder. */
  @BeforeAll
  void connect() throws Exception {
    home = Files.createTempDirectory("marketingsql-access-");
    System.setProperty("marketingsql.home", home.toString());
    url = "jdbc:marketing:csv=" + Fixtures.copy("finance", home.resolve("exports"));
    finance = open("finance");
  }

  @AfterAll
  void close() throws Exception {
    finance.close();
    System.clearProperty("marketingsql.home");
  }

  Connection open(String schemas) throws SQLException {
    Properties p = new Properties();
    if (schemas != null) {
      p.setProperty(AccessPolicy.PROPERTY, schemas);
    }
    return DriverManager.getConnection(url, p);
  }

  /** Statements a reader of finance alone may run. */
  static Stream<String> allowed() {
    return Stream.of(
        "select count(*) from finance.orders",
        "select * from finance.channel_roi",
        "select source_name, source_type, snapshot_at, pending from finance.data_freshness",
        "select count(*) from \"FINANCE\".\"ORDERS\"",
        "select count(*) from Finance.Orders",
        "select * from (table finance.orders) t",
        "with x as (select * from finance.orders) select count(*) from x",
        "with orders as (select 1 as n) select * from orders",
        "with exports as (select 1 as n) select * from exports",
        "select (select count(*) from finance.orders) as n",
        "select 1 from finance.orders where customer_id in (select customer_id from finance.customers)",
        "select count(*) from finance.orders o, lateral (select * from finance.customers c where c.customer_id = o.customer_id) x",
        "select * from unnest(array[1, 2]) as t(x)",
        "select * from table(attributed_revenue('linear', null))",
        "select * from table(finance.attributed_revenue('linear', null))",
        "select roi(3, 2) as r",
        "select * from upper('x') u",
        "select * from information_schema._pg_expandarray(array['a', 'b'])",
        "select e.x from finance.orders o, information_schema._pg_expandarray(array['a']) e",
        "select count(*) from finance.orders o join generate_series(1, 2) g on true, initcap('x')",
        "select * from current_date",
        "select order_id from finance.orders union select order_id from finance.orders",
        "explain plan for select * from finance.orders",
        "values (1, 2)");
  }

  /** Statements that read only finance but that Calcite or the store cannot run: not refused, failing otherwise. */
  static Stream<String> notRefused() {
    return Stream.of("select count(*) from finance.orders tablesample bernoulli(50)", "table finance.orders",
        // a column that is not there: the validator also looks for a function by the column's qualified name
        // (orders.no_such), which names a table, not a schema
        "select order_id, no_such from finance.orders", "select o.no_such from finance.orders o",
        "select order_id from finance.orders group by customer_id",
        "select no_such(order_id) from finance.orders");
  }

  /** Statements that read beyond finance, or internal tables, or are not queries. */
  static Stream<String> refused() {
    return Stream.of(
        "select * from exports.orders",
        "select * from \"EXPORTS\".\"ORDERS\"",
        "select * from Exports.Orders",
        "select * from (table exports.orders) t",
        "table exports.orders",
        "select * from exports.orders tablesample bernoulli(50)",
        "select * from exports.orders pivot (count(*) for currency in ('USD' as usd, 'EUR' as eur))",
        "select * from exports.orders unpivot (v for k in (order_id, customer_id))",
        "select * from exports.orders match_recognize (order by order_date measures a.order_id as id pattern (a) define a as true)",
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
        "select array(select order_id from exports.orders) as a",
        "select multiset(select order_id from exports.orders) as m",
        "values ((select count(*) from exports.orders))",
        "select * from finance.orders f join exports.orders e on f.order_id = e.order_id",
        "select * from finance.orders f join finance.customers c on f.customer_id = c.customer_id"
            + " and exists (select 1 from exports.orders)",
        "select * from (select * from (select * from exports.orders) a) b",
        "select count(*) over () from exports.orders",
        "select /*+ finance */ * from exports.orders",
        "select * from /* finance.orders */ exports.orders",
        "select * from exports.orders -- finance.orders",
        "explain plan for select * from exports.orders",
        "select * from orders",
        "select * from sync.sync_status",
        "select * from metadata.\"TABLES\"",
        "select * from finance._store.load_state",
        "select * from finance._state.sources",
        "select * from finance.\"_facts\".orders",
        "select * from \"finance\".\"_STORE\".\"load_state\"",
        "select * from finance.channel_roi c join finance._facts.orders o on true",
        "select * from exports.no_such_table",
        "select * from table(attributed_revenue((select min(order_id) from exports.orders), 1))",
        "select * from finance.orders natural join exports.orders",
        "select * from upper((select min(order_id) from exports.orders)) u",
        "select * from finance.orders o join initcap((select min(order_id) from exports.orders)) AS t(c) on true",
        "select * from finance.orders o, lateral upper((select min(e.order_id) from exports.orders e))",
        "select * from generate_series(1, (select count(*) from exports.orders)) g",
        "select * from information_schema._pg_expandarray(array(select order_id from exports.orders))",
        "select * from attributed_revenue((select min(order_id) from exports.orders), 1)",
        "insert into exports.orders (order_id) values ('x')",
        "describe table exports.orders",
        "select * from table(tumble(table exports.orders, descriptor(order_date), interval '1' day))",
        "select * from exports.orders for system_time as of timestamp '2025-01-01 00:00:00'",
        "select * from finance.orders where order_id in (select * from (values ('o1')) v(x) union select order_id from exports.orders)",
        "select * from finance.orders, metadata.\"COLUMNS\"");
  }

  @ParameterizedTest
  @MethodSource("allowed")
  void aReaderOfFinanceRunsWhatReadsOnlyFinance(String sql) throws Exception {
    try (Statement s = finance.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        rs.getObject(1);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("notRefused")
  void aStatementThatFailsForAnotherReasonIsNotReportedAsARefusal(String sql) throws Exception {
    try (Statement s = finance.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
    } catch (SQLException e) {
      assertFalse("42501".equals(e.getSQLState()), sql + ": " + e.getMessage());
    }
  }

  @ParameterizedTest
  @MethodSource("refused")
  void aReaderOfFinanceIsRefusedWith42501WhateverShapeTheOtherReadTakes(String sql) throws Exception {
    try (Statement s = finance.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(sql), sql);
      assertEquals("42501", e.getSQLState(), sql + ": " + e.getMessage());
      assertTrue(e.getMessage().startsWith("permission denied"), e.getMessage());
    }
  }

  @Test
  void theRefusalNamesTheSchemaAndTheTable() throws Exception {
    try (Statement s = finance.createStatement()) {
      SQLException e = assertThrows(SQLException.class,
          () -> s.executeQuery("select 1 from finance.orders where exists (select 1 from exports.orders)"));
      assertTrue(e.getMessage().contains("permission denied for schema exports"), e.getMessage());
      assertTrue(e.getMessage().contains("exports.orders"), e.getMessage());
    }
  }

  @Test
  void aPreparedStatementIsCheckedWhenPreparedAndEveryTimeItRuns() throws Exception {
    SQLException e = assertThrows(SQLException.class,
        () -> finance.prepareStatement("select * from exports.orders where order_id = ?"));
    assertEquals("42501", e.getSQLState());
    try (PreparedStatement ps = finance.prepareStatement("select count(*) from finance.orders where order_id = ?")) {
      ps.setString(1, "o1");
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(1, rs.getInt(1));
      }
    }
  }

  @Test
  void theDefaultSchemaDecidesWhereUnqualifiedNamesAreAndTheirSchemaIsChecked() throws Exception {
    try (Connection c = open("finance"); Statement s = c.createStatement()) {
      c.setSchema("finance");
      try (ResultSet rs = s.executeQuery("select count(*) from orders")) {
        assertTrue(rs.next());
        assertEquals(5, rs.getInt(1));
      }
      c.setSchema("exports");
      assertEquals("42501", assertThrows(SQLException.class, () -> s.executeQuery("select count(*) from orders")).getSQLState());
    }
  }

  @Test
  void aTableFunctionIsGrantedWithItsSchema() throws Exception {
    try (Connection c = open("exports"); Statement s = c.createStatement()) {
      for (String sql : List.of("select * from table(attributed_revenue('linear', null))",
          "select * from table(finance.attributed_revenue('linear', null))",
          "select * from table(ATTRIBUTED_REVENUE('linear', null))",
          "select * from finance.attributed_revenue('linear', null) r",
          // a function that is not there is refused as one that is: the refusal tells nothing of the schema
          "select * from finance.nothing(1)", "select finance.nothing(1)")) {
        SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(sql), sql);
        assertEquals("42501", e.getSQLState(), sql);
        assertTrue(e.getMessage().contains("schema finance"), e.getMessage());
      }
      try (ResultSet rs = s.executeQuery("select count(*) from exports.orders")) {
        assertTrue(rs.next());
      }
    }
  }

  @Test
  void nobodyReadsTheInternalTablesNotEvenAConnectionThatReadsEverything() throws Exception {
    for (String schemas : new String[] {null, "*", "finance,_store,finance._store"}) {
      try (Connection c = open(schemas); Statement s = c.createStatement()) {
        for (String sql : List.of("select * from finance._store.load_state", "select * from finance._facts.orders",
            "select * from \"finance\".\"_facts\".\"orders\"")) {
          SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(sql), sql);
          assertEquals("42501", e.getSQLState(), sql);
          assertTrue(e.getMessage().contains("internal"), e.getMessage());
        }
        try (ResultSet rs = s.executeQuery("select count(*) from finance.channel_roi")) {
          assertTrue(rs.next(), "a view reads the internal tables for its reader");
        }
      }
    }
  }

  @Test
  void theUrlMayNarrowAConnectionToo() throws Exception {
    try (Connection c = DriverManager.getConnection(url + ";readableSchemas=finance"); Statement s = c.createStatement()) {
      assertEquals("42501", assertThrows(SQLException.class, () -> s.executeQuery("select * from exports.orders"))
          .getSQLState());
      try (ResultSet rs = s.executeQuery("select count(*) from finance.channel_roi")) {
        assertTrue(rs.next());
      }
    }
    Properties p = new Properties();
    p.setProperty(AccessPolicy.PROPERTY, "*");
    try (Connection c = DriverManager.getConnection(url + ";readableSchemas=finance", p); Statement s = c.createStatement()) {
      assertEquals("42501", assertThrows(SQLException.class, () -> s.executeQuery("select * from exports.orders"))
          .getSQLState(), "a property cannot widen what the URL narrowed");
    }
  }

  @Test
  void aConnectionNobodyRestrictedReadsEverySchema() throws Exception {
    try (Connection c = open(null); Statement s = c.createStatement()) {
      for (String sql : List.of("select count(*) from exports.orders", "select count(*) from sync.sync_status",
          "select count(*) from finance.orders")) {
        try (ResultSet rs = s.executeQuery(sql)) {
          assertTrue(rs.next(), sql);
        }
      }
    }
  }

  @Test
  void theCatalogOfARestrictedConnectionShowsOnlyItsSchemas() throws Exception {
    List<String> schemas = new ArrayList<>();
    try (ResultSet rs = finance.getMetaData().getSchemas()) {
      while (rs.next()) {
        schemas.add(rs.getString("TABLE_SCHEM"));
      }
    }
    assertEquals(List.of("finance"), schemas);
    List<String> tables = new ArrayList<>();
    try (ResultSet rs = finance.getMetaData().getTables(null, null, "%", null)) {
      while (rs.next()) {
        tables.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME"));
      }
    }
    assertTrue(tables.contains("finance.orders"), tables.toString());
    assertTrue(tables.stream().allMatch(t -> t.startsWith("finance.")), tables.toString());
    try (ResultSet rs = finance.getMetaData().getColumns(null, "exports", "orders", "%")) {
      assertFalse(rs.next(), "no columns of a schema it may not read");
    }
    try (ResultSet rs = finance.getMetaData().getColumns(null, "finance", "orders", "order_id")) {
      assertTrue(rs.next());
    }
  }

  @Test
  void aPolicyOnlyNarrowsAConnection() {
    AccessPolicy finance = AccessPolicy.only(List.of("finance", "Exports"));
    assertTrue(finance.mayRead("EXPORTS"));
    assertFalse(finance.mayRead("sync"));
    assertFalse(AccessPolicy.all().mayRead("_store"), "internal schemas are nobody's");
    assertEquals(AccessPolicy.only(List.of("finance")), finance.narrowedBy(AccessPolicy.only(List.of("finance", "sync"))));
    assertEquals(finance, AccessPolicy.all().narrowedBy(finance));
    assertEquals(AccessPolicy.all(), AccessPolicy.parse("*"));
    assertEquals(finance, AccessPolicy.parse(finance.property()));
  }
}
