package org.marketingsql.sql;

/**
 * Tells a statement Calcite parsed and validated but could not plan ("There are not enough rules to produce a
 * node …", an assertion of the planner) from other errors: its message holds the plan, with the store's
 * internal table names, which is for the server's log and never for a client. Public, since both ports read it.
 */
public final class PlanFailures {
  private PlanFailures() {
  }

  /** Whether {@code e} or one of its causes is the planner's failure. */
  public static boolean isPlanFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (t.getClass().getName().endsWith("CannotPlanException") || t instanceof AssertionError
          || message.contains("not enough rules to produce a node") || message.contains("RelSubset#")
          || message.contains("rel#")) {
        return true;
      }
    }
    return false;
  }
}
