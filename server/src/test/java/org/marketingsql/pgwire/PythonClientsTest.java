package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.marketingsql.testing.Tools.require;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as Debian's Python clients see it: SQLAlchemy 1.4 with psycopg2 (Superset's path) and
 * pyodbc with psqlODBC through unixODBC (Excel's and Power BI's). Runs Debian's {@code /usr/bin/python3},
 * which has the Debian modules; skipped where a client package is not installed
 * (apt-get install python3-psycopg2 python3-sqlalchemy unixodbc odbc-postgresql python3-pyodbc).
 */
class PythonClientsTest {
  static final Path PYTHON = Path.of("/usr/bin/python3");
  static final Path PSQLODBC = Path.of("/usr/lib/x86_64-linux-gnu/odbc/psqlodbcw.so");
  @RegisterExtension
  static final ClassServer server = ClassServer.finance(TestServer.ALICE, TestServer.FIN);
  @TempDir
  Path temp;

  @BeforeAll
  static void load() throws Exception {
    // load the export folder into the store now, so the client's login is not timed against the first load
    try (Connection c = DriverManager.getConnection(server.exportsUrl()); Statement s = c.createStatement()) {
      s.executeQuery("select count(*) from finance.orders").close();
    }
  }

  record Run(int exit, List<String> out, String err) {
  }

  /** Whether Debian's python3 can import {@code modules}. */
  static boolean pythonHas(String modules) throws IOException, InterruptedException {
    if (!Files.isExecutable(PYTHON)) {
      return false;
    }
    Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import " + modules).redirectErrorStream(true).start();
    p.getInputStream().transferTo(OutputStream.nullOutputStream());
    return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  private Run run(String script, Map<String, String> env, String... args) throws IOException, InterruptedException {
    Path file = temp.resolve(script);
    try (InputStream in = getClass().getResourceAsStream("/clients/" + script)) {
      Files.copy(in, file);
    }
    List<String> command = new ArrayList<>(List.of(PYTHON.toString(), file.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("PGPASSWORD", "s3cret");
    pb.environment().putAll(env);
    Path out = temp.resolve(script + ".out");
    Path err = temp.resolve(script + ".err");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process p = pb.start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), script + " did not finish");
    return new Run(p.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  private static String line(Run run, String prefix) {
    return run.out().stream().filter(l -> l.startsWith(prefix)).findFirst().orElse("");
  }

  @Test
  void sqlalchemyInspectsSchemasViewsAndColumnsAndQueriesWithABoundParameter() throws Exception {
    require(pythonHas("psycopg2, sqlalchemy"), "python3-psycopg2 and python3-sqlalchemy are not installed");
    Run run = run("sqlalchemy_client.py", Map.of(), String.valueOf(server.port()));
    assertEquals(0, run.exit(), run.err());
    assertTrue(List.of(line(run, "schemas=").substring(8).split(",")).containsAll(List.of("exports", "finance")), run.out().toString());
    assertTrue(List.of(line(run, "views=").substring(6).split(",")).containsAll(List.of("channel_roi", "orders")), run.out().toString());
    assertTrue(List.of(line(run, "tables=").substring(7).split(",")).contains("orders"), run.out().toString());
    assertTrue(run.out().contains("column=month_start|DATE|first day of the calendar month"), run.out().toString());
    assertTrue(run.out().stream().anyMatch(l -> l.startsWith("column=roas|NUMERIC(") && l.contains("attributed_revenue_rc / spend_rc")),
        run.out().toString());
    assertEquals(List.of("row=o1|2025-01-16|500.000000", "row=o3|2025-02-05|50.000000"),
        run.out().stream().filter(l -> l.startsWith("row=")).toList());
    assertTrue(run.out().containsAll(List.of("pk=[]", "indexes=[]", "foreign_keys=[]")), run.out().toString());
    assertTrue(line(run, "comment=").startsWith("comment=Return on marketing investment"), run.out().toString());
    assertTrue(run.out().containsAll(List.of("unique=[]", "checks=[]", "sequences=[]", "definition=True",
        "has_table=True|False")), run.out().toString());
  }

  @Test
  void psycopg2NamedCursorsIterateInBatchesAndOneWithHoldOutlivesCommit() throws Exception {
    require(pythonHas("psycopg2"), "python3-psycopg2 is not installed");
    Run run = run("psycopg2_cursors.py", Map.of(), String.valueOf(server.port()));
    assertEquals(0, run.exit(), run.err());
    assertEquals("iterated=o1,o2,o3,o4,o5", line(run, "iterated="), run.out().toString());
    assertEquals("before_commit=o1,o2", line(run, "before_commit="), run.out().toString());
    assertEquals("after_commit=o3,o4,o5", line(run, "after_commit="), run.out().toString());
    assertEquals("still_working=5", line(run, "still_working="), run.out().toString());
  }

  /** The environment that makes unixODBC read a DSN "marketing" for psqlODBC on the server's port. */
  private Map<String, String> odbcDsn() throws IOException {
    Path odbc = Files.createDirectories(temp.resolve("odbc"));
    Files.writeString(odbc.resolve("odbcinst.ini"), "[PostgreSQL Unicode]\nDriver = " + PSQLODBC + "\n");
    Files.writeString(odbc.resolve("odbc.ini"), """
        [marketing]
        Driver = PostgreSQL Unicode
        Servername = 127.0.0.1
        Port = %d
        Database = marketing
        SSLmode = disable
        """.formatted(server.port()));
    return Map.of("ODBCSYSINI", odbc.toString(), "ODBCINI", odbc.resolve("odbc.ini").toString());
  }

  @Test
  void psqlodbcThroughADsnReturnsNumericsAndDatesAndListsTheViews() throws Exception {
    require(pythonHas("pyodbc") && Files.exists(PSQLODBC), "unixodbc, odbc-postgresql or python3-pyodbc is not installed");
    Run run = run("odbc_client.py", odbcDsn());
    assertEquals(0, run.exit(), run.err());
    assertEquals(List.of("row=o1|2025-01-16|500.000000", "row=o3|2025-02-05|50.000000"),
        run.out().stream().filter(l -> l.startsWith("row=")).toList());
    assertTrue(List.of(line(run, "views=").substring(6).split(",")).containsAll(List.of("channel_roi", "orders")), run.out().toString());
    assertTrue(line(run, "columns=").contains("order_date:date"), run.out().toString());
    assertTrue(line(run, "columns=").contains("amount_rc:numeric"), run.out().toString());
  }

  @Test
  void everyCatalogFunctionOfPsqlodbcAnswersWithTheUsersViewsAndNothingOfOtherSchemas() throws Exception {
    require(pythonHas("pyodbc") && Files.exists(PSQLODBC), "unixodbc, odbc-postgresql or python3-pyodbc is not installed");
    Map<String, String> env = new HashMap<>(odbcDsn());
    env.put("PGPASSWORD", "f1n");
    Run run = run("odbc_catalog_client.py", env);
    assertEquals(0, run.exit(), run.out() + run.err());
    assertEquals("schemas=1|finance", line(run, "schemas="));
    assertEquals("catalogs=1|marketing", line(run, "catalogs="));
    assertTrue(line(run, "table_types=").contains("VIEW"), run.out().toString());
    assertTrue(line(run, "tables=").contains("finance.channel_roi:VIEW"), run.out().toString());
    assertTrue(line(run, "finance_views=").contains("channel_roi:"), run.out().toString());
    assertEquals("exports_tables=0|", line(run, "exports_tables="));
    assertTrue(line(run, "columns=").startsWith("columns=11|1:month_start:date:"), run.out().toString());
    assertTrue(line(run, "columns=").contains("10:roas:numeric:"), run.out().toString());
    assertTrue(line(run, "all_columns=").contains("finance.orders"), run.out().toString());
    // every schema's columns, as PostgreSQL answers: the user's and the catalogs', nothing of exports
    assertTrue(List.of(line(run, "all_columns=").split("\\|")[1].split(",")).stream()
        .allMatch(t -> t.startsWith("finance.") || t.startsWith("pg_catalog.") || t.startsWith("information_schema.")),
        run.out().toString());
    assertEquals("exports_columns=0|", line(run, "exports_columns="));
    for (String empty : List.of("primary_keys", "foreign_keys", "referencing_keys", "statistics", "unique_statistics",
        "row_id_columns")) {
      assertEquals(empty + "=0|", line(run, empty + "="), "the views have no keys or indexes");
    }
    // finance's one function, the attribution table function, with its two input parameters (SQL_PARAM_INPUT, 1)
    assertEquals("procedures=1|attributed_revenue", line(run, "procedures="));
    assertTrue(line(run, "procedure_columns=").contains("model:1,half_life_days:1"), run.out().toString());
    // psqlODBC answers SQLSpecialColumns(SQL_ROWVER) with ctid itself, as it does for PostgreSQL's views
    assertEquals("row_version_columns=1|ctid", line(run, "row_version_columns="));
    assertTrue(List.of(line(run, "type_info=").split("\\|")[1].split(",")).containsAll(List.of("int4", "numeric", "date",
        "varchar", "text", "bool", "timestamptz")), run.out().toString());
    assertEquals("type_info_integer=1|int4", line(run, "type_info_integer="));
    assertTrue(line(run, "preview=").startsWith("preview=6|month_start,"), run.out().toString());
  }
}
