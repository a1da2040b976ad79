package org.marketingsql.jdbc;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexWindow;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A sum of bigints is a numeric, as in PostgreSQL ({@code PgTypeSystem#deriveSumType}): its argument is cast to that
 * numeric first, in an aggregate and over a window, so that the driver adds numerics where it computes the sum itself
 * (Calcite adds the argument as it comes), and the store adds them as it does anyway.
 */
final class WideSums {
  private WideSums() {
  }

  /** {@code rel} with the argument of every sum whose type is wider than a whole number's cast to it. */
  static RelNode cast(RelNode rel) {
    return rel.accept(new RelHomogeneousShuttle() {
      @Override
      public RelNode visit(RelNode other) {
        RelNode visited = super.visit(other);
        if (visited instanceof Aggregate aggregate) {
          return cast(aggregate);
        }
        RexBuilder rex = visited.getCluster().getRexBuilder();
        return visited.accept(new RexShuttle() {
          @Override
          public RexNode visitOver(RexOver over) {
            RexOver visitedOver = (RexOver) super.visitOver(over);
            if (!isSum(visitedOver.getKind()) || visitedOver.getOperands().size() != 1
                || !widens(visitedOver.getOperands().get(0).getType(), visitedOver.getType())) {
              return visitedOver;
            }
            RexNode operand = visitedOver.getOperands().get(0);
            RexNode widened = rex.makeCast(
                rex.getTypeFactory().createTypeWithNullability(visitedOver.getType(), operand.getType().isNullable()),
                operand, true, false);
            RexWindow window = visitedOver.getWindow();
            return rex.makeOver(visitedOver.getType(), visitedOver.getAggOperator(), List.of(widened),
                window.partitionKeys, window.orderKeys, window.getLowerBound(), window.getUpperBound(),
                window.getExclude(), window.isRows(), true, false, visitedOver.isDistinct(), visitedOver.ignoreNulls());
          }
        });
      }
    });
  }

  private static RelNode cast(Aggregate aggregate) {
    RelNode input = aggregate.getInput();
    RexBuilder rex = aggregate.getCluster().getRexBuilder();
    List<RexNode> projects = new ArrayList<>();
    for (int i = 0; i < input.getRowType().getFieldCount(); i++) {
      projects.add(RexInputRef.of(i, input.getRowType()));
    }
    List<AggregateCall> calls = new ArrayList<>();
    for (AggregateCall call : aggregate.getAggCallList()) {
      if (!isSum(call.getAggregation().getKind()) || call.getArgList().size() != 1) {
        calls.add(call);
        continue;
      }
      RelDataType argument = input.getRowType().getFieldList().get(call.getArgList().get(0)).getType();
      if (!widens(argument, call.getType())) {
        calls.add(call);
        continue;
      }
      projects.add(rex.makeCast(rex.getTypeFactory().createTypeWithNullability(call.getType(), argument.isNullable()),
          projects.get(call.getArgList().get(0)), true, false));
      calls.add(call.withArgList(List.of(projects.size() - 1)));
    }
    if (projects.size() == input.getRowType().getFieldCount()) {
      return aggregate;
    }
    RelNode widened = LogicalProject.create(input, List.of(), projects, (List<String>) null, java.util.Set.of());
    return aggregate.copy(aggregate.getTraitSet(), widened, aggregate.getGroupSet(), aggregate.getGroupSets(), calls);
  }

  private static boolean isSum(SqlKind kind) {
    return kind == SqlKind.SUM || kind == SqlKind.SUM0;
  }

  /** Whether a sum of {@code argument} is the numeric {@code sum} of a whole number (which Calcite cannot add to it). */
  private static boolean widens(RelDataType argument, RelDataType sum) {
    return sum.getSqlTypeName() == SqlTypeName.DECIMAL && SqlTypeName.INT_TYPES.contains(argument.getSqlTypeName());
  }
}
