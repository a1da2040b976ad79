package org.marketingsql.sql;

import java.math.RoundingMode;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;

/**
 * Calcite's type system, with PostgreSQL's rounding: a cast to fewer decimals ({@code 12.345::numeric(10,2)},
 * {@code CAST(x AS DECIMAL(10, 2))}) rounds half away from zero, as PostgreSQL and the store do, where Calcite
 * alone cuts the digits off. Set as a connection's {@code typeSystem}; public, with a public constructor,
 * because Calcite instantiates it by name.
 */
public final class PgTypeSystem extends RelDataTypeSystemImpl {
  public PgTypeSystem() {
  }

  @Override
  public RoundingMode roundingMode() {
    return RoundingMode.HALF_UP;
  }
}
