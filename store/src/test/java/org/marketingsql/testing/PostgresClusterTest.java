package org.marketingsql.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The throw-away PostgreSQL server the store's tests run against: it starts, serves pgJDBC, and goes away. */
class PostgresClusterTest {
  @RegisterExtension
  static final PostgresCluster postgres = PostgresCluster.withPassword();

  @Test
  void pgJdbcLogsInWithThePasswordAndWritesAndReadsATable() throws SQLException {
    try (Connection c = postgres.connection(); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE spend (channel TEXT PRIMARY KEY, spend_rc NUMERIC(18, 6) NOT NULL)");
      s.execute("INSERT INTO spend VALUES ('google_ads', 431754.295507), ('meta_ads', 303122.1217)");
      try (ResultSet rs = s.executeQuery("SELECT channel, spend_rc FROM spend ORDER BY channel")) {
        assertTrue(rs.next());
        assertEquals("google_ads", rs.getString(1));
        assertEquals(new BigDecimal("431754.295507"), rs.getBigDecimal(2));
        assertTrue(rs.next());
        assertEquals(new BigDecimal("303122.121700"), rs.getBigDecimal(2));
        assertFalse(rs.next());
      }
      try (ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int / 10000")) {
        rs.next();
        assertTrue(rs.getInt(1) >= 15, "PostgreSQL " + rs.getInt(1));
      }
    }
  }

  @Test
  void logInsNeedScramAndTheRightPassword() throws SQLException {
    try (Connection c = postgres.connection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT DISTINCT auth_method FROM pg_hba_file_rules"
            + " WHERE type IN ('host', 'local')")) {
      assertTrue(rs.next());
      assertEquals("scram-sha-256", rs.getString(1));
      assertFalse(rs.next(), "one method for every login");
    }
    Properties wrong = new Properties();
    wrong.setProperty("user", postgres.user());
    wrong.setProperty("password", postgres.password() + "x");
    SQLException refused = assertThrows(SQLException.class, () -> DriverManager.getConnection(postgres.url(), wrong));
    assertEquals("28P01", refused.getSQLState(), refused.getMessage());
  }

  @Test
  void theServerListensOnLocalhostOnly() throws SQLException {
    try (Connection c = postgres.connection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW listen_addresses")) {
      rs.next();
      assertEquals("127.0.0.1", rs.getString(1));
    }
  }

  @Test
  void aClusterOfItsOwnStopsAndLeavesNoFolderBehind() throws Exception {
    PostgresCluster own = PostgresCluster.trust();
    own.start();
    Path folder = own.folder();
    String url = own.url();
    try (Connection c = DriverManager.getConnection(url, own.user(), null); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT 1")) {
      assertTrue(rs.next());
      assertNull(own.password());
    } finally {
      own.close();
    }
    assertFalse(Files.exists(folder), folder + " is still there");
    assertThrows(SQLException.class, () -> DriverManager.getConnection(url, "postgres", null), "the server still answers");
    assertThrows(IllegalStateException.class, own::url);
  }
}
