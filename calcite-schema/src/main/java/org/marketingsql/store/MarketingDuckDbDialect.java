package org.marketingsql.store;

import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;

/**
 * Calcite's DuckDB dialect with two corrections (DESIGN 2):
 * <ul>
 *   <li>no {@code CAST(… AS VARCHAR CHARACTER SET …)}, which DuckDB rejects: DuckDB strings are UTF-8 and
 *       unbounded, so a plain VARCHAR is exact;</li>
 *   <li>a DATE plus or minus an interval is cast back to DATE: in SQL it is a DATE, DuckDB makes it a
 *       TIMESTAMP, and Calcite drops the analyst's own {@code CAST(… AS DATE)} as a no-op, so the text of
 *       {@code date_day - INTERVAL '7' DAY} came back as {@code 2025-01-09 00:00:00}.</li>
 * </ul>
 */
final class MarketingDuckDbDialect extends DuckDBSqlDialect {
  static final MarketingDuckDbDialect INSTANCE = new MarketingDuckDbDialect();

  private MarketingDuckDbDialect() {
    super(DuckDBSqlDialect.DEFAULT_CONTEXT);
  }

  @Override
  public SqlNode getCastSpec(RelDataType type) {
    if (type.getSqlTypeName() == SqlTypeName.VARCHAR || type.getSqlTypeName() == SqlTypeName.CHAR) {
      return new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.VARCHAR, SqlParserPos.ZERO), SqlParserPos.ZERO);
    }
    return super.getCastSpec(type);
  }

  @Override
  public RexNode prepareUnparse(RexNode rex) {
    RexNode prepared = super.prepareUnparse(rex);
    if (prepared instanceof RexCall call && isDateShiftedByInterval(call)) {
      return new RexCall(call.getType(), new StaysDate(call.getOperator()), call.getOperands()) {
      };
    }
    return prepared;
  }

  private static boolean isDateShiftedByInterval(RexCall call) {
    SqlKind kind = call.getKind();
    return (kind == SqlKind.PLUS || kind == SqlKind.MINUS)
        && call.getType().getSqlTypeName() == SqlTypeName.DATE
        && call.getOperands().stream().anyMatch(operand -> SqlTypeUtil.isInterval(operand.getType()));
  }

  /** Unparses as the wrapped operator's call inside {@code CAST(… AS DATE)}. */
  private static final class StaysDate extends SqlSpecialOperator {
    private final SqlOperator shift;

    StaysDate(SqlOperator shift) {
      super("DATE_SHIFT", SqlKind.OTHER_FUNCTION);
      this.shift = shift;
    }

    @Override
    public void unparse(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
      SqlCall shifted = shift.createCall(SqlParserPos.ZERO, List.copyOf(call.getOperandList()));
      SqlDataTypeSpec date = new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.DATE, SqlParserPos.ZERO),
          SqlParserPos.ZERO);
      SqlStdOperatorTable.CAST.createCall(SqlParserPos.ZERO, shifted, date).unparse(writer, leftPrec, rightPrec);
    }
  }
}
