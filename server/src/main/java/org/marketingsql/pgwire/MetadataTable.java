package org.marketingsql.pgwire;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A catalog table (information_schema, pg_catalog) whose rows are computed from the driver's
 * DatabaseMetaData on every scan: text columns, except the integer ones named by position.
 */
final class MetadataTable extends AbstractTable implements ScannableTable {
  /** Reads rows; checked, so a failing driver call keeps its cause. */
  interface Rows {
    List<Object[]> read(DatabaseMetaData md) throws SQLException;
  }

  private final Connection connection;
  private final List<String> names;
  private final List<Integer> integerColumns;
  private final Rows rows;

  MetadataTable(Connection connection, List<String> names, List<Integer> integerColumns, Rows rows) {
    this.connection = connection;
    this.names = List.copyOf(names);
    this.integerColumns = List.copyOf(integerColumns);
    this.rows = rows;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    RelDataTypeFactory.Builder b = typeFactory.builder();
    for (int i = 0; i < names.size(); i++) {
      b.add(names.get(i), integerColumns.contains(i) ? SqlTypeName.INTEGER : SqlTypeName.VARCHAR).nullable(true);
    }
    return b.build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    try {
      return Linq4j.asEnumerable(rows.read(connection.getMetaData()));
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the driver's metadata for a catalog table", e);
    }
  }
}
