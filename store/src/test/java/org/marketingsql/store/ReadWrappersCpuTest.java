package org.marketingsql.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.config.StoreLogin;
import org.marketingsql.testing.PostgresCluster;

/**
 * The measurement behind docs/performance.md's figure for what the wrappers around a pooled read session cost: the
 * CPU of one thread per read (borrow, one statement, its rows, hand-back) on a PostgreSQL store, with the pool's
 * session as HikariCP hands it out, with it borrowed through the read queue and {@link PostgresEngine}'s reflective
 * proxy, and with {@link TrackedConnection}'s proxies around that too (the path of a straight read), in alternating
 * blocks. Off unless {@code -Dmarketingsql.bench.readWrappers=ROUNDS} (say 12) is given; prints what it measured.
 */
class ReadWrappersCpuTest {
  @RegisterExtension
  static final PostgresCluster postgres = PostgresCluster.trust();
  private static final int BLOCK = 2_000;
  private static final String SQL = "SELECT g, g * 2 AS twice, 'row ' || g AS label FROM generate_series(1, 5) g";

  /** One way of borrowing a read session. */
  private interface Way {
    Connection open() throws SQLException;
  }

  @Test
  void theCpuPerReadIsPrintedWithAndWithoutTheWrappers() throws Exception {
    String rounds = System.getProperty("marketingsql.bench.readWrappers");
    assumeTrue(rounds != null, "runs only with -Dmarketingsql.bench.readWrappers=ROUNDS");
    PostgresEngine engine = new PostgresEngine(postgres.url(), new StoreLogin(postgres.user(), null),
        new ReadPoolSize(2, Duration.ofSeconds(20)));
    try {
      HikariDataSource pool = engine.readPool();
      Way[] ways = {pool::getConnection, () -> engine.openRead(SQL), () -> {
        Connection session = engine.openRead(SQL);
        return TrackedConnection.wrap(session, () -> {
          try {
            session.close();
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
      }};
      String[] names = {"Hikari's session", "queue + engine proxy", "+ TrackedConnection"};
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      for (int warm = 0; warm < 5; warm++) {
        for (Way way : ways) {
          block(way);
        }
      }
      List<List<Double>> micros = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
      for (int round = 0; round < Integer.parseInt(rounds); round++) {
        for (int i = 0; i < ways.length; i++) {
          int w = (round + i) % ways.length;
          long cpu = threads.getCurrentThreadCpuTime();
          block(ways[w]);
          micros.get(w).add((threads.getCurrentThreadCpuTime() - cpu) / 1e3 / BLOCK);
        }
      }
      for (int w = 0; w < ways.length; w++) {
        double[] sorted = micros.get(w).stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "%-22s median %.1f µs of the thread's CPU per read, blocks %s%n", names[w],
            sorted[sorted.length / 2], Arrays.toString(micros.get(w).stream().mapToLong(Math::round).toArray()));
      }
    } finally {
      engine.close();
    }
  }

  private static void block(Way way) throws SQLException {
    for (int n = 0; n < BLOCK; n++) {
      try (Connection session = way.open(); Statement s = session.createStatement(); ResultSet rs = s.executeQuery(SQL)) {
        int rows = 0;
        while (rs.next()) {
          rs.getInt(1);
          rs.getLong(2);
          rs.getString(3);
          rows++;
        }
        assertEquals(5, rows);
      }
    }
  }
}
