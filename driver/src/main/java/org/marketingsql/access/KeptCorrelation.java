package org.marketingsql.access;

import java.util.List;
import java.util.function.Supplier;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;

/**
 * Calcite's decorrelation, except for a statement whose decorrelated form Calcite itself refuses because its row
 * type changed: a LATERAL sub-query with an aggregate over a column that is never null,
 * {@code CROSS JOIN LATERAL (SELECT max(spend_rc) m FROM finance.channel_roi r WHERE r.channel = c.channel) x}
 * (grouped, its maximum is never null; alone, it may be). Such a statement stays correlated, as written: the
 * sub-query runs for each row of the items before it, with PostgreSQL's answers. Any other failure stays one.
 * Calcite decorrelates twice, while it converts the statement ({@link CheckingPreparingStmt}) and as a step of its
 * planning program ({@link #INSTANCE}).
 */
public final class KeptCorrelation implements Program {
  /** The planning program's step. */
  public static final KeptCorrelation INSTANCE = new KeptCorrelation();
  private static final String TYPE_CHANGED = "Decorrelation produced a relation with a different type";
  private final Program calcite = Programs.decorrelate();

  private KeptCorrelation() {
  }

  @Override
  public RelNode run(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits,
      List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
    return decorrelated(() -> calcite.run(planner, rel, requiredOutputTraits, materializations, lattices), rel);
  }

  /** What {@code decorrelate} gives, or {@code correlated} when Calcite refuses its result for a changed row type. */
  static RelNode decorrelated(Supplier<RelNode> decorrelate, RelNode correlated) {
    try {
      return decorrelate.get();
    } catch (AssertionError e) {
      if (String.valueOf(e.getMessage()).startsWith(TYPE_CHANGED)) {
        return correlated;
      }
      throw e;
    }
  }
}
