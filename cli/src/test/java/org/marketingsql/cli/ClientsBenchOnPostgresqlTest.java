package org.marketingsql.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.testing.PostgresCluster;

/**
 * The long run of {@code bench --clients} on a PostgreSQL store, for docs/performance.md: off unless
 * {@code -Dmarketingsql.bench.clients=1,8,32} is given (with {@code -Dmarketingsql.bench.seconds=10} and
 * {@code -Dmarketingsql.bench.out=FILE} for where the figures go, stdout by default), on a throw-away
 * PostgreSQL server of its own.
 */
@org.junit.jupiter.api.extension.ExtendWith(org.marketingsql.testing.IsolatedHome.class)
class ClientsBenchOnPostgresqlTest {
  @RegisterExtension
  static final PostgresCluster postgres = PostgresCluster.trust();

  @Test
  void theBenchOnAPostgresqlStoreRunsAtTheClientCountsAskedForWithoutAFailedStatement() throws Exception {
    String clients = System.getProperty("marketingsql.bench.clients");
    assumeTrue(clients != null, "the long bench runs only with -Dmarketingsql.bench.clients=1,8,32");
    String seconds = System.getProperty("marketingsql.bench.seconds", "10");
    // pgJDBC parameters for the store's URL, to compare settings: "?preferQueryMode=extended", say
    String parameters = System.getProperty("marketingsql.bench.storeParameters", "");
    try (Connection c = postgres.connection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE bench_long");
    }
    String file = System.getProperty("marketingsql.bench.out");
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    OutputStream sink = file == null ? System.out : Files.newOutputStream(Path.of(file));
    PrintStream stdout = System.out;
    int code;
    try (PrintStream both = new PrintStream(new OutputStream() {
      @Override
      public void write(int b) throws java.io.IOException {
        printed.write(b);
        sink.write(b);
        if (b == '\n') {
          sink.flush();
        }
      }
    }, true, StandardCharsets.UTF_8)) {
      System.setOut(both);
      code = Main.run("bench", "--clients", clients, "--seconds", seconds, "--store",
          postgres.url("bench_long") + parameters, "--user", postgres.user());
    } finally {
      System.setOut(stdout);
      if (file != null) {
        sink.close();
      }
    }
    assertEquals(0, code, printed.toString(StandardCharsets.UTF_8));
  }
}
