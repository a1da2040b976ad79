package org.marketingsql.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The files of a DuckDB store, which readers never write: for a store URL {@code jdbc:duckdb:/dir/NAME.duckdb}
 * the folder {@code /dir/NAME/} holds
 * <ul>
 *   <li>{@code snapshots/<generation>.duckdb}: published snapshots, each complete (sources, sync state,
 *       facts, LTV) and never changed after it is published;</li>
 *   <li>{@code CURRENT}: the generation readers open, replaced in one atomic rename;</li>
 *   <li>{@code work.duckdb}: the next snapshot while the refresher builds it (a leftover is discarded);</li>
 *   <li>{@code refresh.lock}: locked by the one process refreshing, naming it;</li>
 *   <li>{@code refresh-error.txt}: why the last refresh failed, until one succeeds.</li>
 * </ul>
 * The file {@code /dir/NAME.duckdb} itself is the store as earlier versions kept it: the first refresh
 * starts from it (its sync state and cursors included) and removes it once the first snapshot is published.
 */
public final class StoreFolder {
  /** Published snapshots kept: the current one and the ones before, which readers may still have open. */
  static final int KEPT_GENERATIONS = 3;
  private static final String SUFFIX = ".duckdb";

  private final Path legacyFile;
  private final Path dir;

  private StoreFolder(Path legacyFile) {
    this.legacyFile = legacyFile.toAbsolutePath().normalize();
    String name = this.legacyFile.getFileName().toString();
    String stem = name.endsWith(SUFFIX) && name.length() > SUFFIX.length()
        ? name.substring(0, name.length() - SUFFIX.length()) : name + ".d";
    this.dir = this.legacyFile.resolveSibling(stem);
  }

  /** The folder of a DuckDB file store; empty for an in-memory DuckDB or a database server, which have no snapshots. */
  public static Optional<StoreFolder> of(String url) {
    Objects.requireNonNull(url, "url");
    if (!DuckDbEngine.accepts(url)) {
      return Optional.empty();
    }
    String location = url.substring("jdbc:duckdb:".length());
    int query = location.indexOf('?');
    if (query >= 0) {
      location = location.substring(0, query);
    }
    if (location.isEmpty() || location.startsWith(":memory:")) {
      return Optional.empty();
    }
    return Optional.of(new StoreFolder(Path.of(location)));
  }

  /** One published snapshot. */
  public record Generation(long number, Path file) {
    public Generation {
      if (number < 1) {
        throw new IllegalArgumentException("generations count from 1, not " + number);
      }
      Objects.requireNonNull(file, "file");
    }
  }

  /** Why the last refresh failed, as the refresher recorded it; the snapshot before it stays. */
  public record Failure(Instant at, String message) {
    public Failure {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(message, "message");
    }
  }

  /** The folder itself. */
  public Path dir() {
    return dir;
  }

  /** The single-file store of earlier versions, migrated into the first snapshot. */
  public Path legacyFile() {
    return legacyFile;
  }

  /** Where the next snapshot is built. */
  public Path workFile() {
    return dir.resolve("work" + SUFFIX);
  }

  Path snapshots() {
    return dir.resolve("snapshots");
  }

  private Path pointer() {
    return dir.resolve("CURRENT");
  }

  private Path failureFile() {
    return dir.resolve("refresh-error.txt");
  }

  /** For messages. */
  public String describe() {
    return "DuckDB store " + dir;
  }

  /** The generation {@code CURRENT} names, or empty before the first publish. */
  public Optional<Generation> current() {
    String text;
    try {
      text = Files.readString(pointer(), StandardCharsets.UTF_8).strip();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StoreException("cannot read " + pointer() + ": " + e.getMessage(), e);
    }
    long number;
    try {
      number = Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new StoreException(pointer() + " does not name a snapshot generation: '" + text + "'", e);
    }
    return Optional.of(generation(number));
  }

  /**
   * When a generation was published (its file's modification time, which {@link #publish} sets), or empty
   * when its file is gone (pruned after newer ones, while a reader may still have it open).
   */
  public Optional<Instant> publishedAt(long number) {
    try {
      return Optional.of(Files.getLastModifiedTime(generation(number).file()).toInstant());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new StoreException("cannot read the time of snapshot " + number + " of " + describe() + ": "
          + e.getMessage(), e);
    }
  }

  Generation generation(long number) {
    return new Generation(number, snapshots().resolve(String.format("%08d", number) + SUFFIX));
  }

  /**
   * Publishes a built, checkpointed and closed database file as the next generation: renames it into
   * {@code snapshots/}, then replaces {@code CURRENT} (temp file, fsync, atomic rename, fsync of the
   * folder), then deletes the generations beyond the last {@value #KEPT_GENERATIONS}. Only the
   * holder of the refresh lock calls this.
   */
  public Generation publish(Path built) {
    Objects.requireNonNull(built, "built");
    try {
      long next = current().map(g -> g.number() + 1).orElse(1L);
      Generation generation = generation(next);
      Files.createDirectories(snapshots());
      force(built);
      move(built, generation.file());
      // the snapshot's time, as sync.sync_status and finance.data_freshness show it: when it was published
      Files.setLastModifiedTime(generation.file(), FileTime.from(Instant.now()));
      forceDir(snapshots());
      Path temp = dir.resolve("CURRENT.tmp");
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        channel.write(ByteBuffer.wrap((next + "\n").getBytes(StandardCharsets.UTF_8)));
        channel.force(true);
      }
      move(temp, pointer());
      forceDir(dir);
      prune(next);
      return generation;
    } catch (IOException e) {
      throw new StoreException("publishing a snapshot of " + describe() + " failed: " + e.getMessage(), e);
    }
  }

  /** Deletes the snapshots older than the last {@value #KEPT_GENERATIONS}; a reader that has one open keeps reading it. */
  private void prune(long current) throws IOException {
    for (Path file : snapshotFiles()) {
      long number = number(file);
      if (number >= 0 && number <= current - KEPT_GENERATIONS) {
        Files.deleteIfExists(file);
      }
    }
  }

  /** The snapshot files present, oldest first. */
  public List<Path> snapshotFiles() {
    if (!Files.isDirectory(snapshots())) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(snapshots())) {
      List<Path> found = new ArrayList<>(files.filter(f -> number(f) >= 0).toList());
      found.sort(Comparator.comparingLong(StoreFolder::number));
      return found;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + snapshots(), e);
    }
  }

  private static long number(Path file) {
    String name = file.getFileName().toString();
    if (!name.endsWith(SUFFIX)) {
      return -1;
    }
    try {
      return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Records why a refresh failed, beside {@code CURRENT}, where connections read it into {@code sync.sync_status}. */
  public void recordFailure(Failure failure) {
    Objects.requireNonNull(failure, "failure");
    try {
      Files.createDirectories(dir);
      Path temp = dir.resolve("refresh-error.tmp");
      Files.writeString(temp, failure.at() + "\n" + failure.message(), StandardCharsets.UTF_8);
      move(temp, failureFile());
    } catch (IOException e) {
      throw new StoreException("cannot record the failed refresh in " + failureFile() + ": " + e.getMessage(), e);
    }
  }

  /** The last refresh's failure, if the last refresh failed. */
  public Optional<Failure> failure() {
    try {
      String text = Files.readString(failureFile(), StandardCharsets.UTF_8);
      int newline = text.indexOf('\n');
      return Optional.of(new Failure(Instant.parse(text.substring(0, newline)), text.substring(newline + 1)));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      return Optional.of(new Failure(Instant.EPOCH, "the record of the last failed refresh, " + failureFile()
          + ", cannot be read: " + e.getMessage()));
    }
  }

  /** After a successful refresh. */
  public void clearFailure() {
    try {
      Files.deleteIfExists(failureFile());
    } catch (IOException e) {
      throw new StoreException("cannot remove " + failureFile() + ": " + e.getMessage(), e);
    }
  }

  /** The refresh lock of this folder (not yet taken). */
  public RefreshLock lock() {
    return new RefreshLock(dir.resolve("refresh.lock"));
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      throw new IOException("the file system of " + to + " cannot rename " + from + " over it atomically", e);
    }
  }

  private static void force(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.force(true);
    }
  }

  private static void forceDir(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some systems cannot open a folder to sync it; the rename is still atomic there.
    }
  }

  @Override
  public String toString() {
    return describe();
  }
}
