package org.marketingsql.schema;

/**
 * A schema whose tables' columns carry descriptions of their own (an API source's, declared by its
 * descriptor), which the driver puts into REMARKS of {@code DatabaseMetaData.getColumns}.
 */
public interface ColumnRemarks {
  /** The column's description, or null when it has none. */
  String columnRemarks(String table, String column);
}
