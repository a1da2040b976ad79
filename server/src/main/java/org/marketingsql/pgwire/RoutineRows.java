package org.marketingsql.pgwire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.marketingsql.pgwire.CatalogSnapshot.Namespace;

/**
 * The rows of information_schema's {@code routines} and {@code parameters}: a row per function the session may call
 * (those pg_proc lists, {@link CatalogFunctions}), and one per argument of each, with PostgreSQL 15's values for a
 * function of language internal (its body is its own name).
 */
final class RoutineRows {
  /** The columns of information_schema.routines, with PostgreSQL 15's types. */
  static final String ROUTINES = "specific_catalog:name specific_schema:name specific_name:name routine_catalog:name"
      + " routine_schema:name routine_name:name routine_type module_catalog:name module_schema:name module_name:name"
      + " udt_catalog:name udt_schema:name udt_name:name data_type character_maximum_length:int"
      + " character_octet_length:int character_set_catalog:name character_set_schema:name character_set_name:name"
      + " collation_catalog:name collation_schema:name collation_name:name numeric_precision:int"
      + " numeric_precision_radix:int numeric_scale:int datetime_precision:int interval_type interval_precision:int"
      + " type_udt_catalog:name type_udt_schema:name type_udt_name:name scope_catalog:name scope_schema:name"
      + " scope_name:name maximum_cardinality:int dtd_identifier:name routine_body routine_definition external_name"
      + " external_language parameter_style is_deterministic sql_data_access is_null_call sql_path"
      + " schema_level_routine max_dynamic_result_sets:int is_user_defined_cast is_implicitly_invocable security_type"
      + " to_sql_specific_catalog:name to_sql_specific_schema:name to_sql_specific_name:name as_locator"
      + " created:timestamptz last_altered:timestamptz new_savepoint_level is_udt_dependent result_cast_from_data_type"
      + " result_cast_as_locator result_cast_char_max_length:int result_cast_char_octet_length:int"
      + " result_cast_char_set_catalog:name result_cast_char_set_schema:name result_cast_char_set_name:name"
      + " result_cast_collation_catalog:name result_cast_collation_schema:name result_cast_collation_name:name"
      + " result_cast_numeric_precision:int result_cast_numeric_precision_radix:int result_cast_numeric_scale:int"
      + " result_cast_datetime_precision:int result_cast_interval_type result_cast_interval_precision:int"
      + " result_cast_type_udt_catalog:name result_cast_type_udt_schema:name result_cast_type_udt_name:name"
      + " result_cast_scope_catalog:name result_cast_scope_schema:name result_cast_scope_name:name"
      + " result_cast_maximum_cardinality:int result_cast_dtd_identifier:name";
  /** The columns of information_schema.parameters, with PostgreSQL 15's types. */
  static final String PARAMETERS = "specific_catalog:name specific_schema:name specific_name:name ordinal_position:int"
      + " parameter_mode is_result as_locator parameter_name:name data_type character_maximum_length:int"
      + " character_octet_length:int character_set_catalog:name character_set_schema:name character_set_name:name"
      + " collation_catalog:name collation_schema:name collation_name:name numeric_precision:int"
      + " numeric_precision_radix:int numeric_scale:int datetime_precision:int interval_type interval_precision:int"
      + " udt_catalog:name udt_schema:name udt_name:name scope_catalog:name scope_schema:name scope_name:name"
      + " maximum_cardinality:int dtd_identifier:name parameter_default";

  private RoutineRows() {
  }

  /** A row of {@code spec}'s columns, each null but those {@code values} names. */
  private static Object[] row(String spec, Map<String, Object> values) {
    String[] columns = spec.split("\\s+");
    Object[] row = new Object[columns.length];
    for (int i = 0; i < columns.length; i++) {
      String name = columns[i].contains(":") ? columns[i].substring(0, columns[i].indexOf(':')) : columns[i];
      row[i] = values.get(name);
    }
    return row;
  }

  /** information_schema.routines' rows for {@code functions}, in the schemas {@code namespaces} name by OID. */
  static List<Object[]> routines(List<CatalogFunctions.Listed> functions, List<Namespace> namespaces) {
    List<Object[]> rows = new ArrayList<>();
    for (CatalogFunctions.Listed f : functions) {
      String schema = schemaOf(f, namespaces);
      Map<String, Object> v = new HashMap<>();
      v.put("specific_catalog", LocalAnswers.DATABASE);
      v.put("specific_schema", schema);
      v.put("specific_name", f.name() + "_" + f.oid());
      v.put("routine_catalog", LocalAnswers.DATABASE);
      v.put("routine_schema", schema);
      v.put("routine_name", f.name());
      v.put("routine_type", "FUNCTION");
      typeOf(v, "", f.result());
      v.put("type_udt_catalog", LocalAnswers.DATABASE);
      v.put("type_udt_schema", PgCatalog.NAME);
      v.put("type_udt_name", CatalogTypes.typeName(f.result()));
      v.put("dtd_identifier", "0");
      v.put("routine_body", "EXTERNAL");
      v.put("routine_definition", f.name());
      v.put("external_language", "INTERNAL");
      v.put("parameter_style", "GENERAL");
      v.put("is_deterministic", "NO");
      v.put("sql_data_access", "MODIFIES");
      v.put("is_null_call", "NO");
      v.put("schema_level_routine", "YES");
      v.put("max_dynamic_result_sets", 0);
      v.put("security_type", "INVOKER");
      v.put("as_locator", "NO");
      v.put("is_udt_dependent", "NO");
      rows.add(row(ROUTINES, v));
    }
    return rows;
  }

  /**
   * information_schema.parameters' rows: one per argument of each of {@code functions}, then one per result column of
   * a function returning a table (mode OUT, as PostgreSQL 15 lists them), numbered from 1.
   */
  static List<Object[]> parameters(List<CatalogFunctions.Listed> functions, List<Namespace> namespaces) {
    List<Object[]> rows = new ArrayList<>();
    for (CatalogFunctions.Listed f : functions) {
      List<String> types = new ArrayList<>(f.argumentTypes().isBlank() ? List.of()
          : Arrays.asList(f.argumentTypes().strip().split("\\s+")));
      f.columns().forEach(c -> types.add(String.valueOf(c.type())));
      List<String> names = f.allArgumentNames();
      for (int i = 0; i < types.size(); i++) {
        Map<String, Object> v = new HashMap<>();
        v.put("specific_catalog", LocalAnswers.DATABASE);
        v.put("specific_schema", schemaOf(f, namespaces));
        v.put("specific_name", f.name() + "_" + f.oid());
        v.put("ordinal_position", i + 1);
        v.put("parameter_mode", i < f.arguments() ? "IN" : "OUT");
        v.put("is_result", "NO");
        v.put("as_locator", "NO");
        v.put("parameter_name", i < names.size() && !names.get(i).isEmpty() ? names.get(i) : null);
        typeOf(v, "", Integer.parseInt(types.get(i)));
        v.put("udt_catalog", LocalAnswers.DATABASE);
        v.put("udt_schema", PgCatalog.NAME);
        v.put("udt_name", CatalogTypes.typeName(Integer.parseInt(types.get(i))));
        v.put("dtd_identifier", String.valueOf(i + 1));
        rows.add(row(PARAMETERS, v));
      }
    }
    return rows;
  }

  /** data_type and the numeric figures of the type {@code oid}, as information_schema.columns gives them. */
  private static void typeOf(Map<String, Object> v, String prefix, int oid) {
    PgType type = PgType.ofOid(oid);
    if (type == null) {
      v.put(prefix + "data_type", CatalogTypes.typeName(oid)); // record, as PostgreSQL names a function's rows
      return;
    }
    InformationSchema.ColumnType c = InformationSchema.ColumnType.of(type, -1);
    v.put(prefix + "data_type", c.dataType());
    v.put(prefix + "numeric_precision", c.precision());
    v.put(prefix + "numeric_precision_radix", c.radix());
    v.put(prefix + "numeric_scale", c.scale());
    v.put(prefix + "datetime_precision", c.datetimePrecision());
  }

  private static String schemaOf(CatalogFunctions.Listed f, List<Namespace> namespaces) {
    return namespaces.stream().filter(n -> n.oid() == f.namespace()).map(Namespace::name).findFirst()
        .orElseThrow(() -> new IllegalStateException("function " + f.name() + " is in no listed schema"));
  }
}
