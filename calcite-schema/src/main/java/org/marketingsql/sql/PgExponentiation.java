package org.marketingsql.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * {@code x ^ y}: PostgreSQL's exponentiation, where Calcite's parser reads a bitwise exclusive or ({@link PgCalls}
 * binds it). A double precision, as {@code power(x, y)} is, which the driver computes it as; unnamed, as PostgreSQL's
 * operators are. Calcite's parser also binds {@code ^} looser than {@code *} and {@code +}, so {@link #regroup} puts an
 * unparenthesized chain of them back in PostgreSQL's order: {@code 2 * 3 ^ 2} is {@code 2 * (3 ^ 2)}. Public so the
 * driver's conversion to expressions recognises it.
 */
public final class PgExponentiation extends SqlBinaryOperator {
  public static final PgExponentiation INSTANCE = new PgExponentiation();

  /** The arithmetic operators as the parser reads them, by PostgreSQL's precedence (higher binds tighter). */
  private static final Map<SqlOperator, Integer> PRECEDENCE = Map.of(SqlStdOperatorTable.PLUS, 1,
      SqlStdOperatorTable.MINUS, 1, SqlStdOperatorTable.MULTIPLY, 2, SqlStdOperatorTable.DIVIDE, 2,
      SqlStdOperatorTable.PERCENT_REMAINDER, 2, SqlStdOperatorTable.BITXOR_OPERATOR, 3);

  private PgExponentiation() {
    super("^", SqlKind.OTHER, 70, true, ReturnTypes.DOUBLE_NULLABLE, InferTypes.FIRST_KNOWN,
        OperandTypes.NUMERIC_NUMERIC);
  }

  /** Validates the operands here: the operator is already bound, not looked up again by its name (Calcite's {@code ^}). */
  @Override
  public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
    for (SqlNode operand : call.getOperandList()) {
      validator.deriveType(scope, operand);
    }
    return validateOperands(validator, scope, call);
  }

  /**
   * {@code node} as parsed, with an unparenthesized chain of {@code +}, {@code -}, {@code *}, {@code /}, {@code %} and
   * {@code ^} that holds a {@code ^} grouped by PostgreSQL's precedence; any other node as it is.
   */
  static SqlNode regroup(SqlNode node) {
    if (!isChain(node)) {
      return node;
    }
    List<SqlNode> operands = new ArrayList<>();
    List<SqlOperator> operators = new ArrayList<>();
    flatten(node, operands, operators);
    if (!operators.contains(SqlStdOperatorTable.BITXOR_OPERATOR)) {
      return node;
    }
    // operator precedence parsing: every operator here is binary and groups to the left
    List<SqlNode> values = new ArrayList<>();
    List<SqlOperator> pending = new ArrayList<>();
    values.add(operands.get(0));
    for (int i = 0; i < operators.size(); i++) {
      SqlOperator next = operators.get(i);
      while (!pending.isEmpty() && PRECEDENCE.get(pending.get(pending.size() - 1)) >= PRECEDENCE.get(next)) {
        reduce(values, pending);
      }
      pending.add(next);
      values.add(operands.get(i + 1));
    }
    while (!pending.isEmpty()) {
      reduce(values, pending);
    }
    return values.get(0);
  }

  private static void reduce(List<SqlNode> values, List<SqlOperator> pending) {
    SqlNode right = values.remove(values.size() - 1);
    SqlNode left = values.remove(values.size() - 1);
    SqlOperator operator = pending.remove(pending.size() - 1);
    values.add(operator.createCall(left.getParserPosition().plus(right.getParserPosition()), left, right));
  }

  private static void flatten(SqlNode node, List<SqlNode> operands, List<SqlOperator> operators) {
    if (!isChain(node)) {
      operands.add(node);
      return;
    }
    SqlCall call = (SqlCall) node;
    flatten(call.operand(0), operands, operators);
    operators.add(call.getOperator());
    flatten(call.operand(1), operands, operators);
  }

  /** Whether {@code node} is a binary arithmetic call the parser grouped, not one in parentheses. */
  private static boolean isChain(SqlNode node) {
    if (!(node instanceof SqlBasicCall call) || call.operandCount() != 2 || !PRECEDENCE.containsKey(call.getOperator())
        || call.operand(0) == null || call.operand(1) == null) {
      return false;
    }
    // the parser gives an expression in parentheses the parentheses' position, and a call its operands' span
    SqlParserPos pos = call.getParserPosition();
    SqlParserPos first = call.operand(0).getParserPosition();
    SqlParserPos last = call.operand(1).getParserPosition();
    return pos.getLineNum() == first.getLineNum() && pos.getColumnNum() == first.getColumnNum()
        && pos.getEndLineNum() == last.getEndLineNum() && pos.getEndColumnNum() == last.getEndColumnNum();
  }
}
