package org.marketingsql.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.ChildJava;

class RefreshLockTest {
  @TempDir
  Path dir;

  @Test
  void aWaitForAnotherProcessesRefreshEndsAtItsBoundNamingTheHolder() throws Exception {
    Path file = dir.resolve("refresh.lock");
    Process holder = holdInAnotherProcess(file);
    try {
      long started = System.nanoTime();
      StoreBusyException busy = assertThrows(StoreBusyException.class,
          () -> new RefreshLock(file).take(Duration.ofMillis(400)));
      assertTrue(busy.getMessage().contains("pid " + holder.pid()), busy.getMessage());
      assertTrue(busy.getMessage().contains(file.toString()), busy.getMessage());
      Duration waited = Duration.ofNanos(System.nanoTime() - started);
      assertTrue(waited.compareTo(Duration.ofMillis(400)) >= 0 && waited.compareTo(Duration.ofSeconds(5)) < 0,
          "waited " + waited);
    } finally {
      holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aWaitTakesTheLockOnceItsHolderEnds() throws Exception {
    Path file = dir.resolve("refresh.lock");
    Process holder = holdInAnotherProcess(file);
    Thread killer = new Thread(() -> {
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      holder.destroyForcibly();
    });
    killer.start();
    try (RefreshLock.Held held = new RefreshLock(file).take(Duration.ofSeconds(30))) {
      String holderNow = new RefreshLock(file).holder();
      assertTrue(holderNow.contains("pid " + ProcessHandle.current().pid()), holderNow);
    } finally {
      killer.join();
    }
  }

  /** Starts a JVM that takes the lock and holds it until it is killed; returns once it holds it. */
  private static Process holdInAnotherProcess(Path file) throws Exception {
    Process process = new ProcessBuilder(ChildJava.command("-cp", System.getProperty("java.class.path"),
        Holder.class.getName(), file.toString())).redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    assertEquals("held", line, "the holder process's first line");
    return process;
  }

  /** The other process: takes the lock and sleeps. */
  static final class Holder {
    public static void main(String[] args) throws Exception {
      RefreshLock.Held held = new RefreshLock(Path.of(args[0])).tryTake().orElseThrow();
      System.out.println("held");
      System.out.flush();
      Thread.sleep(120_000);
      held.close();
    }
  }
}
