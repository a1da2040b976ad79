package org.marketingsql.sql;

import java.util.Objects;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.dialect.AnsiSqlDialect;
import org.apache.calcite.sql.dialect.PostgresqlSqlDialect;
import org.marketingsql.store.Store;

/** The Calcite dialect that writes SQL a store's database accepts. */
public final class StoreDialects {
  private StoreDialects() {
  }

  /** DuckDB's with the finance functions for a DuckDB store, PostgreSQL's for a PostgreSQL one, else ANSI. */
  public static SqlDialect of(Store store) {
    return switch (Objects.requireNonNull(store, "store").database()) {
      case "duckdb" -> MarketingDuckDbDialect.INSTANCE;
      case "postgresql" -> PostgresqlSqlDialect.DEFAULT;
      default -> AnsiSqlDialect.DEFAULT;
    };
  }
}
