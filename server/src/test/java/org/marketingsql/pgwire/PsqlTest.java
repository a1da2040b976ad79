package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.Fixtures;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.users.ScramVerifier;
import org.marketingsql.users.User;
import org.marketingsql.users.UsersFile;

/** The server as libpq's psql sees it; skipped where psql is not installed (apt-get install postgresql-client). */
@ExtendWith(IsolatedHome.class)
class PsqlTest {
  @TempDir
  Path temp;
  PgServer server;

  @BeforeEach
  void start() throws Exception {
    assumeTrue(psql() != null, "psql is not installed");
    Path users = temp.resolve("users");
    new UsersFile(users).add(new User("alice", ScramVerifier.create("s3cret".toCharArray(), new SecureRandom()), List.of("*")));
    String jdbcUrl = "jdbc:marketing:csv=" + Fixtures.copy("finance", temp.resolve("exports"));
    server = PgServer.start(new PgServerSettings(jdbcUrl, "127.0.0.1", 0, users, 50));
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  static Path psql() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(java.io.File.pathSeparator)) {
      Path p = Path.of(dir, "psql");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  record Run(int exit, String out, String err) {
  }

  Run psql(String password, String sql) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(psql().toString(), "-h", "127.0.0.1", "-p", String.valueOf(server.port()),
        "-U", "alice", "-d", "marketing", "-X", "-A", "-t", "-F", "|", "-c", sql);
    pb.environment().put("PGPASSWORD", password);
    pb.environment().put("PGSSLMODE", "prefer"); // exercises the SSLRequest that is answered 'N'
    pb.environment().put("PGCONNECT_TIMEOUT", "10");
    Path stdout = temp.resolve("out.txt");
    Path stderr = temp.resolve("err.txt");
    pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process p = pb.start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "psql did not finish");
    return new Run(p.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8).strip(),
        Files.readString(stderr, StandardCharsets.UTF_8).strip());
  }

  @Test
  void psqlLogsInWithScramAndReadsAFinanceView() throws Exception {
    Run run = psql("s3cret", "select order_id, order_date, amount_rc from finance.orders where order_id = 'o1'");
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().matches("o1\\|2025-01-16\\|500\\.0+"), run.out());
  }

  @Test
  void psqlRunsEveryStatementOfOneCommand() throws Exception {
    Run run = psql("s3cret", "set search_path = finance; select 1 as a; select 'two' as b");
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().endsWith("two"), run.out());
  }

  @Test
  void psqlWithAWrongPasswordIsToldSo() throws Exception {
    Run run = psql("wrong", "select 1");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("password authentication failed"), run.err());
  }

  @Test
  void psqlIsRefusedAWrite() throws Exception {
    Run run = psql("s3cret", "drop table exports.orders");
    assertEquals(1, run.exit());
    assertTrue(run.err().contains("read-only"), run.err());
  }
}
