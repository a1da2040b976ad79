package org.marketingsql.schema;

import java.util.function.Consumer;

/** Lets the command line's tests see (and hold up) the phases of the refreshes in their JVM. */
public final class RefreshPhases {
  private RefreshPhases() {
  }

  /** Calls {@code listener} with each phase (load, sync, facts, ltv, publish) as a refresh begins it. */
  public static void listen(Consumer<String> listener) {
    Refresher.phaseListener = listener;
  }

  /** Stops listening. */
  public static void reset() {
    Refresher.phaseListener = phase -> { };
  }
}
