package org.marketingsql.pgwire;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelVisitor;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;

/**
 * Whether a catalog query's answer is the same for every session of the same user, policy and search path, decided
 * from the plan the validator and converter made of it ({@link #varying}): every relation it reads is one of the
 * catalogs' fixed tables, and every function and operator it calls is one classified here as depending on nothing
 * but its arguments and the catalog. A function nobody classified (one added later, or one Calcite resolves to a
 * user-defined function) makes the statement planned each time: what cannot be classified is not kept.
 */
final class CatalogCalls {
  /**
   * Catalog tables whose rows change with the session or from moment to moment: the settings, the cursors and
   * prepared statements of the session, the activity and locks of the server.
   */
  static final Set<String> VARYING_TABLES = Set.of("pg_cursors", "pg_settings", "pg_stat_activity", "pg_locks",
      "pg_prepared_statements", "pg_stat_database", "pg_stat_user_tables", "pg_statio_user_tables",
      "pg_stat_all_tables", "pg_file_settings", "pg_timezone_names", "pg_timezone_abbrevs");

  /**
   * Functions (by their lower-case name) whose value depends on their arguments and on what the key of a kept answer
   * holds (the user, the policy, the search path, the catalog's generation), nothing else. Calcite's own functions of
   * text, numbers, arrays and conditions, and PostgreSQL's catalog functions as {@link PgFunctions} answers them.
   * Not here on purpose: the clock (now, current_timestamp …), chance (random), the session (current_setting,
   * pg_backend_pid, inet_client_addr, txid_current, current_user, current_schemas) and the privilege functions
   * (has_table_privilege …), which name what they test in strings. {@code current_database} is the server's one
   * database, {@code version} the server's, and the sizes are 0 here, so they are stable.
   */
  static final Set<String> STABLE_FUNCTIONS = Set.of(
      // Calcite's and PostgreSQL's functions of values
      "upper", "lower", "initcap", "substring", "substr", "left", "right", "trim", "btrim", "ltrim", "rtrim",
      "replace", "translate", "position", "strpos", "concat", "concat_ws", "char_length", "character_length",
      "length", "octet_length", "lpad", "rpad", "repeat", "reverse", "split_part", "starts_with", "regexp_replace",
      "regexp_substr", "regexp_like", "md5", "ascii", "chr", "abs", "ceil", "ceiling", "floor", "round", "trunc",
      "truncate", "mod", "sign", "power", "sqrt", "greatest", "least", "nullif", "coalesce", "nvl", "ifnull",
      "array", "array_length", "array_upper", "array_lower", "array_position", "array_to_string", "cardinality",
      "unnest", "generate_series", "generate_subscripts", "string_to_array", "array_agg", "string_agg", "listagg",
      "bool_and", "bool_or", "every", "count", "sum", "min", "max", "avg", "$sum0", "row_number", "rank",
      "dense_rank", "item", "textregexeq", "texticregexeq", "pg_text_concat", "json_build_object", "to_char_text",
      // PostgreSQL's catalog functions as this server answers them
      "format_type", "pg_get_expr", "pg_get_userbyid", "pg_get_constraintdef", "pg_get_indexdef", "pg_get_viewdef",
      "pg_get_function_arguments", "pg_get_function_result", "pg_get_partkeydef", "pg_get_ruledef",
      "pg_get_triggerdef", "pg_get_statisticsobjdef_columns", "pg_relation_is_publishable", "pg_get_serial_sequence", "pg_encoding_to_char", "quote_ident", "pg_table_is_visible",
      "pg_type_is_visible", "pg_function_is_visible", "pg_operator_is_visible", "pg_opclass_is_visible",
      "pg_conversion_is_visible", "pg_ts_config_is_visible", "pg_statistics_obj_is_visible", "pg_collation_is_visible", "getdatabaseencoding",
      "pg_char_to_encoding", "pg_tablespace_location", "pg_get_function_sqlbody", "pg_database_size", "obj_description", "col_description", "shobj_description",
      "pg_size_pretty", "current_database", "pg_relation_size", "pg_total_relation_size", "pg_table_size",
      "pg_indexes_size", "textcat", "regclass_oid", "regclass_text", "regtype_oid", "regproc_oid", "regprocedure_oid",
      "regnamespace_oid", "xid_value",
      "regrole_oid", "pg_is_other_temp_schema", "pg_function_arguments", "pg_function_result", "array_remove", "to_regtype",
      "version");

  /** The kinds of calls that are functions by name: anything else is an operator of SQL's grammar. */
  private static final Set<SqlKind> NAMED = Set.of(SqlKind.OTHER_FUNCTION, SqlKind.OTHER, SqlKind.NEXT_VALUE,
      SqlKind.CURRENT_VALUE);

  private CatalogCalls() {
  }

  /**
   * What makes {@code plan}'s answer vary from session to session, or empty when nothing does: the first relation
   * outside the catalogs' fixed tables, or the first function or operator not classified as stable.
   */
  static Optional<String> varying(RelNode plan) {
    List<String> found = new ArrayList<>();
    new RelVisitor() {
      @Override
      public void visit(RelNode node, int ordinal, RelNode parent) {
        if (!found.isEmpty()) {
          return;
        }
        if (node instanceof TableScan scan) {
          if (!catalogTable(scan.getTable())) {
            found.add("the relation " + String.join(".", scan.getTable().getQualifiedName()));
            return;
          }
        }
        if (node instanceof Aggregate aggregate) {
          for (AggregateCall call : aggregate.getAggCallList()) {
            operator(call.getAggregation()).ifPresent(found::add);
          }
        }
        node.accept(new RexShuttle() {
          @Override
          public RexNode visitCall(RexCall call) {
            if (found.isEmpty()) {
              operator(call.getOperator()).ifPresent(found::add);
            }
            return super.visitCall(call);
          }

          @Override
          public RexNode visitSubQuery(RexSubQuery subQuery) {
            if (found.isEmpty()) {
              operator(subQuery.getOperator()).ifPresent(found::add);
              varying(subQuery.rel).ifPresent(found::add);
            }
            return super.visitSubQuery(subQuery);
          }
        });
        super.visit(node, ordinal, parent);
      }
    }.go(plan);
    return found.stream().findFirst();
  }

  /** Why {@code operator} is not classified as stable, or empty when it is. */
  static Optional<String> operator(SqlOperator operator) {
    String name = operator.getName().toLowerCase(Locale.ROOT);
    if (operator.isDynamicFunction() || !operator.isDeterministic()) {
      return Optional.of("the function " + name);
    }
    if (NAMED.contains(operator.getKind()) && !STABLE_FUNCTIONS.contains(name)) {
      return Optional.of("the function " + name);
    }
    return Optional.empty();
  }

  /**
   * Whether {@code table} is one of the tables pg_catalog and information_schema are made of ({@link MetadataTable}s,
   * reached by their schema's name or, unqualified, through the root) and not one whose rows vary by session.
   */
  private static boolean catalogTable(org.apache.calcite.plan.RelOptTable table) {
    List<String> name = table.getQualifiedName();
    return table.unwrap(MetadataTable.class) != null
        && !VARYING_TABLES.contains(name.get(name.size() - 1).toLowerCase(Locale.ROOT));
  }
}
