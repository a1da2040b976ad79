package org.marketingsql.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.store.StoreFolder;
import org.marketingsql.testing.ChildJava;
import org.marketingsql.testing.Fixtures;
import org.marketingsql.testing.Sql;

/**
 * Processes on one store: readers in other processes open and query while a refresher writes the next
 * snapshot, and of several refreshers one does the work while the others leave it to it or wait for it.
 */
class SnapshotProcessesTest {
  @TempDir
  Path temp;
  Path folder;
  String store;
  String model;
  StoreFolder snapshots;
  final List<Process> children = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    folder = Fixtures.copy("finance", temp.resolve("exports"));
    store = "jdbc:duckdb:" + temp.resolve("store.duckdb");
    model = Fixtures.model(folder, temp.resolve("store.duckdb"), "");
    snapshots = StoreFolder.of(store).orElseThrow();
    Sql.calcite(model).query("SELECT COUNT(*) AS n FROM exports.orders").returns("n=5");
    Path orders = folder.resolve("orders.csv");
    Files.writeString(orders, Files.readString(orders) + "o6,c9,2025-02-09,1.00,USD,organic,software\n");
    Files.setLastModifiedTime(orders, FileTime.from(Files.getLastModifiedTime(orders).toInstant().plusSeconds(5)));
  }

  @AfterEach
  void tearDown() throws Exception {
    for (Process child : children) {
      child.destroyForcibly();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    assertTrue(Refresher.awaitAll(Duration.ofSeconds(60)));
  }

  @Test
  void aReaderInAnotherProcessOpensAndQueriesWhileARefresherHoldsTheLockAndWrites() throws Exception {
    Process refresher = start("refresh", store, folder.toString(), "facts", "60000", "wait");
    BufferedReader phases = lines(refresher);
    for (String line; !(line = phases.readLine()).equals("facts"); ) {
      assertTrue(line != null && !line.startsWith("outcome"), "the refresher stopped: " + line);
    }
    // The refresher holds the lock and has loaded the changed export into its working copy.
    String holder = snapshots.lock().holder();
    assertTrue(holder.startsWith("pid " + refresher.pid() + " on "), holder);
    assertTrue(Files.exists(snapshots.workFile()));

    Process reader = start("read", store, folder.toString());
    List<String> read = new ArrayList<>();
    BufferedReader out = lines(reader);
    for (String line; (line = out.readLine()) != null; ) {
      read.add(line);
    }
    assertTrue(reader.waitFor(60, TimeUnit.SECONDS), "the reader did not end");
    assertEquals("orders 5", read.get(1), "the reader answered from the last snapshot: " + read);
    assertEquals("end", read.get(2));

    long started = System.nanoTime();
    try (Connection connection = Sql.calcite(model).connect()) {
      long millis = (System.nanoTime() - started) / 1_000_000;
      Files.writeString(Path.of("target", "snapshot-open-other-process-millis.txt"), "in this process, while another"
          + " process refreshes: " + millis + " ms; a cold second JVM: " + read.get(0) + " ms\n");
      assertTrue(millis < 2000, "opening took " + millis + " ms while another process refreshed");
    }
    Sql.calcite(model).query("SELECT COUNT(*) AS n FROM exports.orders").returns("n=5");
    assertEquals(1, snapshots.current().orElseThrow().number(), "the refresher has not published yet");
  }

  @Test
  void ofThreeRefreshersInThreeProcessesOneDoesTheWorkOneLeavesItAndOneWaitsForIt() throws Exception {
    Process first = start("refresh", store, folder.toString(), "load", "4000", "wait");
    BufferedReader firstOut = lines(first);
    assertEquals("load", firstOut.readLine(), "the first refresher took the lock and began");
    Process leaving = start("refresh", store, folder.toString(), "none", "0", "leave");
    Process waiting = start("refresh", store, folder.toString(), "none", "0", "wait");

    assertEquals("outcome LEFT_TO_OTHER_PROCESS 1", last(lines(leaving)));
    assertEquals("outcome PUBLISHED 2", last(firstOut));
    assertEquals("outcome UP_TO_DATE 2", last(lines(waiting)), "it waited, then found the work done");
    assertEquals(2, snapshots.current().orElseThrow().number());
    Sql.calcite(model).query("SELECT COUNT(*) AS n FROM exports.orders").returns("n=6");
  }

  private Process start(String... args) throws IOException {
    List<String> command = new ArrayList<>(ChildJava.command(
        "-Djava.io.tmpdir=" + temp, "-cp", System.getProperty("java.class.path"), RefreshChild.class.getName()));
    command.addAll(List.of(args));
    Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    children.add(child);
    return child;
  }

  private static BufferedReader lines(Process child) {
    return new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
  }

  private static String last(BufferedReader out) throws IOException {
    String last = "(nothing)";
    for (String line; (line = out.readLine()) != null; ) {
      last = line;
    }
    return last;
  }
}
