package org.marketingsql.store;

import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * At most one sync of a source at a time in this JVM, per store: a second caller waits until the
 * first is done (and then usually finds nothing stale). Across processes the store's own write lock
 * serialises the commits, and {@link ApiTableSync}'s compare-and-set on the cursor discards a batch fetched
 * before another process committed a newer one.
 */
final class SourceLocks {
  private static final ConcurrentHashMap<Key, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  private record Key(Store store, String source) {
  }

  private SourceLocks() {
  }

  /** Runs {@code work} while no other thread of this JVM syncs {@code source} into {@code store}. */
  static <T> T alone(Store store, String source, Supplier<T> work) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(work, "work");
    ReentrantLock lock = LOCKS.computeIfAbsent(new Key(store, source), k -> new ReentrantLock());
    lock.lock();
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }
}
