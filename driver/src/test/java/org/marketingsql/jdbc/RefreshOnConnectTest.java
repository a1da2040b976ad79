package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.schema.Refresher;
import org.marketingsql.testing.Fixtures;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.Sql;

/**
 * When a connection refreshes: the first one builds the first snapshot and waits for it; later ones answer
 * at once from the last snapshot and refresh in the background; {@code refresh=wait} (URL setting or
 * connection property) answers from the refresh's snapshot.
 */
@ExtendWith(IsolatedHome.class)
class RefreshOnConnectTest {
  private static final String COUNT = "SELECT COUNT(*) AS n FROM exports.orders";
  @TempDir
  Path temp;
  Path orders;
  String url;

  @BeforeEach
  void setUp() {
    Path folder = Fixtures.copy("finance", temp.resolve("exports"));
    orders = folder.resolve("orders.csv");
    url = "jdbc:marketing:csv=" + folder;
  }

  @AfterEach
  void tearDown() {
    assertTrue(Refresher.awaitAll(Duration.ofSeconds(60)), "a background refresh did not end");
  }

  private void addOrder() throws Exception {
    Files.writeString(orders, Files.readString(orders) + "o6,c9,2025-02-09,1.00,USD,organic,software\n");
    Files.setLastModifiedTime(orders, FileTime.from(Files.getLastModifiedTime(orders).toInstant().plusSeconds(5)));
  }

  @Test
  void refreshWaitInTheUrlSeesAChangedExportInItsFirstQueryWhileADefaultConnectionSeesTheOldNumbers() throws Exception {
    Sql.on(url).query(COUNT).returns("n=5");
    addOrder();
    Sql.on(url).query(COUNT).returns("n=5");
    Sql.on(url + ";refresh=wait").query(COUNT).returns("n=6");
    Sql.on(url).query(COUNT).returns("n=6");
  }

  @Test
  void refreshWaitAsAConnectionPropertyWaitsToo() throws Exception {
    Sql.on(url).query(COUNT).returns("n=5");
    addOrder();
    Properties wait = new Properties();
    wait.setProperty("refresh", "wait");
    try (var connection = DriverManager.getConnection(url, wait);
        var rs = connection.createStatement().executeQuery(COUNT)) {
      rs.next();
      assertEquals(6, rs.getInt(1));
    }
  }

  @Test
  void anUnknownRefreshModeIsRefusedWithSqlState08001() {
    SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url + ";refresh=later"));
    assertEquals("08001", e.getSQLState());
    assertTrue(e.getMessage().contains("refresh=later is not a refresh mode"), e.getMessage());
  }
}
