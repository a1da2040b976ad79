package org.marketingsql.sql;

import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;

/**
 * Calcite's PostgreSQL dialect with the finance functions of {@link FinanceOperators} written as the plain SQL
 * of {@link FinanceStoreSql} in PostgreSQL's words, and a DATE shifted by an interval kept a DATE
 * ({@link StoreCalls}). PostgreSQL's own date functions ({@code date_trunc}, {@code date_part}, {@code to_char})
 * are the ones the analysts' SQL names, so they go to the store as they are.
 */
final class MarketingPostgresqlDialect extends PostgresqlSqlDialect {
  static final MarketingPostgresqlDialect INSTANCE = new MarketingPostgresqlDialect();
  private static final FinanceStoreSql FINANCE = new FinanceStoreSql(FinanceStoreSql.Words.POSTGRESQL);

  private MarketingPostgresqlDialect() {
    super(PostgresqlSqlDialect.DEFAULT_CONTEXT);
  }

  @Override
  public RexNode prepareUnparse(RexNode rex) {
    return StoreCalls.prepare(super.prepareUnparse(rex), FINANCE);
  }
}
