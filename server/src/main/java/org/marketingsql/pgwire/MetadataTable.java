package org.marketingsql.pgwire;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.marketingsql.sql.PgOidTypes;

/**
 * A catalog table (information_schema, pg_catalog) whose rows are computed from the driver's
 * DatabaseMetaData on every scan. Columns are text unless their spec says {@code name:int},
 * {@code name:oid} (an integer RowDescription, pg_attribute and information_schema call {@code oid}),
 * {@code name:bool}, {@code name:smallint}, {@code name:bigint},
 * {@code name:double} or {@code name:timestamptz} (its values the session's local time, {@link PgCatalog#local});
 * {@code []} after the type makes an array (e.g. {@code reloptions:text[]}).
 */
final class MetadataTable extends AbstractTable implements ScannableTable, PgOidTypes.Declared {
  /** Reads rows; checked, so a failing driver call keeps its cause. */
  interface Rows {
    List<Object[]> read(DatabaseMetaData md) throws SQLException;
  }

  /**
   * A column: its type, whether it holds an array of that type, and whether PostgreSQL declares it {@code oid} or
   * {@code timestamptz} ({@code zoned}).
   */
  private record Spec(String name, SqlTypeName type, boolean array, boolean oid, boolean zoned) {
    Spec(String name, SqlTypeName type) {
      this(name, type, false, false, false);
    }
  }

  private final Connection connection;
  private final List<Spec> columns;
  private final Rows rows;

  /** Text columns, except the integer ones named by position. */
  MetadataTable(Connection connection, List<String> names, List<Integer> integerColumns, Rows rows) {
    this(connection, specs(names, integerColumns), rows);
  }

  /** Columns from a spec such as {@code "oid:int relname relhasindex:bool"}. */
  MetadataTable(Connection connection, String spec, Rows rows) {
    this(connection, parse(spec), rows);
  }

  private MetadataTable(Connection connection, List<Spec> columns, Rows rows) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.columns = List.copyOf(columns);
    this.rows = Objects.requireNonNull(rows, "rows");
  }

  private static List<Spec> specs(List<String> names, List<Integer> integerColumns) {
    List<Spec> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      out.add(new Spec(names.get(i), integerColumns.contains(i) ? SqlTypeName.INTEGER : SqlTypeName.VARCHAR));
    }
    return out;
  }

  private static List<Spec> parse(String spec) {
    List<Spec> out = new ArrayList<>();
    for (String column : spec.strip().split("\\s+")) {
      int colon = column.indexOf(':');
      String name = colon < 0 ? column : column.substring(0, colon);
      String type = colon < 0 ? "text" : column.substring(colon + 1).toLowerCase(Locale.ROOT);
      boolean array = type.endsWith("[]");
      type = array ? type.substring(0, type.length() - 2) : type;
      out.add(new Spec(name, switch (type) {
        case "text" -> SqlTypeName.VARCHAR;
        case "int", "oid" -> SqlTypeName.INTEGER;
        case "smallint" -> SqlTypeName.SMALLINT;
        case "bigint" -> SqlTypeName.BIGINT;
        case "timestamptz" -> SqlTypeName.TIMESTAMP;
        case "bool" -> SqlTypeName.BOOLEAN;
        case "double" -> SqlTypeName.DOUBLE;
        default -> throw new IllegalArgumentException("unknown catalog column type " + type + " in " + column);
      }, array, type.equals("oid"), type.equals("timestamptz")));
    }
    return out;
  }

  /**
   * The type PostgreSQL declares {@code column} as where Calcite's type does not tell it: {@link PgType#OID} for an
   * {@code oid} column (Calcite's INTEGER), {@link PgType#TIMESTAMPTZ} for a {@code timestamptz} one (Calcite's
   * TIMESTAMP, holding the session's local time of the instant); null for the others, and for a column the table has not.
   */
  PgType declaredType(String column) {
    for (Spec c : columns) {
      if (c.name().equals(column) && !c.array()) {
        return c.oid() ? PgType.OID : c.zoned() ? PgType.TIMESTAMPTZ : null;
      }
    }
    return null;
  }

  /** {@code oid} for a column PostgreSQL declares so, read through sub-queries too ({@link PgOidTypes}); null otherwise. */
  @Override
  public String oidType(String column) {
    return declaredType(column) == PgType.OID ? PgType.OID.sqlName() : null;
  }

  /** The type {@code column} is sent as when a query reads it as it is; null for a column the table has not. */
  PgType resultType(String column) {
    for (Spec c : columns) {
      if (c.name().equals(column)) {
        return c.array() ? PgType.TEXT_ARRAY
            : c.oid() ? PgType.OID : c.zoned() ? PgType.TIMESTAMPTZ
            : PgType.ofResultColumn(c.type().getJdbcOrdinal(), null, true);
      }
    }
    return null;
  }

  /** How many columns the table has, so row builders can check their width. */
  int width() {
    return columns.size();
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    RelDataTypeFactory.Builder b = typeFactory.builder();
    for (Spec c : columns) {
      RelDataType type = typeFactory.createSqlType(c.type());
      if (c.array()) {
        type = typeFactory.createArrayType(typeFactory.createTypeWithNullability(type, true), -1);
      }
      b.add(c.name(), type).nullable(true);
    }
    return b.build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    try {
      List<Object[]> read = rows.read(connection.getMetaData());
      for (Object[] row : read) {
        if (row.length != columns.size()) {
          throw new IllegalStateException("a catalog row has " + row.length + " values for " + columns.size() + " columns "
              + columns.stream().map(Spec::name).toList());
        }
      }
      return Linq4j.asEnumerable(read);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the driver's metadata for a catalog table", e);
    }
  }
}
