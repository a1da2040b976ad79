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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.IsolatedHome;

/**
 * The server as SQLAlchemy 2.0's inspector sees it, over Debian's psycopg2. Debian ships SQLAlchemy 1.4
 * ({@link PythonClientsTest}), so 2.0 lives in a virtual environment of Debian's {@code /usr/bin/python3}
 * that sees the system's packages: {@code .ci/venv} when {@code .ci/run} made it, else one this test makes
 * once under {@code target/sqlalchemy2} with pip (apt-get install python3-venv python3-psycopg2); skipped
 * where neither can be had.
 */
@ExtendWith(IsolatedHome.class)
class SqlAlchemy2Test {
  private static final Path SYSTEM_PYTHON = Path.of("/usr/bin/python3");
  private static final Path CI_VENV = Path.of("..", ".ci", "venv").toAbsolutePath().normalize();
  private static final Path OWN_VENV = Path.of("target", "sqlalchemy2").toAbsolutePath();
  @TempDir
  Path temp;
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    server = TestServer.finance(temp, PgLimits.defaults());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** A python3 that imports SQLAlchemy 2 and psycopg2, or null. */
  private static synchronized Path python() throws IOException, InterruptedException {
    for (Path venv : List.of(CI_VENV, OWN_VENV)) {
      Path python = venv.resolve("bin/python3");
      if (Files.isExecutable(python) && exits0(python.toString(), "-c",
          "import psycopg2, sqlalchemy; assert sqlalchemy.__version__.startswith('2.')")) {
        return python;
      }
    }
    if (!Files.isExecutable(SYSTEM_PYTHON)
        || !exits0(SYSTEM_PYTHON.toString(), "-m", "venv", "--system-site-packages", OWN_VENV.toString())
        || !exits0(OWN_VENV.resolve("bin/pip").toString(), "install", "--quiet", "sqlalchemy==2.0.*")) {
      return null;
    }
    return OWN_VENV.resolve("bin/python3");
  }

  private static boolean exits0(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().transferTo(OutputStream.nullOutputStream());
    return p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  @Test
  void theInspectorOfSqlalchemy2ListsSchemasViewsColumnsAndCommentsAndQueries() throws Exception {
    Path python = python();
    require(python != null, "no python3 with SQLAlchemy 2.0 and psycopg2: run .ci/run, or install python3-venv and"
        + " python3-psycopg2 so this test can make " + OWN_VENV);
    Path script = temp.resolve("sqlalchemy2_client.py");
    try (InputStream in = getClass().getResourceAsStream("/clients/sqlalchemy2_client.py")) {
      Files.copy(in, script);
    }
    ProcessBuilder pb = new ProcessBuilder(python.toString(), script.toString(), String.valueOf(server.port()));
    pb.environment().put("PGPASSWORD", TestServer.PASSWORD);
    Path out = temp.resolve("out");
    Path err = temp.resolve("err");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process p = pb.start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the SQLAlchemy 2.0 client did not finish");
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), Files.readString(err, StandardCharsets.UTF_8) + lines);
    assertTrue(line(lines, "version=").startsWith("version=2."), lines.toString());
    assertTrue(List.of(line(lines, "schemas=").substring(8).split(",")).containsAll(List.of("exports", "finance")), lines.toString());
    assertTrue(List.of(line(lines, "views=").substring(6).split(",")).containsAll(List.of("channel_roi", "orders")), lines.toString());
    assertTrue(List.of(line(lines, "tables=").substring(7).split(",")).contains("orders"), lines.toString());
    assertTrue(lines.contains("column=month_start|DATE|first day of the calendar month"), lines.toString());
    assertTrue(lines.containsAll(List.of("pk=[]", "indexes=[]", "foreign_keys=[]", "has_table=True|False")), lines.toString());
    assertTrue(line(lines, "comment=").startsWith("comment=Return on marketing investment"), lines.toString());
    assertTrue(lines.containsAll(List.of("unique=[]", "checks=[]", "materialized=[]", "sequences=[]", "definition=True",
        "multi_comment=['first day of the calendar month']", "multi_pk=['[]']", "multi_fk=['[]']", "multi_indexes=['[]']",
        "multi_unique=['[]']", "multi_checks=['[]']")), lines.toString());
    List<String> reflected = List.of(line(lines, "multi_columns=").substring(14).split(","));
    assertTrue(reflected.containsAll(List.of("finance.channel_roi", "finance.orders")), lines.toString());
    assertTrue(reflected.stream().allMatch(n -> n.startsWith("finance.")), "one schema's relations only: " + reflected);
    assertTrue(line(lines, "multi_table_comment=").startsWith("multi_table_comment=Return on marketing investment"),
        lines.toString());
    assertEquals(List.of("row=o1|2025-01-16|500.000000", "row=o3|2025-02-05|50.000000"),
        lines.stream().filter(l -> l.startsWith("row=")).toList());
    assertEquals("total=752.000000", line(lines, "total="));
  }

  private static String line(List<String> lines, String prefix) {
    return lines.stream().filter(l -> l.startsWith(prefix)).findFirst().orElse("");
  }
}
