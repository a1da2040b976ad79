package org.marketingsql.sql;

import java.util.Optional;

/**
 * Tells the failures whose message is for the server's log and never for a client from other errors: a
 * statement Calcite parsed and validated but could not plan ("There are not enough rules to produce a node …",
 * an assertion of the planner), whose message holds the plan, and a statement the store refused, whose message
 * holds the store's statement; both name the store's internal tables. Public, since the driver and both ports read
 * it.
 */
public final class PlanFailures {
  /** What a client is told of a statement that could not be planned, in one line. */
  public static final String MESSAGE = "internal error: the statement could not be planned";

  private PlanFailures() {
  }

  /** Whether {@code e} or one of its causes is the planner's failure. */
  public static boolean isPlanFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (t.getClass().getName().endsWith("CannotPlanException") || t instanceof AssertionError
          || message.contains("not enough rules to produce a node") || message.contains("RelSubset#")
          || message.contains("rel#") || message.startsWith("Unable to implement ")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The feature PostgreSQL would name for a statement the planner could not plan because it cannot run that
   * feature at all ({@code MATCH_RECOGNIZE}: Calcite parses and checks it, but has no way to run it over the store),
   * empty for other failures.
   */
  public static Optional<String> unsupportedFeature(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (message.startsWith("Unable to implement EnumerableMatch(") || message.contains("LogicalMatch(")) {
        return Optional.of("MATCH_RECOGNIZE");
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the store refused the statement the driver sent it ("While executing SQL [SELECT … FROM
   * "_facts"…]"): the message quotes that statement, over the store's internal tables.
   */
  public static boolean isStoreStatementFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (String.valueOf(t.getMessage()).contains("While executing SQL [")) {
        return true;
      }
    }
    return false;
  }
}
