package org.marketingsql.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.marketingsql.testing.ChildJava;
import org.marketingsql.testing.NetworkNamespace;
import org.marketingsql.testing.PostgresCluster;

/**
 * The TCP settings of the refresh lease's session ({@code tcp_keepalives_*}, {@code tcp_user_timeout}) at work:
 * the leading node runs in a network namespace of its own, as a second machine on a cable, and the cable is cut,
 * so that the server's packets to it are lost without a word. The server then ends the lease session by TCP,
 * sooner than the lease's {@code idle_session_timeout} would, and its log says so. {@link RefreshLeaseFailureTest}
 * covers the same loss where TCP still answers (the heartbeats stop, {@code idle_session_timeout} ends it). The
 * leading node is configured with a silence of 15 s ({@value RefreshLease#SILENCE_PROPERTY}) rather than the
 * default 30 s, which scales its TCP settings alike, so the test waits about 13 s for TCP rather than 25 s.
 */
class RefreshLeaseTcpTest {
  private static final String DATABASE = "lease_tcp";
  private static final Duration SILENCE = Duration.ofSeconds(15);

  @Test
  void theServerEndsTheLeaseSessionOfANodeWhoseCableIsCutByTcpBeforeTheSessionsIdleTimeout() throws Exception {
    try (NetworkNamespace machine = NetworkNamespace.create();
        PostgresCluster postgres = PostgresCluster.trust().alsoListeningOn(machine.hostAddress(),
            machine.innerAddress() + "/32")) {
      postgres.start();
      try (Connection c = postgres.connection(); Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + DATABASE);
      }
      try (Store otherNode = Store.open(postgres.url(DATABASE) + "?user=" + postgres.user())) {
        Process vanishing = new ProcessBuilder(machine.command(ChildJava.command(
            "-D" + RefreshLease.SILENCE_PROPERTY + "=" + SILENCE.toSeconds(), "-cp",
            System.getProperty("java.class.path"), LeaseHolder.class.getName(),
            "jdbc:postgresql://" + machine.hostAddress() + ":" + postgres.port() + "/" + DATABASE + "?user="
                + postgres.user())))
            .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
          BufferedReader out = new BufferedReader(new InputStreamReader(vanishing.getInputStream(), StandardCharsets.UTF_8));
          assertEquals("leading", CompletableFuture.supplyAsync(() -> {
            try {
              return out.readLine();
            } catch (java.io.IOException e) {
              throw new IllegalStateException(e);
            }
          }).get(120, TimeUnit.SECONDS), "the node in the namespace did not take the lease");
          int session = leaseSession(postgres, machine.innerAddress());
          assertTrue(otherNode.tryLeadRefresh().isEmpty(), "two nodes lead at once");

          long cut = System.nanoTime();
          machine.cutCable();
          RefreshLease taken = leadWithin(otherNode, Duration.ofSeconds(90)).orElseThrow(
              () -> new AssertionError("no other node could lead within 90 s of the cable's cut"));
          long tookOver = (System.nanoTime() - cut) / 1_000_000;
          taken.close();
          System.out.printf("cable cut: lease taken over after %d ms%n", tookOver);

          String log = Files.readString(postgres.folder().resolve("server.log"), StandardCharsets.UTF_8);
          String mine = String.join("\n", log.lines().filter(l -> l.contains("[" + session + "]")).toList());
          assertTrue(mine.contains("could not receive data from client: Connection timed out"),
              "TCP did not end the lease session " + session + "; its lines of the server log:\n" + mine);
          assertFalse(mine.contains("idle-session timeout"), "the idle timeout ended it, not TCP:\n" + mine);
          assertTrue(tookOver < SILENCE.toMillis(), "taken over after " + tookOver + " ms");
        } finally {
          vanishing.destroyForcibly();
          vanishing.waitFor(30, TimeUnit.SECONDS);
        }
      }
    }
  }

  /** The server process of the lease session, which comes from {@code address}. */
  private static int leaseSession(PostgresCluster postgres, String address) throws Exception {
    try (Connection c = postgres.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
        "SELECT pid, host(client_addr) FROM pg_stat_activity WHERE application_name LIKE 'marketing-sql refresher %'")) {
      assertTrue(rs.next(), "no lease session");
      assertEquals(address, rs.getString(2), "the lease session does not come through the namespace's link");
      int pid = rs.getInt(1);
      assertFalse(rs.next(), "two lease sessions");
      return pid;
    }
  }

  private static Optional<RefreshLease> leadWithin(Store store, Duration wait) throws InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    Optional<RefreshLease> lease = store.tryLeadRefresh();
    while (lease.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
      lease = store.tryLeadRefresh();
    }
    return lease;
  }
}
