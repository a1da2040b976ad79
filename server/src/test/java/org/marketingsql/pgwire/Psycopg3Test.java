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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.StoreFixture;

/**
 * psycopg 3, on its own and under SQLAlchemy 2.0's {@code postgresql+psycopg} dialect, logged in as fin, who reads
 * finance only: the inspector's calls (after the dialect's type look-up through {@code to_regtype}), a server-side
 * cursor, binary transfer, prepared statements, a refused COPY and psycopg's TypeInfo.fetch, and Superset's table
 * preview (reflected columns, {@code LIMIT $1::INTEGER}) and schema option. The client is in a
 * virtual environment ({@link PythonVenv}); skipped where none can be had.
 */
class Psycopg3Test {
  @TempDir
  static Path temp;
  @RegisterExtension
  static final StoreFixture fixture = StoreFixture.withExports("finance");
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.forClass(fixture.csvUrl(), temp, TestServer.FIN);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void psycopg3AndSqlalchemysInspectorOverItReadWhatFinMayReadAndNothingElse() throws Exception {
    List<String> lines = run();
    assertTrue(line(lines, "version").startsWith("3."), lines.toString());
    assertEquals("finance,information_schema", line(lines, "schemas"));
    assertEquals("", line(lines, "tables"), "finance has views only");
    List<String> views = List.of(line(lines, "views").split(","));
    assertTrue(views.containsAll(List.of("channel_roi", "orders")), views.toString());
    assertEquals(views.stream().map(v -> "finance." + v).sorted().toList(), List.of(line(lines, "multi_columns").split(",")));
    assertEquals("month_start|DATE|True|first day of the calendar month", line(lines, "column"));
    for (String none : List.of("multi_pk", "multi_fk", "multi_indexes", "multi_unique", "multi_checks")) {
      assertEquals("['[]']", line(lines, none), none);
    }
    assertTrue(line(lines, "multi_table_comment").startsWith("Return on marketing investment"), lines.toString());
    assertEquals("True", line(lines, "definition"));
    assertEquals("[]", line(lines, "other_schema_views"), "the exports are not fin's");
    assertEquals("[]", line(lines, "foreign_tables"));
    assertTrue(line(lines, "select_star").matches("marketing\\|[0-9]+ columns\\|[0-9]+ rows"), lines.toString());
    assertEquals("finance|True", line(lines, "search_path_option"));
    assertTrue(line(lines, "streamed").matches("[0-9]+ rows, first o1\\|2025-01-16\\|500\\.000000"), lines.toString());
    assertEquals("o1|2025-01-16|500.000000,o3|2025-02-05|50.000000", line(lines, "binary"));
    assertTrue(line(lines, "prepared").matches("2,2,[0-9]+"), lines.toString());
    assertTrue(line(lines, "bound_limits").matches("o1,o2\\|[3-9][0-9]*"), lines.toString());
    assertTrue(line(lines, "named_cursor").startsWith("o1,"), lines.toString());
    assertEquals("25006|cannot execute COPY in a read-only transaction: Marketing SQL serves reads only|1", line(lines, "copy"));
    assertEquals("numeric:1700/1231,date:1082/1182,text:25/1009,int8:20/1016,timestamptz:1184/1185,_text:1009/0,"
        + "no_such_type:None", line(lines, "type_info"));
  }

  private List<String> run() throws Exception {
    Path python = PythonVenv.python();
    require(python != null, PythonVenv.missing());
    Path script = temp.resolve("psycopg3_client.py");
    try (InputStream in = getClass().getResourceAsStream("/clients/psycopg3_client.py")) {
      Files.copy(in, script);
    }
    ProcessBuilder pb = new ProcessBuilder(python.toString(), script.toString(), TestServer.FIN.user(),
        String.valueOf(server.port()));
    pb.environment().put("PGPASSWORD", TestServer.FIN.password());
    Path out = temp.resolve("out");
    Path err = temp.resolve("err");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process p = pb.start();
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), "the psycopg 3 client did not finish");
    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), Files.readString(err, StandardCharsets.UTF_8) + lines);
    List<String> failed = lines.stream().filter(l -> l.matches("[a-z_]+!.*")).toList();
    assertEquals(List.of(), failed, Files.readString(err, StandardCharsets.UTF_8));
    return lines;
  }

  /** The answer of the check {@code name}. */
  private static String line(List<String> lines, String name) {
    return lines.stream().filter(l -> l.startsWith(name + "=")).map(l -> l.substring(name.length() + 1)).findFirst()
        .orElse("(no line " + name + ")");
  }
}
