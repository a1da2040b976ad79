package org.marketingsql.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.PostgresCluster;
import org.marketingsql.testing.Sql;

/**
 * A connection whose store is on PostgreSQL: it leads the refresh, publishes it in one transaction, and
 * {@code finance.data_freshness} shows the publication every node sees.
 */
class PostgresStoreSchemaTest {
  @RegisterExtension
  static final PostgresCluster postgres = PostgresCluster.withPassword();
  @TempDir
  Path temp;
  private String model;

  @BeforeEach
  void setUp() throws Exception {
    try (Connection c = postgres.connection(); Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS schema_store");
      s.execute("CREATE DATABASE schema_store");
    }
    Path folder = Files.createDirectories(temp.resolve("exports"));
    Files.writeString(folder.resolve("notes.csv"), "id,amount\n1,2.50\n2,3.00\n");
    Path password = Files.writeString(temp.resolve("pg-password"), postgres.password() + "\n");
    model = """
        {"version": "1.0", "defaultSchema": "marketing", "schemas": [{"name": "marketing", "type": "custom",
         "factory": "org.marketingsql.schema.MarketingSchemaFactory",
         "operand": {"store": {"url": "%s", "user": "%s", "password": "${file:%s}"},
           "sources": [{"name": "exports", "type": "csv-folder", "path": "%s"}]}}]}
        """.formatted(postgres.url("schema_store"), postgres.user(), password.toString().replace("\\", "/"),
        folder.toString().replace("\\", "/"));
  }

  @Test
  void aConnectionRefreshesThePostgresqlStoreInOnePublicationAndReadsIt() throws Exception {
    try (Connection c = Sql.calcite(model).connect(); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("SELECT SUM(amount) FROM exports.notes")) {
        assertTrue(rs.next());
        assertEquals(0, new java.math.BigDecimal("5.50").compareTo(rs.getBigDecimal(1)));
      }
      try (ResultSet rs = s.executeQuery("SELECT tables, failed_tables, snapshot_generation, snapshot_at,"
          + " last_refresh_error, pending FROM finance.data_freshness WHERE source_name = 'exports'")) {
        assertTrue(rs.next());
        assertEquals(1, rs.getLong("tables"));
        assertEquals(0, rs.getLong("failed_tables"));
        assertEquals(1, rs.getLong("snapshot_generation"));
        assertTrue(rs.getTimestamp("snapshot_at") != null);
        assertNull(rs.getString("last_refresh_error"));
        assertNull(rs.getString("pending"));
        assertFalse(rs.next());
      }
    }
  }
}
