package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.Sql;
import org.marketingsql.testing.StoreFixture;

/**
 * String literals in any script, as PostgreSQL's text: Greek, Japanese and Latin names compare with a store's text
 * column in the store, one query, on a DuckDB store and on a PostgreSQL store alike.
 */
@ExtendWith(IsolatedHome.class)
class NonLatinLiteralsTest {
  @RegisterExtension
  static final StoreFixture fixture = StoreFixture.withExports("finance");
  private static Connection connection;

  @BeforeAll
  static void connect() throws Exception {
    Files.writeString(fixture.exports().resolve("regions.csv"), """
        id,name
        1,Ελλάδα
        2,日本
        3,Zürich
        4,plain
        """);
    Path model = Files.writeString(fixture.exports().resolveSibling("model.json"), fixture.model(""));
    connection = DriverManager.getConnection("jdbc:marketing:model=" + model);
  }

  @AfterAll
  static void close() throws SQLException {
    connection.close();
  }

  @Test
  void aLiteralOutsideLatin1IsTextWithItsCharacters() throws Exception {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT '日本' AS x, 'Ελλάδα' AS y")) {
      rs.next();
      assertEquals("日本", rs.getString(1));
      assertEquals("Ελλάδα", rs.getString(2));
    }
  }

  @Test
  void aStoreTextColumnComparedWithGreekAndJapaneseLiteralsIsFilteredInTheStore() throws Exception {
    String equal = "SELECT name FROM exports.regions WHERE name = 'Ελλάδα'";
    String among = "SELECT name FROM exports.regions WHERE name IN ('日本', 'Zürich', 'Ελλάδα') ORDER BY id";
    String prefixed = "SELECT name || '·日本' AS tagged FROM exports.regions WHERE name LIKE '日%' OR name <> 'plain'"
        + " ORDER BY id";
    assertEquals(List.of(List.of("Ελλάδα")), Sql.objects(connection, equal));
    assertEquals(List.of(List.of("Ελλάδα"), List.of("日本"), List.of("Zürich")), Sql.objects(connection, among));
    assertEquals(List.of(List.of("Ελλάδα·日本"), List.of("日本·日本"), List.of("Zürich·日本")),
        Sql.objects(connection, prefixed));
    StorePlans.assertOneStoreQuery(connection, equal);
    StorePlans.assertOneStoreQuery(connection, among);
    StorePlans.assertOneStoreQuery(connection, prefixed);
  }

  @Test
  void aFinanceViewFilteredOnANameInAnotherScriptFindsNoRowsInTheStore() throws Exception {
    String sql = "SELECT count(*) AS n FROM finance.channel_roi WHERE channel = 'Ελλάδα'";
    assertEquals(List.of(List.of(0L)), Sql.objects(connection, sql));
  }
}
