package org.marketingsql.jdbc;

import java.util.Map;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.marketingsql.sql.PgDivision;
import org.marketingsql.sql.PgFloatRounding;

/**
 * Arithmetic as PostgreSQL computes it, where the driver computes it; the store computes its own, and each column's
 * type stays the one Calcite derives.
 * <ul>
 * <li>A division of numerics is PostgreSQL's ({@link PgDivision}): {@code 500.00 / 3} is {@code 166.6666666666666667},
 * where Calcite's own division keeps sixteen significant digits.</li>
 * <li>Integer arithmetic ({@code +}, {@code -}, {@code *}, {@code /} and a minus sign of smallints, integers and
 * bigints) is Calcite's checked operators, so that a result past its type's range is an error ({@code 2147483647 + 1}
 * is {@code 22003}, "integer out of range"), not a number wrapped around. The store writes them as its own
 * {@code +}, {@code -}, {@code *} and {@code /}, and refuses an overflow as well.</li>
 * <li>{@code round(x)} of a double precision rounds half to even, as PostgreSQL's {@code rint}
 * ({@link PgFloatRounding}): {@code round(2.5::float8)} is {@code 2}.</li>
 * </ul>
 */
final class PgArithmetic {
  private static final Map<SqlKind, SqlOperator> CHECKED = Map.of(SqlKind.PLUS, SqlStdOperatorTable.CHECKED_PLUS,
      SqlKind.MINUS, SqlStdOperatorTable.CHECKED_MINUS, SqlKind.TIMES, SqlStdOperatorTable.CHECKED_MULTIPLY,
      SqlKind.DIVIDE, SqlStdOperatorTable.CHECKED_DIVIDE, SqlKind.MINUS_PREFIX, SqlStdOperatorTable.CHECKED_UNARY_MINUS);

  private PgArithmetic() {
  }

  /** {@code rel} with every division of numerics PostgreSQL's and its integer arithmetic checked. */
  static RelNode rewrite(RelNode rel) {
    return rel.accept(new RelHomogeneousShuttle() {
      @Override
      public RelNode visit(RelNode other) {
        return super.visit(other).accept(new RexShuttle() {
          @Override
          public RexNode visitCall(RexCall call) {
            RexNode visited = super.visitCall(call);
            return visited instanceof RexCall c ? checked(PgFloatRounding.halfEven(PgDivision.exact(c))) : visited;
          }
        });
      }
    });
  }

  private static RexNode checked(RexNode node) {
    if (!(node instanceof RexCall call)) {
      return node;
    }
    SqlOperator checked = CHECKED.get(call.getKind());
    if (checked == null || !SqlTypeUtil.isIntType(call.getType())
        || !call.getOperands().stream().allMatch(o -> SqlTypeUtil.isIntType(o.getType()))) {
      return call;
    }
    return new RexCall(call.getType(), checked, call.getOperands()) {
    };
  }
}
