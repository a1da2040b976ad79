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
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as Node.js applications see it, through node-postgres ({@code pg}) and postgres.js
 * ({@code postgres}) from npm, installed once into {@code target/node-clients} with Debian's node and npm
 * (apt-get install nodejs npm); skipped where they are missing, or where npm cannot install the clients.
 */
class NodeClientsTest {
  private static final Path NODE = Path.of("/usr/bin/node");
  private static final Path NPM = Path.of("/usr/bin/npm");
  /** Under the module's target folder, so {@code mvn clean} removes it and a second run reuses it. */
  private static final Path CLIENTS = Path.of("target", "node-clients").toAbsolutePath();
  @RegisterExtension
  static final ClassServer server = ClassServer.finance(TestServer.ALICE);
  @TempDir
  Path temp;

  record Run(int exit, List<String> out, String err) {
  }

  /** Whether node and the two clients are there, installing the clients once with npm. */
  private static synchronized boolean clientsInstalled() throws IOException, InterruptedException {
    if (!Files.isExecutable(NODE) || !Files.isExecutable(NPM)) {
      return false;
    }
    if (Files.isDirectory(CLIENTS.resolve("node_modules/pg")) && Files.isDirectory(CLIENTS.resolve("node_modules/postgres"))) {
      return true;
    }
    Files.createDirectories(CLIENTS);
    Process p = new ProcessBuilder(NPM.toString(), "install", "--no-audit", "--no-fund", "--prefix", CLIENTS.toString(),
        "pg", "postgres").redirectErrorStream(true).redirectOutput(CLIENTS.resolve("npm-install.log").toFile()).start();
    return p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  private Run run(String scenario) throws IOException, InterruptedException {
    require(clientsInstalled(), "node and npm are not installed (apt-get install nodejs npm), or npm could not install"
        + " pg and postgres into " + CLIENTS);
    Path script = CLIENTS.resolve("node_clients.js");
    try (InputStream in = getClass().getResourceAsStream("/clients/node_clients.js")) {
      Files.copy(in, script, StandardCopyOption.REPLACE_EXISTING);
    }
    Path out = temp.resolve(scenario + ".out");
    Path err = temp.resolve(scenario + ".err");
    ProcessBuilder pb = new ProcessBuilder(NODE.toString(), script.toString(), scenario, String.valueOf(server.port()));
    pb.environment().put("PGPASSWORD", TestServer.PASSWORD);
    pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process p = pb.start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), scenario + " did not finish");
    return new Run(p.exitValue(), Files.readAllLines(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
  }

  private static List<String> lines(Run run, String prefix) {
    return run.out().stream().filter(l -> l.startsWith(prefix)).toList();
  }

  @Test
  void nodePostgresLogsInWithScramQueriesWithTypedParametersAndReusesAPreparedStatement() throws Exception {
    Run run = run("pg");
    assertEquals(0, run.exit(), run.err() + run.out());
    assertEquals(List.of("simple=o1|500.000000", "simple=o2|110.000000"), lines(run, "simple="));
    assertEquals(List.of("typed=o4|2025-02-07"), lines(run, "typed="), "after 02-01, more than 60.00, the null ignored");
    assertTrue(lines(run, "tables=").get(0).contains("channel_roi") && lines(run, "tables=").get(0).contains("orders"),
        run.out().toString());
    assertEquals(List.of("prepared=o3|50.000000", "prepared=o5|12.000000"), lines(run, "prepared="));
    assertEquals(List.of("series=1,2,3"), lines(run, "series="));
    assertEquals(List.of("days=3"), lines(run, "days="));
    assertEquals(List.of("error=42P01"), lines(run, "error="));
    assertEquals(List.of("after_error=1"), lines(run, "after_error="), "the session goes on after an error");
  }

  @Test
  void postgresJsRunsTaggedQueriesOverTheExtendedProtocolAfterFetchingTypes() throws Exception {
    Run run = run("postgres");
    assertEquals(0, run.exit(), run.err() + run.out());
    assertEquals(List.of("tagged=o1|500.000000"), lines(run, "tagged="));
    assertEquals(List.of("count=100|2", "count=60|3"), lines(run, "count="), "one statement, run with two values");
    assertEquals(List.of("null=true"), lines(run, "null="));
    assertEquals(List.of("series=1,2,3"), lines(run, "series="));
    assertEquals(List.of("string_agg=o1,o2,o3,o4,o5"), lines(run, "string_agg="));
    assertEquals(List.of("error=42883"), lines(run, "error="), "as PostgreSQL: function make_date(date, integer, integer) does not exist");
  }
}
