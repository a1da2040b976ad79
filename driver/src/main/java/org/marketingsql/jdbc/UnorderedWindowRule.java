package org.marketingsql.jdbc;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.logical.LogicalWindow;

/**
 * Calcite's conversion of a window computed above the store ({@code EnumerableWindow}), the window claiming no order of
 * its rows. Calcite's gives the window the order of its input, but the window hands its rows on grouped by each
 * window's partition and sorted by its ORDER BY, one window after the other: over rows already in the statement's
 * ORDER BY ({@code VALUES} written in that order, {@code generate_series}), the planner took the window's rows for
 * ordered and left the statement's sort out, so they came back in the order of the last window. Without a claimed order
 * the statement's ORDER BY sorts the window's rows. {@link StorePlanner} puts this rule in the place of Calcite's.
 */
final class UnorderedWindowRule extends ConverterRule {
  static final ConverterRule INSTANCE = Config.INSTANCE
      .withConversion(LogicalWindow.class, Convention.NONE, EnumerableConvention.INSTANCE, "UnorderedWindowRule")
      .withRuleFactory(UnorderedWindowRule::new)
      .toRule(UnorderedWindowRule.class);
  private static final ConverterRule CALCITE = (ConverterRule) EnumerableRules.ENUMERABLE_WINDOW_RULE;

  private UnorderedWindowRule(Config config) {
    super(config);
  }

  @Override
  public RelNode convert(RelNode rel) {
    RelNode window = CALCITE.convert(rel);
    return window == null ? null : window.copy(window.getTraitSet().replace(RelCollations.EMPTY), window.getInputs());
  }
}
