package org.marketingsql.source;

import java.util.Objects;

/**
 * One column of a synced API table.
 *
 * @param sqlType portable SQL type: VARCHAR, BIGINT, BOOLEAN, DATE, TIMESTAMP or DECIMAL(18,6)
 */
public record ApiColumn(String name, String sqlType) {
  public ApiColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sqlType, "sqlType");
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("column name '" + name + "' must be snake_case");
    }
  }
}
