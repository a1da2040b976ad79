package org.marketingsql.pgwire;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.marketingsql.access.AccessPolicy;

/**
 * A small {@code information_schema} (schemata, tables, columns with PostgreSQL's column names and type
 * names), added to each session's connection, so tools that browse with standard SQL find the finance
 * views. It lists only the schemas the session's {@link AccessPolicy} reads. Read from the driver's
 * DatabaseMetaData on every scan, so it follows the schema.
 */
final class InformationSchema extends AbstractSchema {
  static final String NAME = "information_schema";
  private final Connection connection;
  private final AccessPolicy policy;

  private InformationSchema(Connection connection, AccessPolicy policy) {
    this.connection = java.util.Objects.requireNonNull(connection, "connection");
    this.policy = java.util.Objects.requireNonNull(policy, "policy");
  }

  /**
   * Adds the schema to {@code connection}'s root; a connection that is not Calcite's is left alone. It
   * lists only what {@code policy} reads.
   */
  static void install(Connection connection, AccessPolicy policy) throws SQLException {
    if (connection.isWrapperFor(CalciteConnection.class)) {
      connection.unwrap(CalciteConnection.class).getRootSchema().add(NAME, new InformationSchema(connection, policy));
    }
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return Map.of(
        "schemata", new MetadataTable(connection, List.of("catalog_name", "schema_name", "schema_owner"), List.of(), md -> {
          List<Object[]> rows = new ArrayList<>();
          try (ResultSet rs = md.getSchemas()) {
            while (rs.next()) {
              if (policy.mayRead(rs.getString("TABLE_SCHEM"))) {
                rows.add(new Object[] {LocalAnswers.DATABASE, rs.getString("TABLE_SCHEM"), null});
              }
            }
          }
          return rows;
        }),
        "tables", new MetadataTable(connection, List.of("table_catalog", "table_schema", "table_name", "table_type"), List.of(), md -> {
          List<Object[]> rows = new ArrayList<>();
          try (ResultSet rs = md.getTables(null, null, "%", null)) {
            while (rs.next()) {
              if (!policy.mayRead(rs.getString("TABLE_SCHEM"))) {
                continue; // not the user's; or pg_catalog's tables again, put in the root for unqualified names
              }
              String type = rs.getString("TABLE_TYPE");
              rows.add(new Object[] {LocalAnswers.DATABASE, rs.getString("TABLE_SCHEM"), rs.getString("TABLE_NAME"),
                  "TABLE".equals(type) ? "BASE TABLE" : type});
            }
          }
          return rows;
        }),
        "columns", new MetadataTable(connection, List.of("table_catalog", "table_schema", "table_name", "column_name", "ordinal_position",
            "is_nullable", "data_type", "numeric_precision", "numeric_scale"), List.of(4, 7, 8), md -> {
          List<Object[]> rows = new ArrayList<>();
          try (ResultSet rs = md.getColumns(null, null, "%", "%")) {
            while (rs.next()) {
              if (!policy.mayRead(rs.getString("TABLE_SCHEM"))) {
                continue;
              }
              PgType type = PgType.ofJdbc(rs.getInt("DATA_TYPE"));
              boolean numeric = type == PgType.NUMERIC;
              rows.add(new Object[] {LocalAnswers.DATABASE, rs.getString("TABLE_SCHEM"), rs.getString("TABLE_NAME"),
                  rs.getString("COLUMN_NAME"), rs.getInt("ORDINAL_POSITION"),
                  rs.getInt("NULLABLE") == DatabaseMetaData.columnNoNulls ? "NO" : "YES", type.sqlName(),
                  numeric ? (Integer) rs.getInt("COLUMN_SIZE") : null, numeric ? (Integer) rs.getInt("DECIMAL_DIGITS") : null});
            }
          }
          return rows;
        }));
  }
}
