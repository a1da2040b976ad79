package org.marketingsql.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** The packaged bundle for admins running their own BIRT Viewer holds what its README promises. */
class ViewerBundleIT {
  private static final Path BUNDLE = Path.of("target/viewer-bundle");

  @Test
  void theBundleHoldsTheShadedDriverEveryBundledDesignAndTheInstructions() throws Exception {
    Path driver = BUNDLE.resolve("marketing-sql-driver-all.jar");
    try (JarFile jar = new JarFile(driver.toFile())) {
      assertTrue(jar.getEntry("org/marketingsql/jdbc/MarketingDriver.class") != null, "the driver class");
      assertTrue(jar.getEntry("META-INF/services/java.sql.Driver") != null, "the driver is registered for DriverManager");
    }
    List<String> designs;
    try (var files = Files.list(BUNDLE.resolve("reports"))) {
      designs = files.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertEquals(ReportDesigns.BUNDLED.stream().map(n -> n + ".rptdesign").sorted().toList(), designs);
    assertTrue(Files.readString(BUNDLE.resolve("README.txt")).contains("-Dmarketingsql.url="));
  }
}
