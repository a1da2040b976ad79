package org.marketingsql.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.config.Locations;
import org.marketingsql.testing.Fixtures;
import org.marketingsql.testing.IsolatedHome;

/** {@code refresh} publishes the next snapshot or says why it could not; {@code query --wait} answers from a fresh one. */
@org.junit.jupiter.api.extension.ExtendWith(IsolatedHome.class)
class RefreshCommandTest {
  private static final String COUNT = "SELECT COUNT(*) AS n FROM exports.orders";
  @TempDir
  Path temp;
  Path exports;
  PrintStream stdout;
  PrintStream stderr;
  ByteArrayOutputStream out = new ByteArrayOutputStream();
  ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void setUp() {
    exports = Fixtures.copy("finance", temp.resolve("exports"));
    stdout = System.out;
    stderr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void tearDown() {
    System.setOut(stdout);
    System.setErr(stderr);
  }

  private String count(String... options) {
    out.reset();
    String[] args = new String[6 + options.length];
    args[0] = "query";
    args[1] = "--csv";
    args[2] = exports.toString();
    args[3] = "--format";
    args[4] = "csv";
    System.arraycopy(options, 0, args, 5, options.length);
    args[args.length - 1] = COUNT;
    assertEquals(0, Main.run(args), err.toString());
    return out.toString(StandardCharsets.UTF_8);
  }

  private void addOrder(String id) throws Exception {
    Path orders = exports.resolve("orders.csv");
    Files.writeString(orders, Files.readString(orders) + id + ",c9,2025-02-09,1.00,USD,organic,software\n");
    Files.setLastModifiedTime(orders, FileTime.from(Files.getLastModifiedTime(orders).toInstant().plusSeconds(5)));
  }

  /** Where the quick-start store of the export folder keeps its snapshots. */
  private Path storeFolder() {
    return Locations.cacheDir().resolve("csv-" + Locations.shortHash(exports.toAbsolutePath().normalize().toString()))
        .resolve("store");
  }

  @Test
  void refreshPublishesTheNextSnapshotAndQueryWaitAnswersFromAFreshOne() throws Exception {
    assertEquals("n\n5\n", count());
    addOrder("o6");
    assertEquals(0, Main.run("refresh", "--csv", exports.toString()), err.toString());
    assertTrue(err.toString().contains("refreshed " + storeFolder() + ": snapshot 2 is current"), err.toString());
    assertEquals("n\n6\n", count());
    addOrder("o7");
    assertEquals("n\n7\n", count("--wait"));
  }

  @Test
  void aQueryAnswersFromTheLastSnapshotAndLetsTheRefreshItStartedFinish() throws Exception {
    assertEquals("n\n5\n", count());
    addOrder("o6");
    assertEquals("n\n5\n", count());
    assertTrue(err.toString().contains("finishing its refresh"), err.toString());
    assertEquals("n\n6\n", count());
  }

  @Test
  void aFailedRefreshExitsWithOneSaysWhyAndQueriesKeepTheLastSnapshot() throws Exception {
    assertEquals("n\n5\n", count());
    addOrder("o6");
    // Something the refresher cannot remove stands where it builds the next snapshot.
    Path blocker = Files.createDirectories(storeFolder().resolve("work.duckdb").resolve("in-the-way"));
    assertEquals(1, Main.run("refresh", "--csv", exports.toString()));
    assertTrue(err.toString().contains("refresh failed: ") && err.toString().contains(
        "failed, so connections go on reading snapshot 1"), err.toString());
    out.reset();
    assertEquals(0, Main.run("query", "--csv", exports.toString(), "--format", "csv",
        "SELECT source_name, table_name FROM sync.sync_status WHERE last_error LIKE 'refreshing%'"), err.toString());
    assertEquals("source_name,table_name\n(refresh),(snapshot)\n", out.toString(StandardCharsets.UTF_8));
    Files.delete(blocker);
    Files.delete(blocker.getParent());
    assertEquals(0, Main.run("refresh", "--csv", exports.toString()), err.toString());
    assertEquals("n\n6\n", count());
  }

  @Test
  void refreshExplainsItselfInHelp() {
    assertEquals(0, Main.run("refresh", "--help"));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("publish the result as its next snapshot"), out.toString());
  }
}
