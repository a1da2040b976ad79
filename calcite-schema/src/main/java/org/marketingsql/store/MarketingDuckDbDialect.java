package org.marketingsql.store;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's DuckDB dialect, less the {@code CAST(… AS VARCHAR CHARACTER SET …)} that DuckDB
 * rejects (DESIGN 2): DuckDB strings are UTF-8 and unbounded, so a plain VARCHAR is exact.
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
}
