package org.marketingsql.jdbc;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.rules.JoinPushExpressionsRule;
import org.apache.calcite.rel.rules.TransformationRule;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Computes the join condition's one-sided expressions below the join, so that the store can take the
 * join. Calcite's JDBC adapter only sends a join whose comparisons compare plain columns; one that
 * compares a column with an expression of the other side, such as a report's
 * {@code a.date_day > p.week_end - INTERVAL '14' DAY} against a one-row parameter CTE, stayed in
 * Calcite as a nested loop that re-ran the store query of its inner side for every outer row (a
 * minute for one BIRT data set). This rule projects {@code p.week_end - INTERVAL '14' DAY} as a
 * column of {@code p} and compares the columns, which is the same condition; a project on top keeps
 * the join's row type. Calcite's own {@code JoinPushExpressionsRule} does this for equalities only.
 */
final class JoinSideExpressionsRule extends RelRule<JoinPushExpressionsRule.Config> implements TransformationRule {
  static final JoinSideExpressionsRule INSTANCE = new JoinSideExpressionsRule();

  private JoinSideExpressionsRule() {
    super(JoinPushExpressionsRule.Config.DEFAULT.withOperandFor(LogicalJoin.class)
        .withDescription("JoinSideExpressionsRule").as(JoinPushExpressionsRule.Config.class));
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Join join = call.rel(0);
    JoinRelType type = join.getJoinType();
    if (type != JoinRelType.INNER && type != JoinRelType.LEFT && type != JoinRelType.RIGHT
        && type != JoinRelType.FULL || RexUtil.SubQueryFinder.containsSubQuery(join)) {
      return;
    }
    int leftCount = join.getLeft().getRowType().getFieldCount();
    int rightCount = join.getRight().getRowType().getFieldCount();
    List<RexNode> leftExtra = new ArrayList<>();
    List<RexNode> rightExtra = new ArrayList<>();
    join.getCondition().accept(new RexShuttle() {
      @Override
      public RexNode visitCall(RexCall node) {
        if (!node.getKind().belongsTo(SqlKind.COMPARISON)) {
          return super.visitCall(node);
        }
        for (RexNode operand : node.getOperands()) {
          Side side = side(operand, leftCount);
          List<RexNode> extra = side == Side.LEFT ? leftExtra : side == Side.RIGHT ? rightExtra : null;
          if (extra != null && !extra.contains(operand)) {
            extra.add(operand);
          }
        }
        return node;
      }
    });
    if (leftExtra.isEmpty() && rightExtra.isEmpty()) {
      return;
    }
    RexBuilder rex = join.getCluster().getRexBuilder();
    int leftWidth = leftCount + leftExtra.size();
    // the new join's row: left columns, left expressions, right columns, right expressions
    RexShuttle shiftRight = new RexShuttle() {
      @Override
      public RexNode visitInputRef(RexInputRef ref) {
        return ref.getIndex() < leftCount ? ref : rex.makeInputRef(ref.getType(), ref.getIndex() + leftExtra.size());
      }
    };
    RexNode condition = join.getCondition().accept(new RexShuttle() {
      @Override
      public RexNode visitInputRef(RexInputRef ref) {
        return ref.accept(shiftRight);
      }

      @Override
      public RexNode visitCall(RexCall node) {
        if (!node.getKind().belongsTo(SqlKind.COMPARISON)) {
          return super.visitCall(node);
        }
        List<RexNode> operands = new ArrayList<>();
        for (RexNode operand : node.getOperands()) {
          Side side = side(operand, leftCount);
          operands.add(side == Side.LEFT ? rex.makeInputRef(operand.getType(), leftCount + leftExtra.indexOf(operand))
              : side == Side.RIGHT
                  ? rex.makeInputRef(operand.getType(), leftWidth + rightCount + rightExtra.indexOf(operand))
                  : operand.accept(this));
        }
        return node.clone(node.getType(), operands);
      }
    });
    List<RexNode> rightExpressions = new ArrayList<>();
    for (RexNode expression : rightExtra) {
      rightExpressions.add(RexUtil.shift(expression, -leftCount));
    }
    RelBuilder builder = call.builder();
    RelNode left = builder.push(join.getLeft()).project(withExtra(builder, leftExtra)).build();
    RelNode right = builder.push(join.getRight()).project(withExtra(builder, rightExpressions)).build();
    RelNode pushed = join.copy(join.getTraitSet(), condition, left, right, type, join.isSemiJoinDone());
    List<RexNode> original = new ArrayList<>();
    for (int i = 0; i < leftCount; i++) {
      original.add(rex.makeInputRef(pushed, i));
    }
    for (int i = 0; i < rightCount; i++) {
      original.add(rex.makeInputRef(pushed, leftWidth + i));
    }
    call.transformTo(builder.push(pushed).project(original, join.getRowType().getFieldNames(), true).build());
  }

  private enum Side { LEFT, RIGHT, NONE }

  /**
   * Which side a comparison operand can be computed on: an expression (not a plain column or value)
   * that reads columns of one side only; one that reads none can go to either, so it goes right.
   */
  private static Side side(RexNode operand, int leftCount) {
    if (!(operand instanceof RexCall) || !RexUtil.isDeterministic(operand) || RexUtil.containsCorrelation(operand)) {
      return Side.NONE;
    }
    ImmutableBitSet uses = RelOptUtil.InputFinder.bits(operand);
    if (uses.isEmpty() || uses.nth(0) >= leftCount) {
      return Side.RIGHT;
    }
    return uses.length() <= leftCount ? Side.LEFT : Side.NONE;
  }

  /** The side's own columns followed by the expressions computed for the condition. */
  private static List<RexNode> withExtra(RelBuilder builder, List<RexNode> extra) {
    List<RexNode> fields = new ArrayList<>(builder.fields());
    fields.addAll(extra);
    return fields;
  }
}
