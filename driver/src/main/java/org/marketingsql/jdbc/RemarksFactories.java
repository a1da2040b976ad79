package org.marketingsql.jdbc;

import java.util.List;
import org.apache.calcite.avatica.MetaImpl.MetaColumn;
import org.apache.calcite.avatica.MetaImpl.MetaTable;
import org.apache.calcite.jdbc.CalciteMetaColumnFactory;
import org.apache.calcite.jdbc.CalciteMetaColumnFactoryImpl;
import org.apache.calcite.jdbc.CalciteMetaImpl.CalciteMetaTable;
import org.apache.calcite.jdbc.CalciteMetaTableFactory;
import org.apache.calcite.jdbc.CalciteMetaTableFactoryImpl;
import org.apache.calcite.schema.Table;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;
import org.marketingsql.schema.ColumnRemarks;
import org.marketingsql.schema.FinanceView;

/**
 * Puts the finance views' descriptions and formulas into REMARKS of {@code getTables} and
 * {@code getColumns}, so BI tools show them (a Calcite model has no field for remarks). docs/finance-views.md is
 * generated from them.
 */
final class RemarksFactories {
  static final CalciteMetaTableFactory TABLES = new CalciteMetaTableFactory() {
    @Override
    public MetaTable createTable(Table table, String catalog, String schema, String name) {
      return new RemarkedTable(table, catalog, schema, name,
          table instanceof FinanceView view ? view.description() : null);
    }

    @Override
    public List<String> getColumnNames() {
      return CalciteMetaTableFactoryImpl.INSTANCE.getColumnNames();
    }

    @Override
    public Class<? extends MetaTable> getMetaTableClass() {
      return RemarkedTable.class;
    }
  };

  /**
   * Columns of one connection: a finance view's carry its formulas, an API source's table's the
   * descriptions its descriptor declares (found through the connection's schema of that name).
   */
  static CalciteMetaColumnFactory columns(CalciteConnection connection) {
    return new CalciteMetaColumnFactory() {
      @Override
      public MetaColumn createColumn(Table table, String catalog, String schema, String tableName, String columnName,
          int dataType, String typeName, Integer columnSize, Integer decimalDigits, int radix, int nullable,
          Integer charOctetLength, int ordinal, String isNullable) {
        return new RemarkedColumn(catalog, schema, tableName, columnName, dataType, baseTypeName(typeName), columnSize,
            decimalDigits, radix, nullable, charOctetLength, ordinal, isNullable,
            table instanceof FinanceView view ? view.columnRemarks(columnName)
                : sourceRemarks(connection, schema, tableName, columnName));
      }

      @Override
      public List<String> getColumnNames() {
        return CalciteMetaColumnFactoryImpl.INSTANCE.getColumnNames();
      }

      @Override
      public Class<? extends MetaColumn> getMetaColumnClass() {
        return RemarkedColumn.class;
      }
    };
  }

  /** The description a source schema gives a column, or null. */
  private static String sourceRemarks(CalciteConnection connection, String schema, String table, String column) {
    SchemaPlus sub = schema == null ? null : connection.getRootSchema().subSchemas().get(schema);
    if (sub == null) {
      return null;
    }
    try {
      return sub.unwrap(ColumnRemarks.class).columnRemarks(table, column);
    } catch (ClassCastException notASourceSchema) {
      // Calcite's unwrap says "not that kind" by throwing: finance, sync and metadata have no such remarks
      return null;
    }
  }

  private RemarksFactories() {
  }

  /** {@code DECIMAL(19, 6) NOT NULL} → {@code DECIMAL}: JDBC's TYPE_NAME is the type's name; size and nullability have their own columns. */
  static String baseTypeName(String typeName) {
    if (typeName == null) {
      return null;
    }
    String name = typeName.replace(" NOT NULL", "");
    int parenthesis = name.indexOf('(');
    return (parenthesis < 0 ? name : name.substring(0, parenthesis)).trim();
  }

  /** A table row whose REMARKS field hides the always-null one of its superclass. */
  public static final class RemarkedTable extends CalciteMetaTable {
    public final String remarks;

    RemarkedTable(Table table, String catalog, String schema, String name, String remarks) {
      super(table, catalog, schema, name);
      this.remarks = remarks;
    }
  }

  /** A column row whose REMARKS field hides the always-null one of its superclass. */
  public static final class RemarkedColumn extends MetaColumn {
    public final String remarks;

    RemarkedColumn(String catalog, String schema, String table, String column, int dataType, String typeName,
        Integer size, Integer digits, int radix, int nullable, Integer octets, int ordinal, String isNullable,
        String remarks) {
      super(catalog, schema, table, column, dataType, typeName, size, digits, radix, nullable, octets, ordinal,
          isNullable);
      this.remarks = remarks;
    }
  }
}
