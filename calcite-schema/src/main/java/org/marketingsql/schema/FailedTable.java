package org.marketingsql.schema;

import java.util.Objects;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelProtoDataType;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A table whose data could not be loaded. It keeps its columns, so BI tools still browse it, and
 * every query that reads it fails with the load error: nothing is silently missing.
 */
final class FailedTable extends AbstractTable implements ScannableTable {
  private final String name;
  private final String error;
  private final RelProtoDataType rowType;

  FailedTable(String name, String error, RelProtoDataType rowType) {
    this.name = Objects.requireNonNull(name, "name");
    this.error = Objects.requireNonNull(error, "error");
    this.rowType = Objects.requireNonNull(rowType, "rowType");
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return rowType.apply(typeFactory);
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    throw new TableUnavailableException(name + " is unavailable: " + error);
  }

  /** The load error, raised when a query reads the table. */
  static final class TableUnavailableException extends RuntimeException {
    TableUnavailableException(String message) {
      super(message);
    }
  }
}
