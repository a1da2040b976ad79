package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.marketingsql.access.AccessPolicy;

/**
 * The catalog's generation, which the kept catalog answers are valid for, over a plain Calcite connection; and
 * that a stale list is read again by one session while the others go on with the last one.
 */
class CatalogSourceTest {
  Connection connection;
  SchemaPlus sales;

  @BeforeEach
  void open() throws Exception {
    connection = DriverManager.getConnection("jdbc:calcite:", new Properties());
    SchemaPlus root = connection.unwrap(CalciteConnection.class).getRootSchema();
    sales = root.add("sales", new AbstractSchema());
    sales.add("orders", table());
    root.add("hr", new AbstractSchema()).add("people", table());
  }

  @AfterEach
  void close() throws Exception {
    connection.close();
  }

  private MetadataTable table() {
    return new MetadataTable(connection, "id:int name", md -> List.of());
  }

  @Test
  void theGenerationStaysWhileReReadsFindTheSameCatalogAndChangesWithANewTable() throws Exception {
    CatalogSource source = new CatalogSource(0); // every call reads again
    AccessPolicy all = AccessPolicy.all();
    long first = source.generation(connection.getMetaData(), all);
    assertEquals(first, source.generation(connection.getMetaData(), all), "the same catalog read again");
    sales.add("refunds", table());
    long second = source.generation(connection.getMetaData(), all);
    assertNotEquals(first, second, "a new relation is another catalog");
    assertEquals(second, source.generation(connection.getMetaData(), all));
  }

  @Test
  void aViewWhoseTextChangesWhileItsColumnsStayIsAnotherGeneration() throws Exception {
    CatalogSource source = new CatalogSource(0);
    AccessPolicy all = AccessPolicy.all();
    sales.add("big_orders", view("select id, name from sales.orders where id > 100"));
    long first = source.generation(connection.getMetaData(), all);
    assertEquals(first, source.generation(connection.getMetaData(), all), "the same view read again");
    sales.add("big_orders", view("select id, name from sales.orders where id > 1000"));
    long second = source.generation(connection.getMetaData(), all);
    assertNotEquals(first, second, "the view's columns are the same, its text is not");
    assertEquals("select id, name from sales.orders where id > 1000",
        source.definitions(connection.getMetaData(), all).get("sales.big_orders"));
  }

  private static org.apache.calcite.schema.impl.ViewTable view(String sql) {
    return new org.apache.calcite.schema.impl.ViewTable(Object[].class,
        f -> f.builder().add("id", org.apache.calcite.sql.type.SqlTypeName.INTEGER)
            .add("name", org.apache.calcite.sql.type.SqlTypeName.VARCHAR).build(),
        sql, List.of("sales"), List.of("sales", "big_orders"));
  }

  @Test
  void theGenerationKeepsWithinTheTimeToLiveAndEachPolicyHasItsOwn() throws Exception {
    CatalogSource source = new CatalogSource(60_000);
    long all = source.generation(connection.getMetaData(), AccessPolicy.all());
    long sales = source.generation(connection.getMetaData(), AccessPolicy.only(List.of("sales")));
    assertNotEquals(all, sales);
    this.sales.add("refunds", table());
    assertEquals(all, source.generation(connection.getMetaData(), AccessPolicy.all()),
        "read again only once the catalog is older than its time to live");
  }

  @Test
  void aStaleListIsReadAgainOnTheCatalogsOwnThreadWhileTheStatementGoesOnWithTheLastCopy() throws Exception {
    CountDownLatch reading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<String> readBy = new java.util.concurrent.CopyOnWriteArrayList<>();
    DatabaseMetaData md = connection.getMetaData();
    DatabaseMetaData slow = (DatabaseMetaData) Proxy.newProxyInstance(getClass().getClassLoader(),
        new Class<?>[] {DatabaseMetaData.class}, (proxy, method, args) -> {
          if (method.getName().equals("getSchemas")) {
            readBy.add(Thread.currentThread().getName());
            reading.countDown();
            release.await(10, TimeUnit.SECONDS);
          }
          try {
            return method.invoke(md, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    Connection own = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
        (proxy, method, args) -> method.getName().equals("getMetaData") ? slow : method.invoke(connection, args));
    CatalogSource source = new CatalogSource(0, policy -> own);
    try {
      List<String> first = source.schemas(md, AccessPolicy.all());
      connection.unwrap(CalciteConnection.class).getRootSchema().add("marketing", new AbstractSchema());
      List<String> meanwhile = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> source.schemas(md, AccessPolicy.all()));
      assertEquals(first, meanwhile, "the last copy, at once");
      assertTrue(reading.await(10, TimeUnit.SECONDS), "the re-read started");
      assertEquals(List.of("catalog-reader"), readBy, "read on the catalog's thread through its own connection");
      release.countDown();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      List<String> now = first;
      while (!now.contains("marketing") && System.nanoTime() < deadline) {
        Thread.sleep(20);
        now = source.schemas(md, AccessPolicy.all());
      }
      assertTrue(now.contains("marketing"), "the re-read list serves once read: " + now);
    } finally {
      release.countDown();
      source.close();
    }
  }

  @Test
  void aNegativeTimeToLiveIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new CatalogSource(-1));
  }

  @Test
  void whileOneSessionReadsTheSchemasAgainTheOthersGoOnWithTheLastListInsteadOfWaiting() throws Exception {
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement()) {
      s.execute("CREATE SCHEMA finance");
      DatabaseMetaData md = duck.getMetaData();
      CatalogSource source = new CatalogSource(0); // every list is stale at once
      List<String> first = source.schemas(md, AccessPolicy.all());
      assertTrue(first.contains("finance"), first.toString());

      s.execute("CREATE SCHEMA exports");
      CountDownLatch reading = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      DatabaseMetaData slow = (DatabaseMetaData) Proxy.newProxyInstance(getClass().getClassLoader(),
          new Class<?>[] {DatabaseMetaData.class}, (proxy, method, args) -> {
            if (method.getName().equals("getSchemas")) {
              reading.countDown();
              release.await(10, TimeUnit.SECONDS);
            }
            try {
              return method.invoke(md, args);
            } catch (InvocationTargetException e) {
              throw e.getCause();
            }
          });
      CompletableFuture<List<String>> refreshing = CompletableFuture.supplyAsync(() -> {
        try {
          return source.schemas(slow, AccessPolicy.all());
        } catch (java.sql.SQLException e) {
          throw new IllegalStateException(e);
        }
      });
      assertTrue(reading.await(10, TimeUnit.SECONDS), "the refresh started");
      List<String> meanwhile = assertTimeoutPreemptively(Duration.ofSeconds(2),
          () -> source.schemas(md, AccessPolicy.all()));
      assertEquals(first, meanwhile);

      release.countDown();
      List<String> refreshed = refreshing.get(10, TimeUnit.SECONDS);
      assertTrue(refreshed.contains("exports"), refreshed.toString());
      assertEquals(refreshed, source.schemas(md, AccessPolicy.all()).stream().filter(refreshed::contains).toList());
    }
  }
}
