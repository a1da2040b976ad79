package org.marketingsql.pgwire;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;

/**
 * A few {@code pg_catalog} tables (pg_namespace, pg_class, pg_type, pg_database, pg_settings) with the
 * columns drivers look up on connect, e.g. whether type {@code hstore} or {@code lo} exists. Also put in the
 * root schema because clients name them unqualified, relying on PostgreSQL's search path.
 * Queries in PostgreSQL's own dialect ({@code ::regclass}, {@code ~}) still fail in Calcite's parser.
 */
final class PgCatalog extends AbstractSchema {
  static final String NAME = "pg_catalog";
  static final int CATALOG_OID = 11;
  private static final int FIRST_OID = 16384;
  private final Map<String, Table> tables;

  private PgCatalog(Connection connection) {
    Map<String, Table> t = new LinkedHashMap<>();
    t.put("pg_namespace", new MetadataTable(connection, List.of("oid", "nspname", "nspowner"), List.of(0, 2), md -> {
      List<Object[]> rows = new ArrayList<>();
      rows.add(new Object[] {CATALOG_OID, NAME, 10});
      List<String> schemas = schemas(md);
      for (int i = 0; i < schemas.size(); i++) {
        rows.add(new Object[] {FIRST_OID + i, schemas.get(i), 10});
      }
      return rows;
    }));
    t.put("pg_class", new MetadataTable(connection, List.of("oid", "relname", "relnamespace", "relkind"), List.of(0, 2), md -> {
      List<Object[]> rows = new ArrayList<>();
      List<String> schemas = schemas(md);
      int oid = FIRST_OID + 1000;
      try (ResultSet rs = md.getTables(null, null, "%", null)) {
        while (rs.next()) {
          int namespace = schemas.indexOf(rs.getString("TABLE_SCHEM"));
          if (namespace >= 0) {
            rows.add(new Object[] {oid++, rs.getString("TABLE_NAME"), FIRST_OID + namespace,
                "VIEW".equals(rs.getString("TABLE_TYPE")) ? "v" : "r"});
          }
        }
      }
      return rows;
    }));
    t.put("pg_type", new MetadataTable(connection,
        List.of("oid", "typname", "typnamespace", "typlen", "typtype", "typbasetype", "typarray", "typelem"),
        List.of(0, 2, 3, 5, 6, 7), md -> {
          List<Object[]> rows = new ArrayList<>();
          for (PgType type : PgType.values()) {
            rows.add(new Object[] {type.oid(), type.name().toLowerCase(java.util.Locale.ROOT), CATALOG_OID, type.size(), "b", 0, 0, 0});
          }
          return rows;
        }));
    t.put("pg_database", new MetadataTable(connection, List.of("oid", "datname", "encoding"), List.of(0, 2),
        md -> List.<Object[]>of(new Object[] {FIRST_OID - 1, LocalAnswers.DATABASE, 6})));
    t.put("pg_settings", new MetadataTable(connection, List.of("name", "setting"), List.of(), md -> {
      List<Object[]> rows = new ArrayList<>();
      LocalAnswers.parameters(md.getUserName() == null ? "" : md.getUserName())
          .forEach((k, v) -> rows.add(new Object[] {k, v}));
      return rows;
    }));
    this.tables = Map.copyOf(t);
  }

  /** The driver's schemas, in the order pg_namespace numbers them. */
  private static List<String> schemas(DatabaseMetaData md) throws SQLException {
    List<String> schemas = new ArrayList<>();
    try (ResultSet rs = md.getSchemas()) {
      while (rs.next()) {
        String name = rs.getString("TABLE_SCHEM");
        if (name != null && !name.isEmpty()) {
          schemas.add(name);
        }
      }
    }
    return schemas;
  }

  /** Adds the schema, and its tables unqualified, to {@code connection}'s root. */
  static void install(Connection connection) throws SQLException {
    if (connection.isWrapperFor(CalciteConnection.class)) {
      SchemaPlus root = connection.unwrap(CalciteConnection.class).getRootSchema();
      PgCatalog catalog = new PgCatalog(connection);
      root.add(NAME, catalog);
      catalog.tables.forEach(root::add);
    }
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return tables;
  }
}
