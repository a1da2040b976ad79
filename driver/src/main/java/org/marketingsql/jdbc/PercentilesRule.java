package org.marketingsql.jdbc;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.rules.AggregateReduceFunctionsRule;
import org.apache.calcite.rel.rules.TransformationRule;
import org.apache.calcite.sql.SqlKind;
import org.marketingsql.sql.PgPercentiles;

/**
 * {@code percentile_cont} and {@code percentile_disc} as aggregates Calcite computes itself ({@link PgPercentiles}), an
 * alternative to the originals, which Calcite cannot compute: over rows the driver holds ({@code VALUES},
 * {@code generate_series}) the planner takes this one, over a store's table the store's aggregate of the originals,
 * so a query over the store stays whole in it.
 */
final class PercentilesRule extends RelRule<AggregateReduceFunctionsRule.Config> implements TransformationRule {
  static final PercentilesRule INSTANCE = new PercentilesRule();

  private PercentilesRule() {
    super(AggregateReduceFunctionsRule.Config.DEFAULT
        .withOperandSupplier(b -> b.operand(LogicalAggregate.class).predicate(PercentilesRule::hasPercentile).anyInputs())
        .withDescription("PercentilesRule")
        .as(AggregateReduceFunctionsRule.Config.class));
  }

  private static boolean hasPercentile(Aggregate aggregate) {
    return aggregate.getAggCallList().stream().anyMatch(PercentilesRule::isPercentile);
  }

  private static boolean isPercentile(AggregateCall call) {
    return (call.getAggregation().getKind() == SqlKind.PERCENTILE_CONT
        || call.getAggregation().getKind() == SqlKind.PERCENTILE_DISC)
        && call.getArgList().size() == 1 && call.getCollation().getFieldCollations().size() == 1 && !call.isDistinct();
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalAggregate aggregate = call.rel(0);
    List<AggregateCall> calls = new ArrayList<>();
    for (AggregateCall c : aggregate.getAggCallList()) {
      if (!isPercentile(c)) {
        calls.add(c);
        continue;
      }
      RelFieldCollation order = c.getCollation().getFieldCollations().get(0);
      boolean continuous = c.getAggregation().getKind() == SqlKind.PERCENTILE_CONT;
      calls.add(AggregateCall.create(PgPercentiles.of(continuous, order.getDirection().isDescending()), false, false,
          false, List.of(), List.of(c.getArgList().get(0), order.getFieldIndex()), c.filterArg, null, RelCollations.EMPTY,
          aggregate.getGroupCount(), aggregate.getInput(), c.getType(), c.getName()));
    }
    call.transformTo(aggregate.copy(aggregate.getTraitSet(), aggregate.getInput(), aggregate.getGroupSet(),
        aggregate.getGroupSets(), calls));
  }
}
