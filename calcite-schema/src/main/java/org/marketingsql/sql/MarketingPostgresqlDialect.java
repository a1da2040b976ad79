package org.marketingsql.sql;

import java.util.Locale;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlConformance;

/**
 * Calcite's PostgreSQL dialect with the finance functions of {@link FinanceOperators} written as the plain SQL
 * of {@link FinanceStoreSql} in PostgreSQL's words, and a DATE shifted by an interval kept a DATE
 * ({@link StoreCalls}). The PostgreSQL functions the analysts' SQL names and the store runs ({@link PgFunction}:
 * {@code date_trunc}, {@code date_part}, {@code to_char}, {@code concat}, {@code md5} …) go to the store under
 * their own lower-case names, unquoted (quoted, PostgreSQL would look for an upper-case function); the date
 * functions' date or timestamp argument is cast to TIMESTAMP, so PostgreSQL picks the form without time zone
 * (a DATE would be taken as a {@code timestamp with time zone} in the server's zone) and
 * {@code date_trunc} returns a TIMESTAMP, as it does above the store.
 */
final class MarketingPostgresqlDialect extends PostgresqlSqlDialect {
  static final MarketingPostgresqlDialect INSTANCE = new MarketingPostgresqlDialect();
  private static final FinanceStoreSql FINANCE = new FinanceStoreSql(FinanceStoreSql.Words.POSTGRESQL);
  private final SqlConformance conformance;

  private MarketingPostgresqlDialect() {
    super(PostgresqlSqlDialect.DEFAULT_CONTEXT);
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
  public RexNode prepareUnparse(RexNode rex) {
    return StoreCalls.prepare(super.prepareUnparse(rex), FINANCE);
  }

  /** As Calcite's, without ORDER BY positions ({@link OrderedSetAggregates#withoutSortByOrdinal}). */
  @Override
  public SqlConformance getConformance() {
    return conformance;
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
      PgTimeZones.storeSql(call, true).unparse(writer, leftPrec, rightPrec);
      return;
    }
    SqlOperator operator = call.getOperator();
    if (!(operator instanceof PgFunction)) {
      super.unparseCall(writer, call, leftPrec, rightPrec);
      return;
    }
    if (operator == PgOperators.EXTRACT_PART) {
      // PostgreSQL's numeric: date_part's double cast to it
      PgExtract.inStore(call).unparse(writer, leftPrec, rightPrec);
      return;
    }
    // date_trunc(unit, ts), date_part(unit, ts): the second argument; to_char(ts, format): the first
    boolean datePart = operator == PgOperators.DATE_PART;
    int timestamp = operator == PgOperators.DATE_TRUNC || datePart ? 1 : operator == PgOperators.TO_CHAR ? 0 : -1;
    writer.print(datePart ? "date_part" : operator.getName().toLowerCase(Locale.ROOT));
    SqlWriter.Frame frame = writer.startList("(", ")");
    for (int i = 0; i < call.operandCount(); i++) {
      writer.sep(",");
      SqlNode operand = call.operand(i);
      if (i == timestamp) {
        operand = SqlStdOperatorTable.CAST.createCall(SqlParserPos.ZERO, operand, new SqlDataTypeSpec(
            new SqlBasicTypeNameSpec(SqlTypeName.TIMESTAMP, SqlParserPos.ZERO), SqlParserPos.ZERO));
      }
      operand.unparse(writer, 0, 0);
    }
    writer.endList(frame);
  }
}
