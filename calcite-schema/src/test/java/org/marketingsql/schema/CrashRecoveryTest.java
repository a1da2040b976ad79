package org.marketingsql.schema;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.marketingsql.store.StoreFolder;
import org.marketingsql.testing.ApiStubs;
import org.marketingsql.testing.ChildJava;
import org.marketingsql.testing.Fixtures;

/**
 * A refresh killed with {@code kill -9} at a random point of any phase (copying and loading the changed
 * exports, syncing an API source, rebuilding the facts, refitting the LTV models, publishing) publishes
 * nothing half-done: the next refresh's finance views equal those of a store loaded from scratch, to the
 * cent. Each run kills a second JVM, then reads the views in the test's own;
 * {@code -Dmarketingsql.crash.seeds=200} tries 200 random points per phase instead of the default one.
 */
class CrashRecoveryTest {
  private static final int SEEDS = Integer.getInteger("marketingsql.crash.seeds", 1);
  @TempDir
  static Path temp;
  private static WireMockServer stripe;
  private static String stripeKey;
  private static List<String> fromScratch;
  /** A home whose store holds the first snapshot of the old exports: each kill starts from a copy of it. */
  private static Path first;

  /** Where the child is killed: the phase it must have begun, and the longest delay after that. */
  enum Phase {
    LOAD("load", 400),
    SYNC("sync", 900),
    FACTS("facts", 600),
    LTV("ltv", 300),
    PUBLISH("publish", 30);

    final String line;
    final int maxDelayMillis;

    Phase(String line, int maxDelayMillis) {
      this.line = line;
      this.maxDelayMillis = maxDelayMillis;
    }
  }

  static Stream<Arguments> kills() {
    return Stream.of(Phase.values()).flatMap(p -> IntStream.range(0, SEEDS).mapToObj(seed -> Arguments.of(p, seed)));
  }

  @BeforeAll
  static void loadTheChangedFolderFromScratch() throws Exception {
    stripe = new WireMockServer(options().dynamicPort());
    stripe.start();
    ApiStubs.stripe(stripe);
    stripe.setGlobalFixedDelay(100); // a sync long enough to be killed in
    stripeKey = ApiStubs.secretFile(temp, "stripe.key", ApiStubs.STRIPE_KEY);
    Path folder = temp.resolve("scratch").resolve("exports");
    writeOld(folder);
    writeNew(folder);
    fromScratch = views(store(temp.resolve("scratch")), folder);
    assertTrue(fromScratch.stream().anyMatch(r -> r.startsWith("finance.ad_spend_daily: ") && r.contains("123.450000")),
        "the changed numbers are in the views: " + fromScratch);
    assertTrue(fromScratch.stream().anyMatch(r -> r.contains("touchpoints: ") && r.contains("channel=email")),
        "the new touchpoint is in the facts: " + fromScratch);
    assertTrue(fromScratch.stream().anyMatch(r -> r.startsWith("finance.orders: ") && r.contains("source_name=stripe")),
        "the synced orders are in the views: " + fromScratch);

    first = temp.resolve("first");
    writeOld(first.resolve("exports"));
    assertEquals("outcome PUBLISHED 1", last(run(start(first, "refresh", store(first),
        first.resolve("exports").toString(), "none", "0", "wait"))), "the first snapshot");
  }

  @AfterAll
  static void stopStripe() {
    stripe.stop();
  }

  @ParameterizedTest(name = "{0}, seed {1}")
  @MethodSource("kills")
  void aRefreshKilledAtAnyPointIsRepairedByTheNext(Phase phase, int seed) throws Exception {
    Path home = temp.resolve(phase + "-" + seed);
    Path folder = home.resolve("exports");
    copyTree(first, home);
    String store = store(home);
    assertEquals(1, StoreFolder.of(store).orElseThrow().current().orElseThrow().number(), "the first snapshot");
    writeNew(folder);

    long delay = new Random(seed * 31L + phase.ordinal()).nextInt(phase.maxDelayMillis + 1);
    Process child = start(home, "refresh", store, folder.toString(), "none", "0", "wait");
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null && !line.equals(phase.line); ) {
        // waiting for the phase to begin
      }
      Thread.sleep(delay);
      child.destroyForcibly(); // SIGKILL: no shutdown hooks, no rollback
      assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child did not die");
    }
    // a killed JVM leaves its temporary files, among them the 70 MB copy of DuckDB's native library
    try (Stream<Path> left = Files.list(tmp(home))) {
      for (Path file : left.filter(Files::isRegularFile).toList()) {
        Files.delete(file);
      }
    }
    StoreFolder snapshots = StoreFolder.of(store).orElseThrow();
    long generation = snapshots.current().orElseThrow().number();
    assertTrue(generation == 1 || generation == 2, "a killed refresh published at most its one snapshot: " + generation);
    assertEquals(String.join("\n", fromScratch), String.join("\n", views(store, folder)),
        "after a kill " + delay + " ms into " + phase);
  }

  /** Copies a home, its files' modification times included, leaving out what its child left in its temporary folder. */
  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path relative = from.relativize(path);
        if (relative.startsWith("tmp") && !relative.toString().equals("tmp")) {
          continue;
        }
        Path target = to.resolve(relative.toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  /** The child's temporary folder: one per home, so that what a killed child leaves can be deleted. */
  private static Path tmp(Path home) throws IOException {
    return Files.createDirectories(home.resolve("tmp"));
  }

  private static String store(Path home) throws IOException {
    Files.createDirectories(home);
    return "jdbc:duckdb:" + home.resolve("store.duckdb");
  }

  /**
   * The views as a client connecting with refresh=wait sees them (connecting is the next refresh): in this JVM, another
   * process than the killed child's, which saves each kill a second child JVM.
   */
  private static List<String> views(String store, Path folder) throws Exception {
    return RefreshChild.views(store, folder, stripe.baseUrl(), stripeKey);
  }

  private static List<String> run(Process child) throws Exception {
    List<String> lines = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = out.readLine()) != null; ) {
        lines.add(line);
      }
    }
    assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the child did not end");
    return lines;
  }

  private static String last(List<String> lines) {
    return lines.isEmpty() ? "(nothing)" : lines.get(lines.size() - 1);
  }

  private static Process start(Path home, String... args) throws IOException {
    List<String> command = new ArrayList<>(ChildJava.command(
        "-Dmarketingsql.test.stripe=" + stripe.baseUrl(), "-Dmarketingsql.test.stripeKey=" + stripeKey,
        "-Djava.io.tmpdir=" + tmp(home), "-cp", System.getProperty("java.class.path"), RefreshChild.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectError(home.resolve(args[0] + ".err").toFile()).start();
  }

  private static void writeOld(Path folder) throws IOException {
    Fixtures.copy("finance", folder);
    Files.writeString(folder.resolve("touchpoints.csv"), """
        customer_id,touched_at,channel,campaign_id
        c1,2025-01-10 09:00:00,google_ads,c1
        c2,2025-01-19 12:30:00,meta_ads,m1
        """);
    Files.writeString(folder.resolve("survey.csv"), """
        customer_id,nps
        c1,10
        c2,6
        c3,9
        """);
  }

  /** New numbers in every file the facts read, each written with a later modification time. */
  private static void writeNew(Path folder) throws IOException {
    append(folder.resolve("ad_spend.csv"), "2025-02-11,google_ads,111,c1,Brand,700,70,123.45,USD,2,99.99\n");
    Path orders = folder.resolve("orders.csv");
    Files.writeString(orders, Files.readString(orders).replace("o3,c1,2025-02-05,50.00", "o3,c1,2025-02-05,57.31")
        + "o5,c2,2025-02-20,19.99,EUR,meta_ads,software\n");
    append(folder.resolve("budgets.csv"), "2025-02,meta_ads,150.00,EUR\n");
    append(folder.resolve("touchpoints.csv"), "c3,2025-02-01 08:00:00,email,e1\n");
    Files.writeString(folder.resolve("survey.csv"), "customer_id,nps\nc1,10\nc2,3\nc3,9\nc4,8\n");
    FileTime later = FileTime.from(Instant.parse("2030-01-01T00:00:00Z"));
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.toList()) {
        Files.setLastModifiedTime(file, later);
      }
    }
  }

  private static void append(Path file, String line) throws IOException {
    Files.writeString(file, Files.readString(file) + line);
  }
}
