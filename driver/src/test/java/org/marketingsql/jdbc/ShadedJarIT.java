package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one jar a BI tool loads works on its own: a fresh JVM with nothing else finds the driver and queries. */
class ShadedJarIT {
  @TempDir
  Path temp;
  /** The home every fresh JVM of the class uses, with the demo's store in it once the first one has built it. */
  @TempDir
  static Path home;

  private static Path shadedJar() throws Exception {
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target"), "marketing-sql-driver-*-all.jar")) {
      for (Path jar : jars) {
        return jar;
      }
    }
    throw new AssertionError("no shaded jar in driver/target: run mvn package first");
  }

  /** Java 17, the oldest Java a BI tool may run the driver on, where the machine has one. */
  private static final Path JAVA_17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");

  /**
   * The first answer of a fresh JVM with only the shaded jar, on a home of its own: it builds the demo's store, which
   * the other fresh JVMs of this class then read (one build for the class, not one per test).
   */
  private static FirstAnswer firstAnswer;

  /** What the first fresh JVM printed, what it wrote on stderr and the classes it loaded from the jar. */
  private record FirstAnswer(String stdout, String stderr, List<String> fromJar) {
  }

  @BeforeAll
  static void aFreshJvmBuildsTheDemoStoreAndGivesItsFirstAnswer() throws Exception {
    Path probe = home.resolve("FirstAnswer.java");
    Files.writeString(probe, """
        import java.sql.*;
        public class FirstAnswer {
          public static void main(String[] args) throws Exception {
            try (Connection c = DriverManager.getConnection("jdbc:marketing:demo");
                 ResultSet rs = c.createStatement().executeQuery("SELECT * FROM finance.channel_roi")) {
              System.out.println(rs.next());
            }
          }
        }
        """);
    Path loaded = home.resolve("classes.txt");
    Path stderr = home.resolve("first-answer-stderr.txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // the options of a BI tool's JVM (see probe), and the class log in a file: stderr stays the JVM's own
    Process process = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
        "-Xlog:class+load=info:file=" + loaded, "-Dmarketingsql.home=" + home.resolve("home"), "-Djava.io.tmpdir=" + home,
        "-cp", shadedJar().toAbsolutePath().toString(), probe.toString())
        .redirectError(stderr.toFile()).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertTrue(process.waitFor(300, TimeUnit.SECONDS), "the first answer did not come");
    String jar = shadedJar().getFileName().toString();
    List<String> fromJar = Files.readAllLines(loaded).stream().filter(l -> l.contains("source: file:") && l.contains(jar))
        .map(l -> l.substring(l.indexOf("] ", l.indexOf("[class,load]")) + 2, l.indexOf(" source:"))).toList();
    firstAnswer = new FirstAnswer(output, Files.readString(stderr), fromJar);
  }

  @Test
  void aFreshJvmWithOnlyTheShadedJarConnectsToTheDemoQueriesAndPrintsNothingOnStderr() throws Exception {
    assertEquals("", firstAnswer.stderr(), "stderr of the BI tool's JVM that built the demo store");
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
    String expected = "platforms=4 driver=Marketing SQL JDBC Driver " + System.getProperty("marketingsql.projectVersion");
    // this JDK, then Java 17, on the store the first answer's JVM built
    assertEquals(expected, probe(Path.of(System.getProperty("java.home")), probe), "the shaded jar reports the project's version");
    if (Files.isExecutable(JAVA_17.resolve("bin").resolve("java"))) {
      assertEquals(expected, probe(JAVA_17, probe), "on Java 17");
    }
  }

  /**
   * What a BI tool's first answer loads: the classes the JVM loads from the jar, from {@code getConnection} on the
   * demo (building its store) to the first row of a finance view. Jackson's data binding (Calcite's model reader, an
   * eager ObjectMapper) costs several hundred classes of a first answer and has no part in a local connection. About
   * 4,400 classes came from the jar when this was written.
   */
  @Test
  void aFreshJvmsFirstAnswerOnTheDemoLoadsNoJacksonDataBindingAndFewerThan4800ClassesFromTheJar() throws Exception {
    assertEquals("true", firstAnswer.stdout(), firstAnswer.stderr());
    List<String> fromJar = firstAnswer.fromJar();
    assertTrue(fromJar.contains("org.marketingsql.jdbc.MarketingDriver"), "the log names the driver's classes");
    assertEquals(List.of(), fromJar.stream().filter(c -> c.startsWith("com.fasterxml.jackson.databind.ObjectMapper")
        || c.startsWith("org.apache.calcite.model.ModelHandler")).toList(), "no model reader, no ObjectMapper");
    assertTrue(fromJar.size() < 4800, fromJar.size() + " classes from the jar");
  }

  /**
   * Runs the probe as a BI tool's JVM runs the driver: only the shaded jar on the class path, and no option but the
   * two that Java 24 and newer need to stay quiet about DuckDB loading its native library and about protobuf (in
   * Avatica) using {@code sun.misc.Unsafe}: the JDK's own warnings, which a driver cannot silence
   * ({@code Enable-Native-Access} in a manifest counts only for {@code java -jar}). Asserts that stderr stays
   * empty (no SLF4J notice, no warning) and returns stdout.
   */
  private String probe(Path jdk, Path probe) throws Exception {
    List<String> command = new ArrayList<>(List.of(jdk.resolve("bin").resolve("java").toString()));
    if (Runtime.version().feature() >= 24 && jdk.equals(Path.of(System.getProperty("java.home")))) {
      command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"));
    }
    command.addAll(List.of("-Dmarketingsql.home=" + home.resolve("home"), "-Djava.io.tmpdir=" + temp,
        "-cp", shadedJar().toAbsolutePath().toString(), probe.toString()));
    Path stderr = temp.resolve("stderr.txt");
    Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(300, TimeUnit.SECONDS), "the probe did not finish on " + jdk);
    assertEquals(0, process.exitValue(), output + Files.readString(stderr));
    assertEquals("", Files.readString(stderr), "stderr of a BI tool's JVM on " + jdk);
    return output.trim();
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
