package org.marketingsql.schema;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.calcite.adapter.jdbc.JdbcSchema;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelProtoDataType;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * The tables of one store schema as users see them: a loaded table is the store's own (so queries
 * push down into the store); a table whose load failed is a {@link FailedTable} with the error.
 */
final class StateBackedSchema extends AbstractSchema implements ColumnRemarks {
  /** What the store says of one table: failed with this error, and (if known) its header. */
  record Entry(String table, String error, List<String> header) {
    Entry {
      Objects.requireNonNull(table, "table");
    }
  }

  private final String schemaName;
  private final JdbcSchema store;
  private final List<Entry> entries;
  private final Map<String, Map<String, String>> remarks;
  private Map<String, Table> tables;

  StateBackedSchema(String schemaName, JdbcSchema store, List<Entry> entries) {
    this(schemaName, store, entries, Map.of());
  }

  /** @param remarks the columns' descriptions by table and column, where the source declares them */
  StateBackedSchema(String schemaName, JdbcSchema store, List<Entry> entries,
      Map<String, Map<String, String>> remarks) {
    this.schemaName = Objects.requireNonNull(schemaName, "schemaName");
    this.store = Objects.requireNonNull(store, "store");
    this.entries = List.copyOf(entries);
    this.remarks = Map.copyOf(remarks);
  }

  @Override
  public String columnRemarks(String table, String column) {
    return remarks.getOrDefault(table, Map.of()).get(column);
  }

  @Override
  protected synchronized Map<String, Table> getTableMap() {
    if (tables == null) {
      Map<String, Table> map = new LinkedHashMap<>();
      for (Entry entry : entries) {
        Table loaded = entry.error() == null ? store.tables().get(entry.table()) : null;
        if (entry.error() == null && loaded != null) {
          map.put(entry.table(), loaded);
        } else if (entry.error() != null) {
          Table shape = entry.header() == null ? store.tables().get(entry.table()) : null;
          map.put(entry.table(), new FailedTable(schemaName + "." + entry.table(), entry.error(),
              shape != null ? shape::getRowType : textColumns(entry.header())));
        }
      }
      tables = map;
    }
    return tables;
  }

  private static RelProtoDataType textColumns(List<String> header) {
    return (RelDataTypeFactory factory) -> {
      RelDataTypeFactory.Builder builder = factory.builder();
      for (String column : header.isEmpty() ? List.of("error") : header) {
        builder.add(column, factory.createTypeWithNullability(factory.createSqlType(SqlTypeName.VARCHAR), true));
      }
      return builder.build();
    };
  }
}
