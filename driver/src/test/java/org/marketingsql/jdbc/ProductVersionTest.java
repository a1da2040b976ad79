package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.Fixtures;

/** The version JDBC clients are shown is the project's, as the build knows it. */
@org.junit.jupiter.api.extension.ExtendWith(org.marketingsql.testing.IsolatedHome.class)
class ProductVersionTest {
  @TempDir
  Path temp;

  private static String projectVersion() {
    String version = System.getProperty("marketingsql.projectVersion");
    assertNotNull(version, "the build passes the project's version as marketingsql.projectVersion");
    return version;
  }

  @Test
  void theDriverReportsTheProjectsVersionToJdbcClients() throws Exception {
    String url = "jdbc:marketing:csv=" + Fixtures.copy("finance", temp.resolve("exports"));
    try (Connection c = DriverManager.getConnection(url)) {
      DatabaseMetaData md = c.getMetaData();
      assertEquals(projectVersion(), md.getDriverVersion());
      assertEquals(projectVersion(), md.getDatabaseProductVersion());
      assertEquals("Marketing SQL JDBC Driver", md.getDriverName());
    }
  }

  @Test
  void theDriversMajorAndMinorNumbersAreTheFirstTwoOfTheProjectsVersion() throws Exception {
    String[] numbers = projectVersion().split("[.-]");
    Driver driver = DriverManager.getDriver("jdbc:marketing:demo");
    assertEquals(Integer.parseInt(numbers[0]), driver.getMajorVersion());
    assertEquals(Integer.parseInt(numbers[1]), driver.getMinorVersion());
  }
}
