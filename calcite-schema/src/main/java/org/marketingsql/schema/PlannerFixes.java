package org.marketingsql.schema;

import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.runtime.Hook;

/**
 * Changes to Calcite's planner that every connection to this schema needs, whichever driver plans its
 * statements (the project's driver or Calcite's own over a model file), installed once per JVM through
 * Calcite's planner hook.
 *
 * <p>Merge unions are off: a merge union needs every input sorted, and over a view that unions store rows
 * joined with a table of this JVM ({@code sync.sync_status}) Calcite planned one whose input had lost its
 * sort, so {@code ORDER BY} came back unsorted. A sort above the union is always right.
 */
final class PlannerFixes {
  private static boolean installed;

  private PlannerFixes() {
  }

  static synchronized void install() {
    if (!installed) {
      Hook.PLANNER.add((RelOptPlanner planner) -> planner.removeRule(EnumerableRules.ENUMERABLE_MERGE_UNION_RULE));
      installed = true;
    }
  }
}
