package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one jar a BI tool loads works on its own: a fresh JVM with nothing else finds the driver and queries. */
class ShadedJarIT {
  @TempDir
  Path temp;

  private static Path shadedJar() throws Exception {
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target"), "marketing-sql-driver-*-all.jar")) {
      for (Path jar : jars) {
        return jar;
      }
    }
    throw new AssertionError("no shaded jar in driver/target: run mvn package first");
  }

  @Test
  void aFreshJvmWithOnlyTheShadedJarConnectsToTheDemoAndQueries() throws Exception {
    Path probe = temp.resolve("Probe.java");
    Files.writeString(probe, """
        import java.sql.*;
        public class Probe {
          public static void main(String[] args) throws Exception {
            try (Connection c = DriverManager.getConnection("jdbc:marketing:demo");
                 ResultSet rs = c.createStatement().executeQuery(
                     "SELECT COUNT(DISTINCT platform) FROM finance.ad_spend_daily")) {
              rs.next();
              System.out.println("platforms=" + rs.getInt(1) + " driver=" + c.getMetaData().getDriverName()
                  + " " + c.getMetaData().getDriverVersion());
            }
          }
        }
        """);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(List.of(java, "--enable-native-access=ALL-UNNAMED",
        "-Dmarketingsql.home=" + temp.resolve("home"), "-cp", shadedJar().toAbsolutePath().toString(), probe.toString()))
        .redirectError(temp.resolve("stderr.txt").toFile()).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(180, TimeUnit.SECONDS), "the probe did not finish");
    assertEquals(0, process.exitValue(), output + Files.readString(temp.resolve("stderr.txt")));
    assertEquals("platforms=4 driver=Marketing SQL JDBC Driver " + System.getProperty("marketingsql.projectVersion"),
        output.trim(), "the shaded jar reports the project's version");
  }

  @Test
  void theShadedJarCarriesNoReportEngineAndKeepsDuckDbPgJdbcAndCalciteUnrelocated() throws Exception {
    try (ZipFile jar = new ZipFile(shadedJar().toFile())) {
      assertTrue(jar.stream().noneMatch(e -> e.getName().startsWith("org/eclipse/birt/")), "BIRT is not in the driver");
      assertTrue(jar.getEntry("org/duckdb/DuckDBDriver.class") != null, "org.duckdb keeps its names");
      // a store on PostgreSQL is reached with pgJDBC (COPY through its CopyManager) from inside the BI tool
      assertTrue(jar.getEntry("org/postgresql/Driver.class") != null, "pgJDBC is in the driver");
      assertTrue(jar.getEntry("org/postgresql/copy/CopyManager.class") != null, "pgJDBC's CopyManager is in the driver");
      assertTrue(jar.getEntry("org/apache/calcite/jdbc/Driver.class") != null, "Calcite keeps its names");
      String services = new String(jar.getInputStream(jar.getEntry("META-INF/services/java.sql.Driver")).readAllBytes(),
          StandardCharsets.UTF_8);
      assertTrue(services.contains("org.marketingsql.jdbc.MarketingDriver"), services);
    }
  }

  @Test
  void theShadedJarCarriesTheWholeModelButNothingOfTheCliServerReportsOrBenchData() throws Exception {
    try (ZipFile jar = new ZipFile(shadedJar().toFile())) {
      List<String> names = jar.stream().map(ZipEntry::getName).toList();
      for (String kept : List.of("org/marketingsql/config/MarketingConfig.class", "org/marketingsql/source/ApiTable.class",
          "org/marketingsql/store/Store.class", "org/marketingsql/ingest/ApiSync.class",
          "org/marketingsql/metrics/FinanceFacts.class", "org/marketingsql/schema/MarketingSchemaFactory.class",
          "org/marketingsql/demo/DemoCompany.class", "org/marketingsql/jdbc/MarketingDriver.class")) {
        assertTrue(names.contains(kept), kept + " is in the driver");
      }
      for (String left : List.of("org/marketingsql/cli/", "org/marketingsql/pgwire/", "org/marketingsql/avatica/",
          "org/marketingsql/portal/", "org/marketingsql/users/", "org/marketingsql/audit/", "org/marketingsql/tls/",
          "org/marketingsql/reports/", "org/eclipse/birt/")) {
        assertTrue(names.stream().noneMatch(n -> n.startsWith(left)), left + " is not in the driver");
      }
      assertTrue(names.stream().noneMatch(n -> n.contains("BenchData")), "the bench data generator is not in the driver");
    }
  }
}
