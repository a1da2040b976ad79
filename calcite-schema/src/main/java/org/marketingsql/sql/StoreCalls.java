package org.marketingsql.sql;

import java.util.List;
import java.util.Objects;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * What every store dialect rewrites before it writes a call: a finance function becomes the plain SQL of
 * {@link FinanceStoreSql} in the store's words, a text's cast the store's own cast ({@link PgTextInput#INPUT}), an
 * average's or a variance's last step that of {@link MomentStoreSql}, PostgreSQL's division of numerics
 * ({@link PgDivision}) the store's own {@code /}, its rounding of a double precision ({@link PgFloatRounding}) the
 * store's own round and cast, and a DATE plus or minus an interval is cast back to DATE (in SQL
 * it is a DATE; DuckDB and PostgreSQL both make it a TIMESTAMP, and Calcite drops the analyst's own
 * {@code CAST(… AS DATE)} as a no-op, so the text of {@code date_day - INTERVAL '7' DAY} grew a time of day).
 */
final class StoreCalls {
  private StoreCalls() {
  }

  /** The call as the store's dialect writes it; {@code prepared} is what the dialect's own preparation made. */
  static RexNode prepare(RexNode prepared, FinanceStoreSql finance) {
    Objects.requireNonNull(finance, "finance");
    if (prepared instanceof RexCall call && FinanceOperators.runsInStore(call.getOperator())) {
      StoreTemplate template = new StoreTemplate(call.getOperator().getName(), finance.template(call));
      return new RexCall(call.getType(), template, call.getOperands()) {
      };
    }
    if (prepared instanceof RexCall call && PgAverages.isMoment(call.getOperator())) {
      StoreTemplate template = new StoreTemplate(call.getOperator().getName(),
          new MomentStoreSql(finance.words()).template(call));
      return new RexCall(call.getType(), template, call.getOperands()) {
      };
    }
    if (prepared instanceof RexCall call && call.getOperator() == PgFloatRounding.ROUND) {
      // the store's own round, with its own rounding
      return new RexCall(call.getType(), SqlStdOperatorTable.ROUND, call.getOperands()) {
      };
    }
    if (prepared instanceof RexCall call && call.getOperator() == PgFloatRounding.BEFORE_CAST) {
      // the value, which the store's own cast rounds
      return call.getOperands().get(0);
    }
    if (prepared instanceof RexCall call && call.getOperator() == PgDivision.DIVIDE) {
      // the store's own division of numerics, with its own digits
      return new RexCall(call.getType(), SqlStdOperatorTable.DIVIDE, call.getOperands()) {
      };
    }
    if (prepared instanceof RexCall call && call.getOperator() == PgTextOperators.TEXTCAT) {
      // the store's own ||: its operands are values it holds
      return new RexCall(call.getType(), SqlStdOperatorTable.CONCAT, call.getOperands()) {
      };
    }
    if (prepared instanceof RexCall cast && cast.getKind() == SqlKind.CAST && cast.getOperands().size() == 1
        && cast.getOperands().get(0) instanceof RexCall input && input.getOperator() == PgTextInput.INPUT) {
      // the store's own cast of the text, whose error the driver words as PostgreSQL's
      return cast.clone(cast.getType(), List.of(input.getOperands().get(0)));
    }
    if (prepared instanceof RexCall input && input.getOperator() == PgTextInput.INPUT) {
      // a text whose cast Calcite's SQL writer left out (it compares a date or a timestamp with the text itself, as
      // the store reads it): the text
      return input.getOperands().get(0);
    }
    if (prepared instanceof RexCall call && isDateShiftedByInterval(call)) {
      return new RexCall(call.getType(), new CastBack(call.getOperator(), date()), call.getOperands()) {
      };
    }
    return prepared;
  }

  /**
   * For DuckDB, whose {@code /} of numerics gives a double: a division whose result is a DECIMAL cast back to that
   * DECIMAL, so the store returns the number Calcite computes ({@code floor(extract(epoch from ts) / 86400)} is
   * {@code 20104}, not the double {@code 2.0104E4}).
   */
  static RexNode decimalDivision(RexNode prepared) {
    if (prepared instanceof RexCall call && call.getKind() == SqlKind.DIVIDE
        && call.getType().getSqlTypeName() == SqlTypeName.DECIMAL) {
      RelDataType type = call.getType();
      SqlDataTypeSpec decimal = new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.DECIMAL, type.getPrecision(),
          type.getScale(), SqlParserPos.ZERO), SqlParserPos.ZERO);
      return new RexCall(type, new CastBack(call.getOperator(), decimal), call.getOperands()) {
      };
    }
    return prepared;
  }

  private static SqlDataTypeSpec date() {
    return new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.DATE, SqlParserPos.ZERO), SqlParserPos.ZERO);
  }

  private static boolean isDateShiftedByInterval(RexCall call) {
    SqlKind kind = call.getKind();
    return (kind == SqlKind.PLUS || kind == SqlKind.MINUS)
        && call.getType().getSqlTypeName() == SqlTypeName.DATE
        && call.getOperands().stream().anyMatch(operand -> SqlTypeUtil.isInterval(operand.getType()));
  }

  /** Unparses as the wrapped operator's call inside {@code CAST(… AS type)}. */
  private static final class CastBack extends SqlSpecialOperator {
    private final SqlOperator operator;
    private final SqlDataTypeSpec type;

    CastBack(SqlOperator operator, SqlDataTypeSpec type) {
      super("CAST_BACK", SqlKind.OTHER_FUNCTION);
      this.operator = Objects.requireNonNull(operator, "operator");
      this.type = Objects.requireNonNull(type, "type");
    }

    @Override
    public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
      SqlCall inner = operator.createCall(SqlParserPos.ZERO, List.copyOf(call.getOperandList()));
      SqlStdOperatorTable.CAST.createCall(SqlParserPos.ZERO, inner, type).unparse(writer, leftPrec, rightPrec);
    }
  }
}
