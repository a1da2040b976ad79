package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.testing.StoreFixture;

/** The version JDBC clients are shown is the project's, as the build knows it. */
@org.junit.jupiter.api.extension.ExtendWith(org.marketingsql.testing.IsolatedHome.class)
class ProductVersionTest {
  @RegisterExtension
  final StoreFixture fixture = StoreFixture.withExports("finance");

  private static String projectVersion() {
    String version = System.getProperty("marketingsql.projectVersion");
    assertNotNull(version, "the build passes the project's version as marketingsql.projectVersion");
    return version;
  }

  @Test
  void theDriverReportsTheProjectsVersionToJdbcClients() throws Exception {
    String url = fixture.csvUrl();
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
