package org.marketingsql.sql;

import java.util.Objects;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.dialect.AnsiSqlDialect;
import org.marketingsql.store.Store;

/** The Calcite dialect that writes SQL a store's database accepts. */
public final class StoreDialects {
  private StoreDialects() {
  }

  /** DuckDB's or PostgreSQL's, each with the finance functions in its own SQL, for a store on either; else ANSI. */
  public static SqlDialect of(Store store) {
    return switch (Objects.requireNonNull(store, "store").database()) {
      case "duckdb" -> MarketingDuckDbDialect.INSTANCE;
      case "postgresql" -> MarketingPostgresqlDialect.INSTANCE;
      default -> AnsiSqlDialect.DEFAULT;
    };
  }
}
