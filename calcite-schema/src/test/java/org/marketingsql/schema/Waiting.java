package org.marketingsql.schema;

/** Runs a test's connections with {@code refresh=wait}: they refresh the store before they answer. */
final class Waiting {
  private Waiting() {
  }

  /** What the connections do. */
  interface Work {
    void run() throws Exception;
  }

  static void refreshFirst(Work work) throws Exception {
    ConnectRefresh.WAIT.during(() -> {
      work.run();
      return null;
    });
  }
}
