package org.marketingsql.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The CPU time the port's own threads of this JVM have used (its sessions' threads and Netty's I/O threads, by their
 * names), so that a step of the bench can say what the node spent per statement, whatever the machine's load did to
 * the wall-clock figures.
 */
final class NodeCpu {
  /** The names the port's threads begin with: a session's thread, and Netty's event loops. */
  static final List<String> PORT_THREADS = List.of("pg-session", "nioEventLoopGroup");
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final List<String> prefixes;

  NodeCpu(List<String> prefixes) {
    this.prefixes = List.copyOf(Objects.requireNonNull(prefixes, "prefixes"));
    if (this.prefixes.isEmpty()) {
      throw new IllegalArgumentException("name at least one thread name prefix");
    }
  }

  /** Whether this JVM measures threads' CPU time; without it every reading is empty. */
  boolean supported() {
    return threads.isThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled();
  }

  /** The CPU nanoseconds each live thread of those names has used so far, by thread id. */
  Map<Long, Long> read() {
    Map<Long, Long> used = new HashMap<>();
    if (!supported()) {
      return used;
    }
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && prefixes.stream().anyMatch(info.getThreadName()::startsWith)) {
        long nanos = threads.getThreadCpuTime(info.getThreadId());
        if (nanos >= 0) {
          used.put(info.getThreadId(), nanos);
        }
      }
    }
    return used;
  }

  /** The CPU nanoseconds used between two readings: threads that ended in between count up to {@code before}'s. */
  static long between(Map<Long, Long> before, Map<Long, Long> after) {
    long sum = 0;
    for (Map.Entry<Long, Long> e : after.entrySet()) {
      sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
    }
    return sum;
  }
}
