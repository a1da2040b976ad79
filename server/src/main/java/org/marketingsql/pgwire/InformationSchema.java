package org.marketingsql.pgwire;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.impl.AbstractSchema;
import org.marketingsql.access.AccessPolicy;
import org.marketingsql.pgwire.CatalogSnapshot.Attribute;
import org.marketingsql.pgwire.CatalogSnapshot.Namespace;
import org.marketingsql.pgwire.CatalogSnapshot.Relation;

/**
 * PostgreSQL 15's {@code information_schema} views tools browse with (schemata, tables, views, columns and
 * the constraint and privilege views), with all of PostgreSQL's columns and its spelling of type names, added to each
 * session's connection. It lists only the schemas the session's {@link AccessPolicy} reads, from the same
 * {@link CatalogSnapshot} as pg_catalog. The views have no keys, so the constraint views have no rows.
 */
final class InformationSchema extends AbstractSchema {
  static final String NAME = "information_schema";
  private final Map<String, Table> tables;

  private InformationSchema(Connection connection, String userName, AccessPolicy policy, CatalogSource source) {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(userName, "userName");
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(source, "source");
    Map<String, Table> t = new LinkedHashMap<>();
    t.put("schemata", new MetadataTable(connection, "catalog_name:name schema_name:name schema_owner:name"
        + " default_character_set_catalog:name default_character_set_schema:name default_character_set_name:name"
        + " sql_path", md -> {
          List<Object[]> rows = new ArrayList<>();
          for (Namespace n : CatalogSnapshot.read(source, md, policy, false).namespaces()) {
            rows.add(new Object[] {LocalAnswers.DATABASE, n.name(), PgFunctions.OWNER, null, null, null, null});
          }
          return rows;
        }));
    t.put("tables", new MetadataTable(connection, "table_catalog:name table_schema:name table_name:name table_type"
        + " self_referencing_column_name:name reference_generation user_defined_type_catalog:name"
        + " user_defined_type_schema:name user_defined_type_name:name is_insertable_into is_typed commit_action", md -> {
          List<Object[]> rows = new ArrayList<>();
          for (Relation r : CatalogSnapshot.read(source, md, policy, false).relations()) {
            rows.add(new Object[] {LocalAnswers.DATABASE, r.namespace().name(), r.name(), r.kind() == 'v' ? "VIEW" : "BASE TABLE",
                null, null, null, null, null, "NO", "NO", null});
          }
          return rows;
        }));
    t.put("views", new MetadataTable(connection, "table_catalog:name table_schema:name table_name:name view_definition"
        + " check_option is_updatable is_insertable_into is_trigger_updatable is_trigger_deletable"
        + " is_trigger_insertable_into", md -> {
          List<Object[]> rows = new ArrayList<>();
          for (Relation r : CatalogSnapshot.read(source, md, policy, false).relations()) {
            if (r.kind() == 'v') {
              rows.add(new Object[] {LocalAnswers.DATABASE, r.namespace().name(), r.name(),
                  PgCatalog.viewSql(connection, r.namespace().name(), r.name()), "NONE", "NO", "NO", "NO", "NO", "NO"});
            }
          }
          return rows;
        }));
    t.put("columns", new MetadataTable(connection, "table_catalog:name table_schema:name table_name:name"
        + " column_name:name ordinal_position:int column_default is_nullable data_type character_maximum_length:int"
        + " character_octet_length:int numeric_precision:int numeric_precision_radix:int numeric_scale:int"
        + " datetime_precision:int interval_type interval_precision:int character_set_catalog:name"
        + " character_set_schema:name character_set_name:name collation_catalog:name collation_schema:name"
        + " collation_name:name domain_catalog:name domain_schema:name domain_name:name udt_catalog:name"
        + " udt_schema:name udt_name:name scope_catalog:name scope_schema:name scope_name:name maximum_cardinality:int"
        + " dtd_identifier:name is_self_referencing is_identity identity_generation identity_start identity_increment"
        + " identity_maximum identity_minimum identity_cycle is_generated generation_expression is_updatable",
        md -> columns(CatalogSnapshot.read(source, md, policy, true))));
    // the user's one privilege on each relation of the schemas they read: SELECT, granted by the owner (DBeaver's
    // permissions tab reads it, and role_table_grants, the same for the user's roles)
    String grants = "grantor:name grantee:name table_catalog:name table_schema:name table_name:name privilege_type"
        + " is_grantable with_hierarchy";
    MetadataTable.Rows granted = md -> {
      List<Object[]> rows = new ArrayList<>();
      for (Relation r : CatalogSnapshot.read(source, md, policy, false).relations()) {
        if (!CatalogAnswers.isCatalog(r.namespace().name())) {
          rows.add(new Object[] {PgFunctions.OWNER, userName, LocalAnswers.DATABASE, r.namespace().name(), r.name(),
              "SELECT", "NO", "YES"});
        }
      }
      return rows;
    };
    t.put("table_privileges", new MetadataTable(connection, grants, granted));
    t.put("role_table_grants", new MetadataTable(connection, grants, granted));
    // PostgreSQL lists a table's privilege once per column too
    t.put("column_privileges", new MetadataTable(connection, "grantor:name grantee:name table_catalog:name"
        + " table_schema:name table_name:name column_name:name privilege_type is_grantable", md -> {
          List<Object[]> rows = new ArrayList<>();
          for (Relation r : CatalogSnapshot.read(source, md, policy, true).relations()) {
            if (!CatalogAnswers.isCatalog(r.namespace().name())) {
              for (Attribute a : r.attributes()) {
                rows.add(new Object[] {PgFunctions.OWNER, userName, LocalAnswers.DATABASE, r.namespace().name(), r.name(),
                    a.name(), "SELECT", "NO"});
              }
            }
          }
          return rows;
        }));
    // the functions the user may call, as pg_proc lists them, with their arguments
    t.put("routines", new MetadataTable(connection, RoutineRows.ROUTINES, functions(connection, policy, source,
        RoutineRows::routines)));
    t.put("parameters", new MetadataTable(connection, RoutineRows.PARAMETERS, functions(connection, policy, source,
        RoutineRows::parameters)));
    // the session's own login is its one enabled role; it is granted no other
    t.put("enabled_roles", new MetadataTable(connection, "role_name:name", md -> List.<Object[]>of(new Object[] {userName})));
    t.put("applicable_roles", empty(connection, "grantee:name role_name:name is_grantable"));
    t.put("table_constraints", empty(connection, "constraint_catalog:name constraint_schema:name constraint_name:name"
        + " table_catalog:name table_schema:name table_name:name constraint_type is_deferrable initially_deferred"
        + " enforced nulls_distinct"));
    t.put("key_column_usage", empty(connection, "constraint_catalog:name constraint_schema:name constraint_name:name"
        + " table_catalog:name table_schema:name table_name:name column_name:name ordinal_position:int"
        + " position_in_unique_constraint:int"));
    t.put("referential_constraints", empty(connection, "constraint_catalog:name constraint_schema:name"
        + " constraint_name:name unique_constraint_catalog:name unique_constraint_schema:name"
        + " unique_constraint_name:name match_option update_rule delete_rule"));
    t.put("constraint_column_usage", empty(connection, "table_catalog:name table_schema:name table_name:name"
        + " column_name:name constraint_catalog:name constraint_schema:name constraint_name:name"));
    t.put("check_constraints", empty(connection, "constraint_catalog:name constraint_schema:name constraint_name:name"
        + " check_clause"));
    t.put("sequences", empty(connection, "sequence_catalog:name sequence_schema:name sequence_name:name data_type"
        + " numeric_precision:int numeric_precision_radix:int numeric_scale:int start_value minimum_value maximum_value"
        + " increment cycle_option"));
    t.put("triggers", empty(connection, "trigger_catalog:name trigger_schema:name trigger_name:name event_manipulation"
        + " event_object_catalog:name event_object_schema:name event_object_table:name action_order:int"
        + " action_condition action_statement action_orientation action_timing action_reference_old_table:name"
        + " action_reference_new_table:name action_reference_old_row:name action_reference_new_row:name"
        + " created:timestamptz"));
    this.tables = Map.copyOf(t);
  }

  /** Rows {@code of} the functions the session may call in the schemas its catalog lists ({@link CatalogFunctions}). */
  private static MetadataTable.Rows functions(Connection connection, AccessPolicy policy, CatalogSource source,
      java.util.function.BiFunction<List<CatalogFunctions.Listed>, List<Namespace>, List<Object[]>> of) {
    return md -> {
      List<Namespace> namespaces = CatalogSnapshot.read(source, md, policy, false).namespaces();
      return of.apply(CatalogFunctions.of(connection, namespaces), namespaces);
    };
  }

  private static MetadataTable empty(Connection connection, String spec) {
    return new MetadataTable(connection, spec, md -> List.of());
  }

  /** information_schema.columns' rows: PostgreSQL's values for each column of each relation. */
  private static List<Object[]> columns(CatalogSnapshot snapshot) {
    List<Object[]> rows = new ArrayList<>();
    for (Relation r : snapshot.relations()) {
      for (Attribute a : r.attributes()) {
        ColumnType c = ColumnType.of(a.type(), a.typmod());
        rows.add(new Object[] {LocalAnswers.DATABASE, r.namespace().name(), r.name(), a.name(), a.number(), null,
            a.notNull() ? "NO" : "YES", c.dataType(), null, c.octetLength(), c.precision(), c.radix(), c.scale(),
            c.datetimePrecision(), null, null, null, null, null, null, null, null, null, null, null,
            LocalAnswers.DATABASE, PgCatalog.NAME, c.udtName(), null, null, null, null, String.valueOf(a.number()), "NO", "NO",
            null, null, null, null, null, "NO", "NEVER", null, "NO"});
      }
    }
    return rows;
  }

  /** What information_schema.columns says of a column's type, as PostgreSQL computes it from the type and modifier. */
  record ColumnType(String dataType, String udtName, Integer octetLength, Integer precision, Integer radix, Integer scale,
      Integer datetimePrecision) {
    static ColumnType of(PgType type, int typmod) {
      Objects.requireNonNull(type, "type");
      String udt = CatalogTypes.typeName(type.oid());
      return switch (type) {
        case INT2 -> new ColumnType(type.sqlName(), udt, null, 16, 2, 0, null);
        case INT4 -> new ColumnType(type.sqlName(), udt, null, 32, 2, 0, null);
        case INT8 -> new ColumnType(type.sqlName(), udt, null, 64, 2, 0, null);
        case FLOAT4 -> new ColumnType(type.sqlName(), udt, null, 24, 2, null, null);
        case FLOAT8 -> new ColumnType(type.sqlName(), udt, null, 53, 2, null, null);
        case NUMERIC -> typmod >= 4
            ? new ColumnType(type.sqlName(), udt, null, (typmod - 4) >> 16, 10, (typmod - 4) & 0xffff, null)
            : new ColumnType(type.sqlName(), udt, null, null, 10, null, null);
        case DATE -> new ColumnType(type.sqlName(), udt, null, null, null, null, 0);
        case TIME, TIMESTAMP, TIMESTAMPTZ -> new ColumnType(type.sqlName(), udt, null, null, null, null, 6);
        case TEXT, VARCHAR, PADDED -> new ColumnType(type.sqlName(), udt, 1073741824, null, null, null, null);
        case TEXT_ARRAY -> new ColumnType("ARRAY", udt, null, null, null, null, null);
        default -> new ColumnType(type.sqlName(), udt, null, null, null, null, null);
      };
    }
  }

  /**
   * Adds the schema to {@code connection}'s root; a connection that is not Calcite's is left alone. It
   * lists only what {@code policy} reads; {@code userName} is the grantee of the privileges it lists.
   */
  static void install(Connection connection, String userName, AccessPolicy policy, CatalogSource source) throws SQLException {
    if (connection.isWrapperFor(CalciteConnection.class)) {
      connection.unwrap(CalciteConnection.class).getRootSchema().add(NAME,
          new InformationSchema(connection, userName, policy, source));
    }
  }

  @Override
  protected Map<String, Table> getTableMap() {
    return tables;
  }
}
