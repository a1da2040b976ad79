package org.marketingsql.sql;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlBasicFunction;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlFunction;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIntervalLiteral;
import org.apache.calcite.sql.SqlIntervalQualifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.parser.SqlParserUtil;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlConformance;

/**
 * Calcite's DuckDB dialect with these corrections:
 * <ul>
 *   <li>no {@code CAST(… AS VARCHAR CHARACTER SET …)}, which DuckDB rejects: DuckDB strings are UTF-8 and
 *       unbounded, so a plain VARCHAR is exact;</li>
 *   <li>a DATE plus or minus an interval is cast back to DATE ({@link StoreCalls}): DuckDB makes it a
 *       TIMESTAMP, so the text of {@code date_day - INTERVAL '7' DAY} came back as {@code 2025-01-09 00:00:00};</li>
 *   <li>a division whose result is a DECIMAL is cast back to it ({@link StoreCalls#decimalDivision}): DuckDB's is a
 *       double;</li>
 *   <li>no nested aggregates ({@link #supportsNestedAggregations}), which DuckDB refuses.</li>
 * </ul>
 * interval literals in the form DuckDB reads, and PostgreSQL's date functions in DuckDB's words: {@code date_trunc} and {@code date_part} are DuckDB's own
 * (cast to PostgreSQL's TIMESTAMP and DOUBLE; seconds keep their fraction), and {@code to_char} with a format
 * {@link PgOperators#TO_CHAR} takes is {@code strftime} with the matching format; the finance functions of
 * {@link FinanceOperators} as the plain SQL of {@link FinanceStoreSql}.
 */
final class MarketingDuckDbDialect extends DuckDBSqlDialect {
  static final MarketingDuckDbDialect INSTANCE = new MarketingDuckDbDialect();
  private static final SqlFunction DUCK_DATE_TRUNC = SqlBasicFunction.create("DATE_TRUNC", ReturnTypes.ARG1,
      OperandTypes.ANY_ANY, SqlFunctionCategory.TIMEDATE);
  private static final SqlFunction DUCK_DATE_PART = SqlBasicFunction.create("DATE_PART", ReturnTypes.BIGINT,
      OperandTypes.ANY_ANY, SqlFunctionCategory.TIMEDATE);
  private static final SqlFunction DUCK_STRFTIME = SqlBasicFunction.create("STRFTIME", ReturnTypes.VARCHAR,
      OperandTypes.ANY_ANY, SqlFunctionCategory.TIMEDATE);

  private static final FinanceStoreSql FINANCE = new FinanceStoreSql(FinanceStoreSql.Words.DUCKDB);
  private final SqlConformance conformance;

  private MarketingDuckDbDialect() {
    super(DuckDBSqlDialect.DEFAULT_CONTEXT);
    conformance = OrderedSetAggregates.withoutSortByOrdinal(super.getConformance());
  }

  /**
   * DIRECT: Calcite's JDBC adapter reads a DATE or TIME column with {@code getInt}, a TIMESTAMP with {@code getLong}
   * and an ARRAY with {@code getObject}, which the store's read connections answer with the values Calcite holds, days
   * counted in the proleptic Gregorian calendar as the store counts them (the store's {@code CalciteValues}), instead
   * of through a {@code java.sql.Date} or {@code Timestamp}, whose Julian calendar before 1582-10-15 would move old days.
   */
  @Override
  public CalendarPolicy getCalendarPolicy() {
    return CalendarPolicy.DIRECT;
  }

  @Override
  public SqlNode getCastSpec(RelDataType type) {
    if (type.getSqlTypeName() == SqlTypeName.VARCHAR || type.getSqlTypeName() == SqlTypeName.CHAR) {
      return new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.VARCHAR, SqlParserPos.ZERO), SqlParserPos.ZERO);
    }
    return super.getCastSpec(type);
  }

  /** As Calcite's, without ORDER BY positions ({@link OrderedSetAggregates#withoutSortByOrdinal}). */
  @Override
  public SqlConformance getConformance() {
    return conformance;
  }

  /**
   * No: DuckDB, as PostgreSQL, refuses an aggregate of an aggregate ("aggregate function calls cannot be nested").
   * Calcite's DuckDB dialect keeps the default yes, and its SQL writer then merged an aggregate over an expression of
   * another aggregate ({@code SUM(CAST(SUM(x) AS …))}) into the inner query; with no, the inner query is a sub-query.
   */
  @Override
  public boolean supportsNestedAggregations() {
    return false;
  }

  /** Besides Calcite's, PostgreSQL's ordered-set aggregates ({@link OrderedSetAggregates}). */
  @Override
  public boolean supportsAggregateFunction(org.apache.calcite.sql.SqlKind kind) {
    return super.supportsAggregateFunction(kind) || OrderedSetAggregates.KINDS.contains(kind);
  }

  @Override
  public void unparseCall(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
    if (OrderedSetAggregates.unparseMode(writer, call) || BooleanAggregates.unparse(writer, call, leftPrec, rightPrec)) {
      return;
    }
    if (call instanceof org.apache.calcite.sql.SqlSelect select) {
      StoreOrderBy.withoutConstantKeys(select);
    }
    if (PgTimeZones.runsInStore(call.getOperator())) {
      PgTimeZones.storeSql(call, false).unparse(writer, leftPrec, rightPrec);
      return;
    }
    SqlOperator operator = call.getOperator();
    if (operator == PgOperators.DATE_TRUNC) {
      SqlCall trunc = DUCK_DATE_TRUNC.createCall(SqlParserPos.ZERO, unit(call.operand(0)), call.operand(1));
      cast(trunc, SqlTypeName.TIMESTAMP).unparse(writer, leftPrec, rightPrec);
    } else if (operator == PgOperators.EXTRACT_PART) {
      // PostgreSQL's numeric: date_part's double cast to it
      PgExtract.inStore(call).unparse(writer, leftPrec, rightPrec);
    } else if (operator == PgOperators.DATE_PART) {
      boolean seconds = call.operand(0) instanceof SqlCharStringLiteral literal
          && PgStoreSql.isSecond(literal.getValueAs(String.class));
      SqlNode unit = seconds ? SqlLiteral.createCharString("microseconds", SqlParserPos.ZERO) : unit(call.operand(0));
      SqlNode part = cast(DUCK_DATE_PART.createCall(SqlParserPos.ZERO, unit, call.operand(1)), SqlTypeName.DOUBLE);
      if (seconds) {
        part = SqlStdOperatorTable.DIVIDE.createCall(SqlParserPos.ZERO, part,
            SqlLiteral.createExactNumeric("1000000", SqlParserPos.ZERO));
      }
      part.unparse(writer, leftPrec, rightPrec);
    } else if (operator == PgOperators.TO_CHAR) {
      String format = call.operand(1) instanceof SqlCharStringLiteral literal
          ? PgStoreSql.strftime(literal.getValueAs(String.class)).orElse(null) : null;
      if (format == null) {
        throw new IllegalStateException("to_char's format has no strftime form in the store's SQL: " + call);
      }
      DUCK_STRFTIME.createCall(SqlParserPos.ZERO, call.operand(0), SqlLiteral.createCharString(format, SqlParserPos.ZERO))
          .unparse(writer, leftPrec, rightPrec);
    } else {
      super.unparseCall(writer, call, leftPrec, rightPrec);
    }
  }

  /**
   * DuckDB reads {@code INTERVAL '-1' DAY} but neither a sign before the quote nor a precision nor a range
   * ({@code DAY TO SECOND}): a range is written as months or milliseconds.
   */
  @Override
  public void unparseSqlIntervalLiteral(SqlWriter writer, SqlIntervalLiteral literal, int leftPrec, int rightPrec) {
    SqlIntervalLiteral.IntervalValue interval = literal.getValueAs(SqlIntervalLiteral.IntervalValue.class);
    SqlIntervalQualifier qualifier = interval.getIntervalQualifier();
    String sign = interval.getSign() == -1 ? "-" : "";
    writer.keyword("INTERVAL");
    if (qualifier.timeUnitRange.endUnit == null) {
      writer.literal("'" + sign + interval.getIntervalLiteral() + "'");
      writer.keyword(qualifier.timeUnitRange.startUnit.name());
    } else if (qualifier.isYearMonth()) {
      writer.literal("'" + sign + SqlParserUtil.intervalToMonths(interval.getIntervalLiteral(), qualifier) + "'");
      writer.keyword("MONTH");
    } else {
      writer.literal("'" + sign + SqlParserUtil.intervalToMillis(interval.getIntervalLiteral(), qualifier) + "'");
      writer.keyword("MILLISECOND");
    }
  }

  private static SqlNode unit(SqlNode unit) {
    return unit instanceof SqlCharStringLiteral literal
        ? SqlLiteral.createCharString(PgStoreSql.unit(literal.getValueAs(String.class)), SqlParserPos.ZERO) : unit;
  }

  private static SqlCall cast(SqlNode value, SqlTypeName type) {
    return SqlStdOperatorTable.CAST.createCall(SqlParserPos.ZERO, value,
        new SqlDataTypeSpec(new SqlBasicTypeNameSpec(type, SqlParserPos.ZERO), SqlParserPos.ZERO));
  }

  @Override
  public RexNode prepareUnparse(RexNode rex) {
    return StoreCalls.decimalDivision(StoreCalls.prepare(super.prepareUnparse(rex), FINANCE));
  }
}
