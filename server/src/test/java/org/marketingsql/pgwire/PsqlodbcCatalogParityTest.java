package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.marketingsql.testing.Tools.require;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.PostgresCluster;
import org.marketingsql.testing.StoreFixture;

/**
 * psqlODBC's catalog functions (Excel's and Power BI's navigators, Tableau on Windows) through pyodbc, called on the
 * port as fin, who reads only finance, and on a PostgreSQL 15 into which the test copies finance's views and
 * functions: every call answers, with the columns PostgreSQL's answer has and, where the content is the same on
 * both, the same rows; escaped and mixed-case patterns select what they select on PostgreSQL.
 */
class PsqlodbcCatalogParityTest {
  @RegisterExtension
  static final PostgresCluster postgres = PostgresCluster.withPassword();
  @TempDir
  static Path temp;
  @RegisterExtension
  static final StoreFixture fixture = StoreFixture.withExports("finance");
  static TestServer server;
  /**
   * Left out of the rows compared: the table's OID, which psqlODBC adds to SQLColumns' answer, and the nullability,
   * as PostgreSQL's views never know a column NOT NULL and the port's do.
   */
  private static final String LEFT_OUT = "table oid,nullable,is_nullable";

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.forClass(fixture.csvUrl(), temp, TestServer.FIN);
    try (Connection port = server.connect("fin", "f1n"); Connection pg = postgres.connection()) {
      FinanceCopy.into(port, pg);
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** The lines the script prints, by what precedes their {@code =}. */
  private static Map<String, String> catalogCalls(String dsn, String user, String password, String database)
      throws IOException, InterruptedException {
    Path script = temp.resolve("odbc_catalog_parity.py");
    if (!Files.exists(script)) {
      try (InputStream in = PsqlodbcCatalogParityTest.class.getResourceAsStream("/clients/odbc_catalog_parity.py")) {
        Files.copy(in, script);
      }
    }
    ProcessBuilder pb = new ProcessBuilder(PythonClientsTest.PYTHON.toString(), script.toString(), dsn, user, database,
        LEFT_OUT);
    pb.environment().putAll(odbcDsns());
    pb.environment().put("PGPASSWORD", password);
    Path out = temp.resolve(dsn + ".out");
    Path err = temp.resolve(dsn + ".err");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process p = pb.start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the catalog calls on " + dsn + " did not finish");
    assertEquals(0, p.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
    Map<String, String> lines = new LinkedHashMap<>();
    for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
      int equals = line.indexOf('=');
      lines.put(line.substring(0, equals), line.substring(equals + 1));
    }
    return lines;
  }

  /** unixODBC's settings with two DSNs for psqlODBC: marketing on the port and postgresql on PostgreSQL 15. */
  private static Map<String, String> odbcDsns() throws IOException {
    Path odbc = Files.createDirectories(temp.resolve("odbc"));
    Files.writeString(odbc.resolve("odbcinst.ini"), "[PostgreSQL Unicode]\nDriver = " + PythonClientsTest.PSQLODBC + "\n");
    String dsn = """
        [%s]
        Driver = PostgreSQL Unicode
        Servername = 127.0.0.1
        Port = %d
        Database = %s
        SSLmode = disable
        """;
    Files.writeString(odbc.resolve("odbc.ini"), dsn.formatted("marketing", server.port(), "marketing")
        + dsn.formatted("postgresql", postgres.port(), "postgres"));
    return Map.of("ODBCSYSINI", odbc.toString(), "ODBCINI", odbc.resolve("odbc.ini").toString());
  }

  @Test
  void everyCatalogFunctionAnswersAsOnPostgreSql15ForTheSameViews() throws Exception {
    require(PythonClientsTest.pythonHas("pyodbc") && Files.exists(PythonClientsTest.PSQLODBC),
        "unixodbc, odbc-postgresql or python3-pyodbc is not installed");
    Map<String, String> real = catalogCalls("postgresql", postgres.user(), postgres.password(), "postgres");
    Map<String, String> port = catalogCalls("marketing", "fin", "f1n", "marketing");
    List<String> differences = new ArrayList<>();
    // PostgreSQL's superuser sees schema public and the catalogs' functions besides finance
    Set<String> otherContent = Set.of("schemas.rows", "all_tables.rows", "all_procedures.rows");
    for (Map.Entry<String, String> call : real.entrySet()) {
      String key = call.getKey();
      if (key.equals("columns_ms") || otherContent.contains(key)) {
        continue;
      }
      String expected = call.getValue();
      String actual = port.getOrDefault(key, "(no answer: " + port.get(key.replace(".rows", ".error")
          .replace(".columns", ".error")) + ")");
      if (key.equals("table_types.rows")) {
        // psqlODBC lists the kinds from a UNION without ORDER BY: any order is PostgreSQL's
        expected = sorted(expected);
        actual = sorted(actual);
      }
      if (!expected.equals(actual)) {
        differences.add(key + ": PostgreSQL " + expected + "\n  port " + actual);
      }
    }
    assertEquals("", String.join("\n", differences));
    assertEquals("[[null, \"finance\", null, null, \"\"]]", port.get("schemas.rows"), "only the schema fin reads");
    assertTrue(port.get("escaped_table.rows").contains("\"channel_roi\""), port.get("escaped_table.rows"));
    assertEquals("[]", port.get("mixed_case_table.rows"), "names are matched case by case, as PostgreSQL does");
    System.out.println("psqlODBC's SQLColumns of one view: median " + port.get("columns_ms") + " ms through the port, "
        + real.get("columns_ms") + " ms on PostgreSQL 15");
    assertTrue(Double.parseDouble(port.get("columns_ms")) < 200, port.get("columns_ms"));
  }

  /** A JSON array of rows, each row's text in order. */
  private static String sorted(String rows) {
    String inner = rows.substring(1, rows.length() - 1);
    List<String> each = new ArrayList<>(List.of(inner.split("(?<=\\]), ")));
    each.sort(null);
    return "[" + String.join(", ", each) + "]";
  }

  @Test
  void noCatalogFunctionNamesAnythingOutsideFinance() throws Exception {
    require(PythonClientsTest.pythonHas("pyodbc") && Files.exists(PythonClientsTest.PSQLODBC),
        "unixodbc, odbc-postgresql or python3-pyodbc is not installed");
    Map<String, String> port = catalogCalls("marketing", "fin", "f1n", "marketing");
    List<String> leaks = port.entrySet().stream()
        .filter(e -> e.getKey().endsWith(".rows") && (e.getValue().contains("\"exports\"") || e.getValue().contains("\"alice\"")
            || e.getValue().contains("\"public\"")))
        .map(Map.Entry::getKey).toList();
    assertEquals(List.of(), leaks);
    assertEquals("[]", port.get("exports_tables.rows"));
    assertTrue(port.get("all_tables.rows").contains("\"channel_roi\""), port.get("all_tables.rows"));
    assertTrue(port.keySet().stream().noneMatch(k -> k.endsWith(".error")), port.toString());
  }
}
