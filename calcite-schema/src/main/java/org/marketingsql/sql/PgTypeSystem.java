package org.marketingsql.sql;

import java.math.RoundingMode;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;

/**
 * Calcite's type system, with PostgreSQL's rounding: a cast to fewer decimals ({@code 12.345::numeric(10,2)},
 * {@code CAST(x AS DECIMAL(10, 2))}) rounds half away from zero, as PostgreSQL and the store do, where Calcite
 * alone cuts the digits off; and string literals of different lengths that meet in one column (the branches
 * of a CASE, the rows of VALUES, the sides of a UNION) make a VARCHAR as long as the longest, as PostgreSQL's
 * text, where Calcite alone pads the shorter ones with spaces to a CHAR ({@code CASE WHEN … THEN 'up' ELSE
 * 'down' END || '!'} is {@code up!}, not {@code up  !}). Set as a connection's {@code typeSystem}; public, with a
 * public constructor, because Calcite instantiates it by name.
 */
public final class PgTypeSystem extends RelDataTypeSystemImpl {
  public PgTypeSystem() {
  }

  @Override
  public RoundingMode roundingMode() {
    return RoundingMode.HALF_UP;
  }

  @Override
  public boolean shouldConvertRaggedUnionTypesToVarying() {
    return true;
  }
}
