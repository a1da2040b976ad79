package org.marketingsql.pgwire;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A map of computed values that keeps at most {@code capacity} entries, dropping the least recently used,
 * for caches whose keys come from clients. Thread-safe; a value may be computed twice under contention.
 */
final class BoundedCache<K, V> {
  private final int capacity;
  private final Map<K, V> entries;

  BoundedCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be at least 1, found " + capacity);
    }
    this.capacity = capacity;
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > BoundedCache.this.capacity;
      }
    };
  }

  /** The cached value for {@code key}, computed outside the lock when missing; {@code compute}'s exceptions pass. */
  V get(K key, Function<? super K, ? extends V> compute) {
    synchronized (entries) {
      V v = entries.get(key);
      if (v != null) {
        return v;
      }
    }
    V v = compute.apply(key);
    synchronized (entries) {
      entries.put(key, v);
    }
    return v;
  }

  /** The cached value for {@code key}, or null. */
  V find(K key) {
    synchronized (entries) {
      return entries.get(key);
    }
  }

  /** Caches {@code value} for {@code key}, dropping the least recently used entry when full. */
  void put(K key, V value) {
    Objects.requireNonNull(value, "value");
    synchronized (entries) {
      entries.put(key, value);
    }
  }

  /** Drops {@code key}'s entry, if any. */
  void remove(K key) {
    synchronized (entries) {
      entries.remove(key);
    }
  }

  int size() {
    synchronized (entries) {
      return entries.size();
    }
  }

  int capacity() {
    return capacity;
  }
}
