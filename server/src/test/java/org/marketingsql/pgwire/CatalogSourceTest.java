package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.marketingsql.access.AccessPolicy;

/** The catalog's generation, which the kept catalog answers are valid for, over a plain Calcite connection. */
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
  void aNegativeTimeToLiveIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new CatalogSource(-1));
  }
}
