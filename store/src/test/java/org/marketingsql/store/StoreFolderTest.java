package org.marketingsql.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files of a store folder: a publish moves the pointer and keeps the last generations; a failure waits beside it. */
class StoreFolderTest {
  @TempDir
  Path temp;

  @Test
  void aPublishMovesThePointerAndKeepsTheLastThreeGenerations() throws Exception {
    StoreFolder snapshots = StoreFolder.of("jdbc:duckdb:" + temp.resolve("s.duckdb")).orElseThrow();
    for (int i = 1; i <= 5; i++) {
      Files.createDirectories(snapshots.dir());
      Files.writeString(snapshots.workFile(), "generation " + i);
      StoreFolder.Generation published = snapshots.publish(snapshots.workFile());
      assertEquals(i, published.number());
      assertEquals(published, snapshots.current().orElseThrow());
      assertEquals("generation " + i, Files.readString(published.file()));
    }
    assertEquals(3, snapshots.snapshotFiles().size());
    assertEquals(snapshots.generation(3).file(), snapshots.snapshotFiles().get(0));
    assertFalse(Files.exists(snapshots.workFile()));
  }

  @Test
  void aFailureIsKeptBesideThePointerUntilCleared() {
    StoreFolder snapshots = StoreFolder.of("jdbc:duckdb:" + temp.resolve("s.duckdb")).orElseThrow();
    assertTrue(snapshots.failure().isEmpty());
    Instant at = Instant.parse("2026-01-02T03:04:05Z");
    snapshots.recordFailure(new StoreFolder.Failure(at, "the disk is full\nsecond line"));
    assertEquals(new StoreFolder.Failure(at, "the disk is full\nsecond line"), snapshots.failure().orElseThrow());
    snapshots.clearFailure();
    assertTrue(snapshots.failure().isEmpty());
  }

  @Test
  void onlyDuckDbFilesHaveSnapshots() {
    assertTrue(StoreFolder.of("jdbc:duckdb:").isEmpty());
    assertTrue(StoreFolder.of("jdbc:duckdb::memory:x").isEmpty());
    assertTrue(StoreFolder.of("jdbc:postgresql://db/marketing").isEmpty());
  }
}
