package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.marketingsql.testing.Tools.require;

import java.io.File;
import java.io.InputStream;
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
 * ({@link PythonClientsTest}), so 2.0 lives in a virtual environment ({@link PythonVenv}); skipped where none
 * can be had.
 */
@ExtendWith(IsolatedHome.class)
class SqlAlchemy2Test {
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

  @Test
  void theInspectorOfSqlalchemy2ListsSchemasViewsColumnsAndCommentsAndQueries() throws Exception {
    Path python = PythonVenv.python();
    require(python != null, PythonVenv.missing());
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
