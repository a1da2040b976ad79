package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.security.SecureRandom;
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
import org.marketingsql.users.ScramVerifier;
import org.marketingsql.users.User;

/**
 * The column origins a session keeps for RowDescription (the table's OID, the column's number) follow the catalog
 * while the session stays open: a table added, or a table whose columns change, gets the numbers pg_class and
 * pg_attribute give it once the catalog has read it again.
 */
class SessionColumnOriginsTest {
  /** How long the catalog's lists serve before a statement reads them again. */
  private static final long CATALOG_MILLIS = 200;
  Connection connection;
  SchemaPlus sales;
  CatalogSource catalog;
  SqlSession session;
  User user;

  @BeforeEach
  void open() throws Exception {
    Properties properties = new Properties();
    properties.setProperty("unquotedCasing", "UNCHANGED"); // names as PostgreSQL folds them: lower case
    properties.setProperty("caseSensitive", "true");
    connection = DriverManager.getConnection("jdbc:calcite:", properties);
    sales = connection.unwrap(CalciteConnection.class).getRootSchema().add("sales", new AbstractSchema());
    sales.add("orders", table("id:int name"));
    catalog = new CatalogSource(CATALOG_MILLIS);
    user = new User("ann", ScramVerifier.create("secret".toCharArray(), new SecureRandom()), List.of("sales"));
    session = new SqlSession(connection, user, "127.0.0.1", 8, new TransactionBlock(), catalog);
  }

  @AfterEach
  void close() throws Exception {
    connection.close();
  }

  private MetadataTable table(String spec) {
    return new MetadataTable(connection, spec, md -> List.of());
  }

  /** RowDescription's table OID and column number of each column of {@code sql}'s result, as the session sends them. */
  private List<List<Integer>> origins(String sql) throws Exception {
    try (Result result = session.execute(sql, new short[0])) {
      return result.columns().stream().map(c -> List.of(c.tableOid(), c.columnNumber())).toList();
    }
  }

  /** The OID and number pg_class and pg_attribute give {@code sales.table.column} now. */
  private List<Integer> catalogued(String table, String column) throws Exception {
    CatalogSnapshot.Relation relation = CatalogSnapshot.read(catalog, connection.getMetaData(),
        PgSession.policy(user), true).relations().stream()
        .filter(r -> r.namespace().name().equals("sales") && r.name().equals(table)).findFirst().orElseThrow();
    int number = relation.attributes().stream().filter(a -> a.name().equals(column)).findFirst().orElseThrow().number();
    return List.of(relation.oid(), number);
  }

  /** Waits until the catalog's lists are stale, so that the next statement reads them again. */
  private static void catalogGoesStale() throws InterruptedException {
    Thread.sleep(CATALOG_MILLIS * 2);
  }

  @Test
  void aTableAddedWhileTheSessionIsOpenGetsTheOidAndNumbersPgClassAndPgAttributeGiveIt() throws Exception {
    assertEquals(List.of(catalogued("orders", "name")), origins("select name from sales.orders"));
    sales.add("refunds", table("amount:int order_id:int"));
    catalogGoesStale();
    assertEquals(List.of(catalogued("refunds", "order_id"), catalogued("refunds", "amount")),
        origins("select order_id, amount from sales.refunds"));
    assertEquals(List.of(catalogued("orders", "name")), origins("select name from sales.orders"),
        "the tables listed before keep the OIDs pg_class gives them now");
  }

  @Test
  void aTableWhoseColumnsChangeWhileTheSessionIsOpenGetsTheNumbersPgAttributeGivesThemNow() throws Exception {
    assertEquals(List.of(List.of(catalogued("orders", "id").get(0), 2)), origins("select name from sales.orders"));
    sales.add("orders", table("region name id:int"));
    catalogGoesStale();
    assertEquals(List.of(catalogued("orders", "name"), catalogued("orders", "id")),
        origins("select name, id from sales.orders"));
    assertEquals(2, catalogued("orders", "name").get(1), "name is the second column now");
  }
}
