package org.marketingsql.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.config.Locations;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.StoreFixture;

/** {@code refresh} publishes the next snapshot or says why it could not; {@code query --wait} answers from a fresh one. */
@ExtendWith(IsolatedHome.class)
class RefreshCommandTest {
  private static final String COUNT = "SELECT COUNT(*) AS n FROM exports.orders";
  @RegisterExtension
  final StoreFixture fixture = StoreFixture.withExports("finance");
  @RegisterExtension
  final CommandRunner cli = new CommandRunner();
  Path exports;

  @BeforeEach
  void setUp() {
    exports = fixture.exports();
  }

  private String count(String... options) {
    cli.resetOut();
    String[] args = new String[6 + options.length];
    args[0] = "query";
    args[1] = "--csv";
    args[2] = exports.toString();
    args[3] = "--format";
    args[4] = "csv";
    System.arraycopy(options, 0, args, 5, options.length);
    args[args.length - 1] = COUNT;
    assertEquals(0, cli.run(args), cli.err());
    return cli.out();
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
    assertEquals(0, cli.run("refresh", "--csv", exports.toString()), cli.err());
    assertTrue(cli.err().contains("refreshed " + storeFolder() + ": snapshot 2 is current"), cli.err());
    assertEquals("n\n6\n", count());
    addOrder("o7");
    assertEquals("n\n7\n", count("--wait"));
  }

  @Test
  void aQueryAnswersFromTheLastSnapshotAndLetsTheRefreshItStartedFinish() throws Exception {
    assertEquals("n\n5\n", count());
    addOrder("o6");
    assertEquals("n\n5\n", count());
    assertTrue(cli.err().contains("finishing its refresh"), cli.err());
    assertEquals("n\n6\n", count());
  }

  @Test
  void aFailedRefreshExitsWithOneSaysWhyAndQueriesKeepTheLastSnapshot() throws Exception {
    assertEquals("n\n5\n", count());
    addOrder("o6");
    // Something the refresher cannot remove stands where it builds the next snapshot.
    Path blocker = Files.createDirectories(storeFolder().resolve("work.duckdb").resolve("in-the-way"));
    assertEquals(1, cli.run("refresh", "--csv", exports.toString()));
    assertTrue(cli.err().contains("refresh failed: ") && cli.err().contains(
        "failed, so connections go on reading snapshot 1"), cli.err());
    cli.resetOut();
    assertEquals(0, cli.run("query", "--csv", exports.toString(), "--format", "csv",
        "SELECT source_name, table_name FROM sync.sync_status WHERE last_error LIKE 'refreshing%'"), cli.err());
    assertEquals("source_name,table_name\n(refresh),(snapshot)\n", cli.out());
    Files.delete(blocker);
    Files.delete(blocker.getParent());
    assertEquals(0, cli.run("refresh", "--csv", exports.toString()), cli.err());
    assertEquals("n\n6\n", count());
  }

  @Test
  void refreshExplainsItselfInHelp() {
    assertEquals(0, cli.run("refresh", "--help"));
    assertTrue(cli.out().contains("publish the result as its next snapshot"), cli.out());
  }
}
