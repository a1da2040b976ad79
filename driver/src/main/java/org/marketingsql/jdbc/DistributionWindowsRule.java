package org.marketingsql.jdbc;

import com.google.common.collect.ImmutableList;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.rules.ProjectToWindowRule.ProjectToLogicalProjectAndWindowRule;
import org.apache.calcite.rel.rules.TransformationRule;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexFieldCollation;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexWindowBounds;
import org.apache.calcite.rex.RexWindowExclusion;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code percent_rank()} and {@code cume_dist()} as the window functions Calcite computes itself, so that they run over
 * rows the driver holds ({@code VALUES}, {@code generate_series}): Calcite's enumerable window has no implementation of
 * either ("Unable to implement EnumerableWindow"). Over the window's partition and order, as PostgreSQL defines them:
 * {@code percent_rank} is {@code (rank - 1) / (rows - 1)}, 0 for a partition of one row; {@code cume_dist} is the rows
 * up to the current row and its peers over the partition's rows; both double precision. Only the written-out project
 * becomes Calcite's window ({@link StorePlanner}); a store takes the original, with the functions as they are, so a
 * query over the store stays whole in it.
 */
final class DistributionWindowsRule
    extends RelRule<ProjectToLogicalProjectAndWindowRule.ProjectToLogicalProjectAndWindowRuleConfig>
    implements TransformationRule {
  static final DistributionWindowsRule INSTANCE = new DistributionWindowsRule();

  private DistributionWindowsRule() {
    super(ProjectToLogicalProjectAndWindowRule.ProjectToLogicalProjectAndWindowRuleConfig.DEFAULT
        .withOperandSupplier(b -> b.operand(LogicalProject.class)
            .predicate(DistributionWindowsRule::hasDistribution).anyInputs())
        .withDescription("DistributionWindowsRule")
        .as(ProjectToLogicalProjectAndWindowRule.ProjectToLogicalProjectAndWindowRuleConfig.class));
  }

  /** Whether {@code project} computes {@code percent_rank()} or {@code cume_dist()} over a window. */
  static boolean hasDistribution(Project project) {
    boolean[] found = {false};
    RexShuttle finder = new RexShuttle() {
      @Override
      public RexNode visitOver(RexOver over) {
        found[0] |= isDistribution(over);
        return super.visitOver(over);
      }
    };
    project.getProjects().forEach(e -> e.accept(finder));
    return found[0];
  }

  private static boolean isDistribution(RexOver over) {
    return over.getKind() == SqlKind.PERCENT_RANK || over.getKind() == SqlKind.CUME_DIST;
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalProject project = call.rel(0);
    RexBuilder rex = project.getCluster().getRexBuilder();
    RexShuttle rewrite = new RexShuttle() {
      @Override
      public RexNode visitOver(RexOver over) {
        return isDistribution(over) ? written(rex, over) : super.visitOver(over);
      }
    };
    List<RexNode> projects = new ArrayList<>();
    for (RexNode e : project.getProjects()) {
      projects.add(e.accept(rewrite));
    }
    call.transformTo(project.copy(project.getTraitSet(), project.getInput(), projects, project.getRowType()));
  }

  /** {@code over} written with {@code rank()} and {@code count(*)} over its window, in its own type. */
  private static RexNode written(RexBuilder rex, RexOver over) {
    List<RexNode> partition = over.getWindow().partitionKeys;
    ImmutableList<RexFieldCollation> order = over.getWindow().orderKeys;
    RexNode rows = window(rex, SqlStdOperatorTable.COUNT, partition, ImmutableList.of(), true);
    RexNode one = rex.makeExactLiteral(BigDecimal.ONE);
    RexNode value;
    if (over.getKind() == SqlKind.PERCENT_RANK) {
      RexNode rank = window(rex, SqlStdOperatorTable.RANK, partition, order, false);
      value = rex.makeCall(SqlStdOperatorTable.CASE,
          rex.makeCall(SqlStdOperatorTable.GREATER_THAN, rows, one),
          divide(rex, rex.makeCall(SqlStdOperatorTable.MINUS, rank, one), rex.makeCall(SqlStdOperatorTable.MINUS, rows, one)),
          rex.makeApproxLiteral(BigDecimal.ZERO));
    } else {
      // the default frame, RANGE up to the current row, takes in the current row's peers
      RexNode upToPeers = window(rex, SqlStdOperatorTable.COUNT, partition, order, false);
      value = divide(rex, upToPeers, rows);
    }
    return rex.makeCast(over.getType(), value, true, false);
  }

  /** {@code a / b} in double precision. */
  private static RexNode divide(RexBuilder rex, RexNode a, RexNode b) {
    RelDataType dbl = rex.getTypeFactory().createSqlType(SqlTypeName.DOUBLE);
    return rex.makeCall(SqlStdOperatorTable.DIVIDE, rex.makeCast(dbl, a), rex.makeCast(dbl, b));
  }

  /**
   * {@code function()} over {@code partition} and {@code order}: over the whole partition when {@code whole}, else
   * over the default frame (RANGE from the partition's first row to the current row's last peer).
   */
  private static RexNode window(RexBuilder rex, SqlAggFunction function, List<RexNode> partition,
      ImmutableList<RexFieldCollation> order, boolean whole) {
    RelDataType bigint = rex.getTypeFactory().createSqlType(SqlTypeName.BIGINT);
    return rex.makeOver(bigint, function, List.of(), partition, order, RexWindowBounds.UNBOUNDED_PRECEDING,
        whole ? RexWindowBounds.UNBOUNDED_FOLLOWING : RexWindowBounds.CURRENT_ROW, RexWindowExclusion.EXCLUDE_NO_OTHER,
        whole, true, false, false, false);
  }
}
