package org.marketingsql.jdbc;

import java.util.List;
import org.marketingsql.sql.PgSessionTime;
import java.util.Objects;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataProvider;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.rules.JoinPushThroughJoinRule;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;

/**
 * Calcite's standard program, except that a statement with more than {@value #MOST_JOINS_EXPLORED} joins has its
 * join order chosen heuristically instead of by the Volcano planner's exhaustive search. Calcite explores every
 * order with its commute and push-through rules, which grows exponentially: psqlODBC's column list (pg_class,
 * pg_namespace, pg_attribute, pg_type, pg_attrdef; four joins) took 5–10 s to plan, pgJDBC's getColumns (seven
 * joins) and primary keys (six tables) seconds more. Above the threshold the joins are gathered into one
 * MultiJoin and ordered by Calcite's own heuristic ({@code LoptOptimizeJoinRule}, the one its
 * {@code Programs.heuristicJoinOrder} uses), which never plans a cross product where a join condition links the
 * tables; the store orders the joins it is sent again anyway.
 */
final class JoinOrderProgram {
  /** Up to this many joins, every order is explored (a finance query joining two or three relations). */
  static final int MOST_JOINS_EXPLORED = 2;
  private static final List<RelOptRule> EXHAUSTIVE = List.of(CoreRules.JOIN_COMMUTE, CoreRules.JOIN_ASSOCIATE,
      JoinPushThroughJoinRule.LEFT, JoinPushThroughJoinRule.RIGHT);

  private JoinOrderProgram() {
  }

  /**
   * Calcite's {@code Programs.standard()}, with the join order step before the Volcano planner runs, and a correlation
   * Calcite cannot remove kept ({@link org.marketingsql.access.KeptCorrelation}).
   */
  static Program standard() {
    RelMetadataProvider metadata = DefaultRelMetadataProvider.INSTANCE;
    return Programs.sequence(Programs.subQuery(metadata), org.marketingsql.access.KeptCorrelation.INSTANCE,
        Programs.measure(metadata),
        Programs.trim(), JoinOrderProgram::sessionTime, JoinOrderProgram::orderJoins, JoinOrderProgram::volcano, Programs.calc(metadata));
  }

  private static RelNode orderJoins(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits,
      List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
    if (RelOptUtil.countJoins(rel) <= MOST_JOINS_EXPLORED) {
      return rel;
    }
    EXHAUSTIVE.forEach(planner::removeRule);
    planner.addRule(CoreRules.MULTI_JOIN_OPTIMIZE);
    HepProgram gather = new HepProgramBuilder()
        .addRuleInstance(CoreRules.FILTER_INTO_JOIN)
        .addMatchOrder(HepMatchOrder.BOTTOM_UP)
        .addRuleInstance(CoreRules.JOIN_TO_MULTI_JOIN)
        .build();
    return Programs.of(gather, false, DefaultRelMetadataProvider.INSTANCE)
        .run(planner, rel, requiredOutputTraits, materializations, lattices);
  }

  /**
   * The session's time as parameters of each execution ({@link PgSessionTime}), so filters on it reach the store;
   * a concatenation of concatenations the store would double without a bound above it.
   */
  private static RelNode sessionTime(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits,
      List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
    // and concatenations that could grow without a bound in the store above it, with the length limit
    // and filters on fiscal periods as ranges of days the store can use (FiscalRanges)
    // and the session's user a parameter of each execution (SessionUser)
    // and sums of bigints summing numerics (WideSums)
    // and divisions of numerics PostgreSQL's, integer arithmetic checked for overflow (PgArithmetic)
    RelNode bounded = org.marketingsql.sql.PgBoundedConcat.bound(PgSessionTime.asParameters(SessionUser.asParameter(rel)));
    return PgArithmetic.rewrite(WideSums.cast(FiscalRanges.rewrite(bounded)));
  }

  /** As in {@code Programs.standard()}: the Volcano planner finds the cheapest plan with the required traits. */
  private static RelNode volcano(RelOptPlanner planner, RelNode rel, RelTraitSet requiredOutputTraits,
      List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
    materializations.forEach(planner::addMaterialization);
    lattices.forEach(planner::addLattice);
    planner.setRoot(rel);
    RelNode root = rel.getTraitSet().equals(requiredOutputTraits) ? rel : planner.changeTraits(rel, requiredOutputTraits);
    planner.setRoot(Objects.requireNonNull(root, "root"));
    return Objects.requireNonNull(planner.chooseDelegate().findBestExp(), "could not implement the plan");
  }
}
