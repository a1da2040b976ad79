package org.marketingsql.store;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The one refresher of a store, across processes: an OS lock on {@code refresh.lock} (released by the
 * OS when its holder dies, however it dies), whose content names the holder (process id, host, since
 * when) for the messages of those who find it taken.
 */
public final class RefreshLock {
  /**
   * How long {@link #take()} waits for another process's refresh. A refresh that takes longer than this is
   * most likely hung; the waiting command then fails naming the holder rather than waiting for ever.
   */
  public static final Duration MAX_WAIT = Duration.ofMinutes(30);

  private final Path file;

  RefreshLock(Path file) {
    this.file = Objects.requireNonNull(file, "file");
  }

  /** A taken lock; closing it releases it. */
  public static final class Held implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private Held(FileChannel channel, FileLock lock) {
      this.channel = channel;
      this.lock = lock;
    }

    @Override
    public void close() {
      try {
        lock.release();
      } catch (IOException e) {
        // the channel's close below releases it too
      }
      try {
        channel.close();
      } catch (IOException e) {
        // closing the lock file loses nothing
      }
    }
  }

  /** Takes the lock if no other process holds it; empty when one does. */
  public Optional<Held> tryTake() {
    FileChannel channel = null;
    try {
      Files.createDirectories(file.getParent());
      channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        channel.close();
        return Optional.empty();
      }
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + " on " + host() + " since "
          + Instant.now() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
      return Optional.of(new Held(channel, lock));
    } catch (OverlappingFileLockException e) {
      close(channel);
      throw new StoreException("the refresh lock " + file + " is already held in this process", e);
    } catch (IOException e) {
      close(channel);
      throw new StoreException("cannot take the refresh lock " + file + ": " + e.getMessage(), e);
    }
  }

  /** Takes the lock, waiting up to {@link #MAX_WAIT} for the process that holds it to finish. */
  public Held take() {
    return take(MAX_WAIT);
  }

  /**
   * Takes the lock, waiting up to {@code maxWait} for the process that holds it to finish.
   *
   * @throws StoreBusyException when the holder still holds it after {@code maxWait}, naming the holder
   */
  public Held take(Duration maxWait) {
    Objects.requireNonNull(maxWait, "maxWait");
    long deadline = System.nanoTime() + maxWait.toNanos();
    long pauseMillis = 20;
    while (true) {
      Optional<Held> held = tryTake();
      if (held.isPresent()) {
        return held.get();
      }
      long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
      if (leftMillis <= 0) {
        throw new StoreBusyException("the store's refresh has been held by " + holder() + " for longer than "
            + describe(maxWait) + " (" + file + "); if that process hangs, end it and try again", null);
      }
      try {
        Thread.sleep(Math.min(pauseMillis, leftMillis));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreException("interrupted while waiting for the refresh lock " + file, e);
      }
      pauseMillis = Math.min(pauseMillis * 2, 500);
    }
  }

  private static String describe(Duration wait) {
    return wait.toMinutes() > 0 ? wait.toMinutes() + " min" : wait.toMillis() + " ms";
  }

  /** Who holds (or last held) the lock, as it wrote itself into the file: {@code pid 123 on host since ...}. */
  public String holder() {
    try {
      String text = Files.readString(file, StandardCharsets.UTF_8).strip();
      return text.isEmpty() ? "another process" : text;
    } catch (IOException e) {
      return "another process";
    }
  }

  public Path file() {
    return file;
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "this host";
    }
  }

  private static void close(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException e) {
        // nothing held
      }
    }
  }
}
