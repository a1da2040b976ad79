package org.marketingsql.sql;

/**
 * Tells the failures whose message is for the server's log and never for a client from other errors: a
 * statement Calcite parsed and validated but could not plan ("There are not enough rules to produce a node …",
 * an assertion of the planner), whose message holds the plan, and a statement the store refused, whose message
 * holds the store's statement; both name the store's internal tables. Public, since both ports read it.
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
