package org.marketingsql.sql;

import java.lang.reflect.Method;
import java.util.List;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * PostgreSQL's rounding of a double precision, where the driver computes it: half to even, as C's {@code rint}, in
 * {@code round(x)} ({@code round(2.5::float8)} is {@code 2}) and in a cast to an integer ({@code 3.5::float8::int} is
 * {@code 4}, {@code 2.5::float8::int} {@code 2}), where Calcite rounds half away from zero and casts toward zero. A
 * numeric still rounds half away from zero, as in PostgreSQL.
 *
 * <p>The calls keep the types Calcite derives; the store writes them as its own {@code round} and its own cast
 * ({@link StoreCalls}), which keep the store's rounding. Public, since Calcite's generated code calls {@link #rint}
 * and the driver binds the roundings ({@link #halfEven}, {@link #BEFORE_CAST}).
 */
public final class PgFloatRounding {
  /** {@code round(x)} of a double precision. */
  static final SqlOperator ROUND = new PgFunction("FLOAT8_ROUND", true, true, null, ReturnTypes.ARG0_NULLABLE,
      OperandTypes.NUMERIC, List.of("x"), List.of(method()));
  /**
   * A double precision rounded before a cast to an integer, which the driver's conversion to expressions puts in each
   * such cast; in the store, the value as it is (the store's cast rounds).
   */
  public static final SqlOperator BEFORE_CAST = new PgFunction("FLOAT8_RINT", true, true, null, ReturnTypes.ARG0_NULLABLE,
      OperandTypes.NUMERIC, List.of("x"), List.of(method()));

  private PgFloatRounding() {
  }

  /** {@code x} rounded half to even. */
  public static double rint(double x) {
    return Math.rint(x);
  }

  /**
   * The call as PostgreSQL's {@code round(x)}, of the same type, when it is {@code round} of a double precision; else
   * as it is.
   */
  public static RexNode halfEven(RexNode node) {
    if (!(node instanceof RexCall call) || call.getOperands().size() != 1 || !isDouble(call.getOperands().get(0))) {
      return node;
    }
    if (call.getOperator() == SqlStdOperatorTable.ROUND) {
      return new RexCall(call.getType(), ROUND, call.getOperands()) {
      };
    }
    return call;
  }

  private static boolean isDouble(RexNode value) {
    SqlTypeName type = value.getType().getSqlTypeName();
    return type == SqlTypeName.DOUBLE || type == SqlTypeName.FLOAT;
  }

  private static Method method() {
    try {
      return PgFloatRounding.class.getMethod("rint", double.class);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("PgFloatRounding.rint is missing", e);
    }
  }
}
