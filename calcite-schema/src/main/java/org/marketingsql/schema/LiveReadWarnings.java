package org.marketingsql.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * What the live reads could not do for the statement being planned on this thread, so the driver can
 * give it to the statement as SQL warnings: the query then answered from what the store had.
 * Collecting is off unless the caller asks for it around the planning.
 */
public final class LiveReadWarnings {
  private static final ThreadLocal<List<String>> COLLECTED = new ThreadLocal<>();

  private LiveReadWarnings() {
  }

  /** Starts collecting on this thread, dropping anything collected before. */
  public static void collect() {
    COLLECTED.set(new ArrayList<>());
  }

  /** Stops collecting on this thread and returns what was collected, in order. */
  public static List<String> take() {
    List<String> collected = COLLECTED.get();
    COLLECTED.remove();
    return collected == null ? List.of() : List.copyOf(collected);
  }

  static void add(String message) {
    List<String> collected = COLLECTED.get();
    if (collected != null) {
      collected.add(message);
    }
  }
}
