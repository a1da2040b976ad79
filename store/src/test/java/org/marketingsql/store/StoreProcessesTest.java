package org.marketingsql.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.ChildJava;
import org.marketingsql.testing.HoldStore;

/** Two processes on one store file: readers coexist; a writer waits, then fails with a clear message. */
class StoreProcessesTest {
  @TempDir
  Path temp;
  String url;
  Process other;

  @BeforeEach
  void setUp() {
    url = "jdbc:duckdb:" + temp.resolve("store.duckdb");
    try (Store store = Store.open(url)) {
      store.write("seeding", h -> h.execute("CREATE TABLE \"_marketing\".\"marker\" (\"n\" INTEGER)"));
    }
  }

  @AfterEach
  void tearDown() throws Exception {
    System.clearProperty("marketingsql.store.lockTimeoutSeconds");
    if (other != null) {
      other.destroyForcibly();
      other.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private void startReader(int seconds) throws Exception {
    other = new ProcessBuilder(ChildJava.command("-Djava.io.tmpdir=" + temp, "-cp", System.getProperty("java.class.path"),
        HoldStore.class.getName(), url, String.valueOf(seconds))).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    assertTrue(line != null && line.startsWith("ready"), "the other process did not open the store: " + line);
  }

  private static long markers(Store store) {
    return store.read(h -> h.createQuery("SELECT COUNT(*) FROM \"_marketing\".\"marker\"").mapTo(Long.class).one());
  }

  @Test
  void twoProcessesReadTheSameStoreAtOnce() throws Exception {
    startReader(30);
    try (Store store = Store.open(url)) {
      assertEquals(0L, markers(store));
    }
  }

  @Test
  void aWriterWaitsForAReaderInAnotherProcessToFinish() throws Exception {
    startReader(2);
    System.setProperty("marketingsql.store.lockTimeoutSeconds", "30");
    try (Store store = Store.open(url)) {
      store.write("adding a row", h -> h.execute("INSERT INTO \"_marketing\".\"marker\" VALUES (1)"));
      assertEquals(1L, markers(store));
    }
  }

  @Test
  void aWriterThatCannotGetTheStoreSaysAnotherProcessHoldsIt() throws Exception {
    startReader(60);
    System.setProperty("marketingsql.store.lockTimeoutSeconds", "2");
    try (Store store = Store.open(url)) {
      StoreBusyException e = assertThrows(StoreBusyException.class,
          () -> store.write("adding a row", h -> h.execute("INSERT INTO \"_marketing\".\"marker\" VALUES (1)")));
      assertTrue(e.getMessage().contains("is in use by another process"), e.getMessage());
      assertTrue(e.getMessage().contains("store.duckdb"), e.getMessage());
      assertEquals(0L, markers(store), "nothing was written, and reading still works");
    }
  }
}
