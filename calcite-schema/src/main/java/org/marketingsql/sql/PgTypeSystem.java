package org.marketingsql.sql;

import java.math.RoundingMode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's type system, with PostgreSQL's rounding: a cast to fewer decimals ({@code 12.345::numeric(10,2)},
 * {@code CAST(x AS DECIMAL(10, 2))}) rounds half away from zero, as PostgreSQL and the store do, where Calcite
 * alone cuts the digits off; and string literals of different lengths that meet in one column (the branches
 * of a CASE, the rows of VALUES, the sides of a UNION) make a VARCHAR as long as the longest, as PostgreSQL's
 * text, where Calcite alone pads the shorter ones with spaces to a CHAR ({@code CASE WHEN … THEN 'up' ELSE
 * 'down' END || '!'} is {@code up!}, not {@code up  !}). Set as a connection's {@code typeSystem}; public, with a
 * public constructor, because Calcite instantiates it by name.
 *
 * <p>A numeric holds up to {@value #MAX_DECIMAL_PRECISION} digits, as in both stores, so that the average and the
 * variance of money or of whole numbers ({@link PgAverages}) keep their sixteen decimals. A DECIMAL without a precision
 * and the arithmetic of two numbers of at most {@value #DEFAULT_DECIMAL_PRECISION} digits keep Calcite's limit of
 * {@value #DEFAULT_DECIMAL_PRECISION}, so the finance views' columns keep their types; arithmetic on a wider number
 * may grow to the wider one's precision.
 */
public final class PgTypeSystem extends RelDataTypeSystemImpl {
  /** The most digits of a numeric: DuckDB's DECIMAL and a PostgreSQL store alike take 38. */
  static final int MAX_DECIMAL_PRECISION = 38;
  /** Calcite's own limit, kept for a DECIMAL without precision and for the arithmetic of narrower numbers. */
  static final int DEFAULT_DECIMAL_PRECISION = 19;
  /** Calcite's type derivations bounded at each precision from the default to the maximum. */
  private static final RelDataTypeSystem[] BOUNDED = bounded();

  public PgTypeSystem() {
  }

  private static RelDataTypeSystem[] bounded() {
    RelDataTypeSystem[] systems = new RelDataTypeSystem[MAX_DECIMAL_PRECISION + 1];
    for (int p = DEFAULT_DECIMAL_PRECISION; p <= MAX_DECIMAL_PRECISION; p++) {
      int precision = p;
      systems[p] = new RelDataTypeSystemImpl() {
        @Override
        public int getMaxPrecision(SqlTypeName typeName) {
          return typeName == SqlTypeName.DECIMAL ? precision : super.getMaxPrecision(typeName);
        }
      };
    }
    return systems;
  }

  @Override
  public int getMaxPrecision(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? MAX_DECIMAL_PRECISION : super.getMaxPrecision(typeName);
  }

  @Override
  public int getDefaultPrecision(SqlTypeName typeName) {
    return typeName == SqlTypeName.DECIMAL ? DEFAULT_DECIMAL_PRECISION : super.getDefaultPrecision(typeName);
  }

  /**
   * As PostgreSQL, a sum of whole numbers is wider than its argument, so that it does not overflow: a sum of a
   * smallint or an integer is a bigint, a sum of a bigint a numeric of {@value #MAX_DECIMAL_PRECISION} digits (DuckDB
   * and PostgreSQL stores compute it as such).
   * A sum of a numeric of at most {@value #DEFAULT_DECIMAL_PRECISION} digits keeps {@value #DEFAULT_DECIMAL_PRECISION}
   * digits, as before numerics could be wider: Calcite widens a sum to the largest precision, which would give every
   * finance view's sums another type than its columns declare and a cast between nested aggregates; a wider one
   * grows to {@value #MAX_DECIMAL_PRECISION}.
   */
  @Override
  public RelDataType deriveSumType(RelDataTypeFactory factory, RelDataType argumentType) {
    switch (argumentType.getSqlTypeName()) {
      case TINYINT:
      case SMALLINT:
      case INTEGER:
        return withNullability(factory, factory.createSqlType(SqlTypeName.BIGINT), argumentType);
      case BIGINT:
        return withNullability(factory,
            factory.createSqlType(SqlTypeName.DECIMAL, MAX_DECIMAL_PRECISION, 0), argumentType);
      case DECIMAL:
        break;
      default:
        return super.deriveSumType(factory, argumentType);
    }
    int precision = argumentType.getPrecision() <= DEFAULT_DECIMAL_PRECISION ? DEFAULT_DECIMAL_PRECISION
        : MAX_DECIMAL_PRECISION;
    return withNullability(factory,
        factory.createSqlType(SqlTypeName.DECIMAL, precision, argumentType.getScale()), argumentType);
  }

  private static RelDataType withNullability(RelDataTypeFactory factory, RelDataType type, RelDataType argumentType) {
    return factory.createTypeWithNullability(type, argumentType.isNullable());
  }

  @Override
  public RelDataType deriveDecimalPlusType(RelDataTypeFactory factory, RelDataType a, RelDataType b) {
    return bound(a, b).deriveDecimalPlusType(factory, a, b);
  }

  @Override
  public RelDataType deriveDecimalMultiplyType(RelDataTypeFactory factory, RelDataType a, RelDataType b) {
    return bound(a, b).deriveDecimalMultiplyType(factory, a, b);
  }

  @Override
  public RelDataType deriveDecimalDivideType(RelDataTypeFactory factory, RelDataType a, RelDataType b) {
    return bound(a, b).deriveDecimalDivideType(factory, a, b);
  }

  @Override
  public RelDataType deriveDecimalModType(RelDataTypeFactory factory, RelDataType a, RelDataType b) {
    return bound(a, b).deriveDecimalModType(factory, a, b);
  }

  /** Calcite's derivations with the wider operand's precision as the limit, at least the default one. */
  private static RelDataTypeSystem bound(RelDataType a, RelDataType b) {
    int widest = Math.max(precision(a), precision(b));
    return BOUNDED[Math.max(DEFAULT_DECIMAL_PRECISION, Math.min(MAX_DECIMAL_PRECISION, widest))];
  }

  private static int precision(RelDataType type) {
    return type.getSqlTypeName() == SqlTypeName.DECIMAL ? type.getPrecision() : 0;
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
