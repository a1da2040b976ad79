package org.marketingsql.jdbc;

import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.marketingsql.sql.PgDivision;

/**
 * A division of numerics is PostgreSQL's ({@link PgDivision}): where the driver computes it, its quotient has the
 * digits PostgreSQL gives ({@code 500.00 / 3} is {@code 166.6666666666666667}), where Calcite's own division keeps
 * sixteen significant digits; the store computes its own division as before, and the column's type is the same.
 */
final class NumericDivisions {
  private NumericDivisions() {
  }

  /** {@code rel} with every division of numerics PostgreSQL's. */
  static RelNode exact(RelNode rel) {
    return rel.accept(new RelHomogeneousShuttle() {
      @Override
      public RelNode visit(RelNode other) {
        return super.visit(other).accept(new RexShuttle() {
          @Override
          public RexNode visitCall(RexCall call) {
            RexNode visited = super.visitCall(call);
            return visited instanceof RexCall c ? PgDivision.exact(c) : visited;
          }
        });
      }
    });
  }
}
