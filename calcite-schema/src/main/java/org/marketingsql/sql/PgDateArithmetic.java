package org.marketingsql.sql;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlMonotonicBinaryOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.InferTypes;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * PostgreSQL's {@code date + integer} and {@code date - integer} (a date that many days later or earlier) and
 * {@code date - date} (the days between, an integer), {@code date + time} (a timestamp), {@code timestamp -
 * timestamp} (an interval of days and a time), which Calcite refuses, and {@code date ± interval}, which is a
 * timestamp in PostgreSQL (Calcite's is a date): the date is taken as its midnight. {@link PgCalls} binds every
 * {@code +} and {@code -} to these operators; once the operands' types are known, each call takes Calcite's own
 * operator again, unless it is one of these forms, which take a Java function (they run above the store).
 */
final class PgDateArithmetic extends SqlMonotonicBinaryOperator {
  static final PgDateArithmetic PLUS = new PgDateArithmetic(SqlStdOperatorTable.PLUS);
  static final PgDateArithmetic MINUS = new PgDateArithmetic(SqlStdOperatorTable.MINUS);

  static final SqlOperator DATE_PLUS_DAYS = new PgFunction("DATE_PLUS_DAYS", false, true, null,
      ReturnTypes.DATE_NULLABLE, OperandTypes.family(SqlTypeFamily.DATE, SqlTypeFamily.INTEGER),
      List.of("date", "days"), List.of(method("datePlusDays")));
  static final SqlOperator DATE_MINUS_DAYS = new PgFunction("DATE_MINUS_DAYS", false, true, null,
      ReturnTypes.DATE_NULLABLE, OperandTypes.family(SqlTypeFamily.DATE, SqlTypeFamily.INTEGER),
      List.of("date", "days"), List.of(method("dateMinusDays")));
  static final SqlOperator DAYS_BETWEEN = new PgFunction("DAYS_BETWEEN", false, true, null,
      ReturnTypes.INTEGER_NULLABLE, OperandTypes.family(SqlTypeFamily.DATE, SqlTypeFamily.DATE),
      List.of("later", "earlier"), List.of(method("daysBetween")));

  /** {@code timestamp - timestamp}: the time between, an interval of days and a time, as PostgreSQL writes it. */
  static final SqlOperator TIME_BETWEEN = new PgFunction("TIME_BETWEEN", false, true, null,
      ReturnTypes.explicit(factory -> factory.createSqlIntervalType(new org.apache.calcite.sql.SqlIntervalQualifier(
          org.apache.calcite.avatica.util.TimeUnit.DAY, 9, org.apache.calcite.avatica.util.TimeUnit.SECOND, 3,
          SqlParserPos.ZERO))).andThen(org.apache.calcite.sql.type.SqlTypeTransforms.TO_NULLABLE),
      OperandTypes.family(SqlTypeFamily.TIMESTAMP, SqlTypeFamily.TIMESTAMP), List.of("later", "earlier"),
      List.of(method("timeBetween")));

  /** {@code date + time}: the timestamp of that time on that day. */
  static final SqlOperator DATE_AT_TIME = new PgFunction("DATE_AT_TIME", false, true, null,
      ReturnTypes.explicit(SqlTypeName.TIMESTAMP, 3).andThen(org.apache.calcite.sql.type.SqlTypeTransforms.TO_NULLABLE),
      OperandTypes.family(SqlTypeFamily.DATE, SqlTypeFamily.TIME), List.of("date", "time"), List.of(method("dateAtTime")));

  private final SqlOperator standard;

  private PgDateArithmetic(SqlOperator standard) {
    super(standard.getName(), standard.getKind(), standard.getLeftPrec(), true, ReturnTypes.NULLABLE_SUM,
        InferTypes.FIRST_KNOWN, OperandTypes.PLUS_OPERATOR);
    this.standard = Objects.requireNonNull(standard, "standard");
  }

  @Override
  public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
    RelDataType left = validator.deriveType(scope, call.operand(0));
    RelDataType right = validator.deriveType(scope, call.operand(1));
    SqlOperator chosen = standard;
    if (left.getSqlTypeName() == SqlTypeName.DATE && SqlTypeUtil.isIntType(right)) {
      chosen = getKind() == SqlKind.PLUS ? DATE_PLUS_DAYS : DATE_MINUS_DAYS;
    } else if (getKind() == SqlKind.PLUS && SqlTypeUtil.isIntType(left) && right.getSqlTypeName() == SqlTypeName.DATE) {
      SqlCall swapped = (SqlCall) call;
      var first = swapped.operand(0);
      ((SqlBasicCall) call).setOperand(0, swapped.operand(1));
      ((SqlBasicCall) call).setOperand(1, first);
      chosen = DATE_PLUS_DAYS;
    } else if (getKind() == SqlKind.MINUS && left.getSqlTypeName() == SqlTypeName.DATE
        && right.getSqlTypeName() == SqlTypeName.DATE) {
      chosen = DAYS_BETWEEN;
    } else if (getKind() == SqlKind.PLUS && (left.getSqlTypeName() == SqlTypeName.DATE
        && right.getSqlTypeName() == SqlTypeName.TIME || left.getSqlTypeName() == SqlTypeName.TIME
        && right.getSqlTypeName() == SqlTypeName.DATE)) {
      if (left.getSqlTypeName() == SqlTypeName.TIME) {
        var time = call.operand(0);
        ((SqlBasicCall) call).setOperand(0, call.operand(1));
        ((SqlBasicCall) call).setOperand(1, time);
      }
      chosen = DATE_AT_TIME;
    } else if (getKind() == SqlKind.MINUS && isDateTime(left) && isDateTime(right)) {
      // a date with a timestamp is its midnight, as in PostgreSQL
      if (left.getSqlTypeName() == SqlTypeName.DATE) {
        atMidnight(call, 0);
      }
      if (right.getSqlTypeName() == SqlTypeName.DATE) {
        atMidnight(call, 1);
      }
      chosen = TIME_BETWEEN;
    } else if (left.getSqlTypeName() == SqlTypeName.DATE && SqlTypeUtil.isInterval(right)) {
      atMidnight(call, 0);
    } else if (getKind() == SqlKind.PLUS && SqlTypeUtil.isInterval(left) && right.getSqlTypeName() == SqlTypeName.DATE) {
      atMidnight(call, 1);
    }
    ((SqlBasicCall) call).setOperator(chosen);
    return chosen.deriveType(validator, scope, call);
  }

  /** Whether {@code type} is a timestamp, or a date (which {@code -} takes with a timestamp). */
  private static boolean isDateTime(RelDataType type) {
    return type.getSqlTypeName() == SqlTypeName.TIMESTAMP || type.getSqlTypeName() == SqlTypeName.DATE;
  }

  /** The date operand {@code i} as the timestamp of its midnight: a date plus an interval is a timestamp. */
  private static void atMidnight(SqlCall call, int i) {
    SqlNode date = call.operand(i);
    SqlParserPos pos = date.getParserPosition();
    ((SqlBasicCall) call).setOperand(i, SqlStdOperatorTable.CAST.createCall(pos, date,
        new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.TIMESTAMP, pos), pos)));
  }

  private static java.lang.reflect.Method method(String name) {
    try {
      return PgDates.class.getMethod(name, long.class, long.class);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("PgDates lacks " + name, e);
    }
  }
}
