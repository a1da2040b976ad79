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
 * DatabaseMetaData on every scan. Each column is declared with PostgreSQL's type, {@code name:type}, which is the type
 * it is sent as: {@code name}, {@code text}, {@code varchar} (also a column without a type: information_schema's
 * character_data and yes_or_no, sent as their base type, as PostgreSQL sends a domain's), {@code char}
 * ({@code "char"}), {@code pg_node_tree}, {@code inet}, {@code bytea}, {@code pg_lsn}, {@code int}, {@code smallint},
 * {@code bigint}, {@code oid}, {@code xid}, {@code regproc}, {@code regprocname} (a regproc held as the function's
 * name), {@code regtype}, {@code bool}, {@code real},
 * {@code double}, {@code timestamptz} (its values the session's local time, {@link PgCatalog#local}), the vectors
 * {@code int2vector} (an array of smallint) and {@code oidvector} (its text, {@code 23 25}), {@code anyarray}, and an
 * array of a type, {@code text[]}, {@code int[]}, {@code smallint[]}, {@code oid[]}, {@code real[]}, {@code char[]},
 * {@code aclitem[]}, {@code regtype[]}.
 */
final class MetadataTable extends AbstractTable implements ScannableTable, PgOidTypes.Declared {
  /** Reads rows; checked, so a failing driver call keeps its cause. */
  interface Rows {
    List<Object[]> read(DatabaseMetaData md) throws SQLException;
  }

  /** A column: the type Calcite holds its values as, whether an array of it, and the type PostgreSQL declares it as. */
  private record Spec(String name, SqlTypeName type, boolean array, PgType declared) {
    Spec(String name, SqlTypeName type) {
      this(name, type, false, PgType.ofJdbc(type.getJdbcOrdinal()));
    }
  }

  /** A declared type: how Calcite holds it, and what it is sent as. */
  private record Declared(SqlTypeName type, boolean array, PgType sent) {
  }

  /** The types a spec may name, by their names there. */
  private static final java.util.Map<String, Declared> TYPES = types();

  private static java.util.Map<String, Declared> types() {
    java.util.Map<String, Declared> t = new java.util.HashMap<>();
    t.put("varchar", new Declared(SqlTypeName.VARCHAR, false, PgType.VARCHAR));
    t.put("text", new Declared(SqlTypeName.VARCHAR, false, PgType.TEXT));
    t.put("name", new Declared(SqlTypeName.VARCHAR, false, PgType.NAME));
    t.put("char", new Declared(SqlTypeName.VARCHAR, false, PgType.CHAR));
    t.put("pg_node_tree", new Declared(SqlTypeName.VARCHAR, false, PgType.PG_NODE_TREE));
    t.put("inet", new Declared(SqlTypeName.VARCHAR, false, PgType.INET));
    t.put("bytea", new Declared(SqlTypeName.VARBINARY, false, PgType.BYTEA));
    t.put("pg_lsn", new Declared(SqlTypeName.VARCHAR, false, PgType.PG_LSN));
    t.put("int", new Declared(SqlTypeName.INTEGER, false, PgType.INT4));
    t.put("smallint", new Declared(SqlTypeName.SMALLINT, false, PgType.INT2));
    t.put("bigint", new Declared(SqlTypeName.BIGINT, false, PgType.INT8));
    t.put("oid", new Declared(SqlTypeName.INTEGER, false, PgType.OID));
    t.put("xid", new Declared(SqlTypeName.INTEGER, false, PgType.XID));
    t.put("regproc", new Declared(SqlTypeName.INTEGER, false, PgType.REGPROC));
    t.put("regprocname", new Declared(SqlTypeName.VARCHAR, false, PgType.REGPROC_NAME));
    t.put("regtype", new Declared(SqlTypeName.INTEGER, false, PgType.REGTYPE));
    t.put("bool", new Declared(SqlTypeName.BOOLEAN, false, PgType.BOOL));
    t.put("real", new Declared(SqlTypeName.REAL, false, PgType.FLOAT4));
    t.put("double", new Declared(SqlTypeName.DOUBLE, false, PgType.FLOAT8));
    t.put("timestamptz", new Declared(SqlTypeName.TIMESTAMP, false, PgType.TIMESTAMPTZ));
    t.put("int2vector", new Declared(SqlTypeName.SMALLINT, true, PgType.INT2VECTOR));
    t.put("oidvector", new Declared(SqlTypeName.VARCHAR, false, PgType.OIDVECTOR));
    t.put("anyarray", new Declared(SqlTypeName.VARCHAR, true, PgType.ANYARRAY));
    t.put("text[]", new Declared(SqlTypeName.VARCHAR, true, PgType.TEXT_ARRAY));
    t.put("int[]", new Declared(SqlTypeName.INTEGER, true, PgType.INT4_ARRAY));
    t.put("smallint[]", new Declared(SqlTypeName.SMALLINT, true, PgType.INT2_ARRAY));
    t.put("oid[]", new Declared(SqlTypeName.INTEGER, true, PgType.OID_ARRAY));
    t.put("real[]", new Declared(SqlTypeName.REAL, true, PgType.FLOAT4_ARRAY));
    t.put("char[]", new Declared(SqlTypeName.VARCHAR, true, PgType.CHAR_ARRAY));
    t.put("aclitem[]", new Declared(SqlTypeName.VARCHAR, true, PgType.ACLITEM_ARRAY));
    t.put("regtype[]", new Declared(SqlTypeName.INTEGER, true, PgType.REGTYPE_ARRAY));
    return java.util.Map.copyOf(t);
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
      String type = colon < 0 ? "varchar" : column.substring(colon + 1).toLowerCase(Locale.ROOT);
      Declared declared = TYPES.get(type);
      if (declared == null) {
        throw new IllegalArgumentException("unknown catalog column type " + type + " in " + column);
      }
      out.add(new Spec(name, declared.type(), declared.array(), declared.sent()));
    }
    return out;
  }

  /**
   * The type PostgreSQL declares {@code column} as, which a query reading it as it is sends; null for a column the
   * table has not.
   */
  PgType declaredType(String column) {
    for (Spec c : columns) {
      if (c.name().equals(column)) {
        return c.declared();
      }
    }
    return null;
  }

  /**
   * The OID type ({@code oid}, {@code regproc} …) PostgreSQL declares {@code column} as, read through sub-queries too
   * ({@link PgOidTypes}); null for a column of any other type.
   */
  @Override
  public String oidType(String column) {
    PgType declared = declaredType(column);
    return declared != null && PgType.ofOidTypeName(declared.sqlName()) == declared ? declared.sqlName() : null;
  }

  /** The type {@code column} is sent as when a query reads it as it is; null for a column the table has not. */
  PgType resultType(String column) {
    return declaredType(column);
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

  /** {@code value} as Calcite holds the column's type: a number as the column's class of number. */
  private static Object held(Spec column, Object value) {
    if (column.array() || !(value instanceof Number n)) {
      return value;
    }
    return switch (column.type()) {
      case SMALLINT -> n.shortValue();
      case INTEGER -> n.intValue();
      case BIGINT -> n.longValue();
      case REAL -> n.floatValue();
      case DOUBLE -> n.doubleValue();
      default -> value;
    };
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
        for (int i = 0; i < row.length; i++) {
          row[i] = held(columns.get(i), row[i]);
        }
      }
      return Linq4j.asEnumerable(read);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the driver's metadata for a catalog table", e);
    }
  }
}
