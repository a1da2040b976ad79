package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.calcite.runtime.Hook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.IsolatedHome;

/** A cancelled or timed-out statement stops the store's work too, and says so with SQLSTATE 57014. */
@ExtendWith(IsolatedHome.class)
class CancellationTest {
  /** 20,000 orders crossed with themselves: minutes of work, far beyond what the tests wait. */
  private static final String HEAVY =
      "SELECT COUNT(DISTINCT a.order_id || b.order_id) FROM finance.orders a, finance.orders b";

  @TempDir
  Path temp;
  String url;

  @BeforeEach
  void setUp() throws Exception {
    Path folder = Files.createDirectories(temp.resolve("exports"));
    try (BufferedWriter out = Files.newBufferedWriter(folder.resolve("orders.csv"))) {
      out.write("order_id,customer_id,order_date,amount,currency\n");
      for (int i = 0; i < 20_000; i++) {
        out.write("o" + i + ",c" + (i % 5000) + ",2025-01-0" + (1 + i % 9) + ",10.00,USD\n");
      }
    }
    url = "jdbc:marketing:csv=" + folder;
  }

  @Test
  void cancellingAStatementStopsTheStoresQuery() throws Exception {
    ScheduledExecutorService canceller = Executors.newSingleThreadScheduledExecutor();
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      canceller.schedule(() -> {
        s.cancel();
        return null;
      }, 1, TimeUnit.SECONDS);
      long started = System.nanoTime();
      SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(HEAVY));
      assertEquals("57014", e.getSQLState());
      assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(30), "the query stopped soon after cancel");
    } finally {
      canceller.shutdownNow();
    }
  }

  @Test
  void aCancelWhileTheStatementIsStillPlannedStopsItBeforeTheStoreRunsIt() throws Exception {
    AtomicReference<Thread> cancelling = new AtomicReference<>();
    ExecutorService canceller = Executors.newSingleThreadExecutor(task -> {
      Thread thread = new Thread(task, "canceller");
      cancelling.set(thread);
      return thread;
    });
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      CountDownLatch planning = new CountDownLatch(1);
      Future<?> cancel = canceller.submit(() -> {
        planning.await();
        s.cancel();
        return null;
      });
      SQLException e = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
        // Planning waits until the cancel has been asked for: the store query has not started yet.
        // Calcite's own cancel waits for the execution to end, so "asked for" is the canceller inside it.
        try (Hook.Closeable hold = Hook.CONVERTED.addThread((Consumer<Object>) converted -> {
          planning.countDown();
          while (!cancel.isDone() && !insideCalcitesCancel(cancelling.get())) {
            Thread.onSpinWait();
          }
        })) {
          return assertThrows(SQLException.class, () -> s.executeQuery(HEAVY));
        }
      }, "a query cancelled while planned ran its store query anyway");
      assertEquals("57014", e.getSQLState());
      cancel.get(10, TimeUnit.SECONDS);
      // The connection serves the next statement as usual.
      try (Statement next = c.createStatement(); ResultSet rs = next.executeQuery("SELECT COUNT(*) FROM finance.orders")) {
        assertTrue(rs.next());
        assertEquals(20_000, rs.getLong(1));
      }
    } finally {
      canceller.shutdownNow();
    }
  }

  private static boolean insideCalcitesCancel(Thread thread) {
    if (thread == null) {
      return false;
    }
    for (StackTraceElement frame : thread.getStackTrace()) {
      if (frame.getClassName().startsWith("org.apache.calcite.avatica.") && frame.getMethodName().equals("cancel")) {
        return true;
      }
    }
    return false;
  }

  @Test
  void aQueryTimeoutStopsTheStoresQuery() throws Exception {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      s.setQueryTimeout(1);
      long started = System.nanoTime();
      SQLException e = assertThrows(SQLException.class, () -> s.executeQuery(HEAVY));
      StringBuilder chain = new StringBuilder();
      for (Throwable t = e; t != null; t = t.getCause()) {
        chain.append(t.getClass().getName()).append(": ").append(String.valueOf(t.getMessage()).lines().findFirst()
            .orElse("")).append('\n');
      }
      assertEquals("57014", e.getSQLState(), chain.toString());
      assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(30), "the query stopped at its timeout");
    }
  }
}
