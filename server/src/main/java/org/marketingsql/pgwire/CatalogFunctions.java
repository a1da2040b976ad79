package org.marketingsql.pgwire;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.TableFunction;
import org.apache.calcite.schema.TableMacro;
import org.marketingsql.pgwire.CatalogSnapshot.Namespace;

/**
 * The functions a session may call, as pg_proc lists them: the analysts' functions of the root schema (ROI, ROAS,
 * the fiscal and LTV functions …), callable unqualified from every schema as PostgreSQL's built-in functions are, in
 * pg_catalog; and the functions of each schema the session's catalog lists, in that schema (finance's
 * {@code attributed_revenue}). This server's own catalog functions ({@link PgFunctions}) are not listed.
 */
final class CatalogFunctions {
  /** This server's numbers for the listed functions, after the types' receive and send functions. */
  private static final int FIRST_OID = 20000;
  /** pg_type's record, what a function returning rows gives. */
  static final int RECORD_OID = 2249;

  /**
   * One pg_proc row: {@code argumentTypes} as oidvector's text, {@code result} a type OID, {@code rows} a set;
   * {@code columns} are the result columns of a function returning rows whose row type is known without its
   * arguments' values, which PostgreSQL writes as {@code RETURNS TABLE(…)}.
   */
  record Listed(int oid, String name, int namespace, List<String> argumentNames, String argumentTypes, int arguments,
      int result, boolean rows, List<Output> columns) {
    Listed {
      Objects.requireNonNull(name, "name");
      argumentNames = List.copyOf(argumentNames);
      Objects.requireNonNull(argumentTypes, "argumentTypes");
      columns = List.copyOf(columns);
      if (!columns.isEmpty() && (!rows || result != RECORD_OID)) {
        throw new IllegalArgumentException("function " + name + ": only a function returning records has result columns");
      }
    }

    /** proallargtypes: the arguments' types then the result columns', or null for a function without result columns. */
    List<Integer> allArgumentTypes() {
      if (columns.isEmpty()) {
        return null;
      }
      List<Integer> all = new ArrayList<>();
      for (String type : argumentTypes.isBlank() ? new String[0] : argumentTypes.strip().split("\\s+")) {
        all.add(Integer.valueOf(type));
      }
      columns.forEach(c -> all.add(c.type()));
      return all;
    }

    /** proargmodes: {@code i} for each argument, {@code t} for each result column; null without result columns. */
    List<String> argumentModes() {
      if (columns.isEmpty()) {
        return null;
      }
      List<String> modes = new ArrayList<>(java.util.Collections.nCopies(arguments, "i"));
      columns.forEach(c -> modes.add("t"));
      return modes;
    }

    /** proargnames: the arguments' names then the result columns'. */
    List<String> allArgumentNames() {
      List<String> all = new ArrayList<>(argumentNames);
      columns.forEach(c -> all.add(c.name()));
      return all;
    }
  }

  /** A result column of a function returning rows: its name and type OID. */
  record Output(String name, int type) {
    Output {
      Objects.requireNonNull(name, "name");
    }
  }

  private CatalogFunctions() {
  }

  /** The functions {@code connection}'s user may call in {@code namespaces} (those its catalog lists), numbered in order. */
  static List<Listed> of(Connection connection, List<Namespace> namespaces) throws SQLException {
    if (!connection.isWrapperFor(CalciteConnection.class)) {
      return List.of();
    }
    CalciteConnection calcite = connection.unwrap(CalciteConnection.class);
    SchemaPlus root = calcite.getRootSchema();
    RelDataTypeFactory types = calcite.getTypeFactory();
    // the root's own: neither this server's catalog functions nor a schema's function the root also holds, whose
    // schema the user may not read
    Set<String> own = new java.util.HashSet<>(PgFunctions.functions().keySet());
    for (String schemaName : root.getSubSchemaNames()) {
      SchemaPlus sub = root.getSubSchema(schemaName);
      if (sub != null) {
        own.addAll(sub.getFunctionNames());
      }
    }
    List<Found> found = new ArrayList<>();
    for (Namespace n : namespaces) {
      SchemaPlus schema = n.name().equals(PgCatalog.NAME) ? root
          : n.oid() == CatalogSnapshot.INFORMATION_SCHEMA_OID ? null : root.getSubSchema(n.name());
      if (schema == null) {
        continue;
      }
      for (String name : schema.getFunctionNames()) {
        if (schema == root && own.contains(name)) {
          continue;
        }
        for (Function f : schema.getFunctions(name)) {
          found.add(new Found(n.oid(), name.toLowerCase(Locale.ROOT), f));
        }
      }
    }
    found.sort(Comparator.comparingInt(Found::namespace).thenComparing(Found::name)
        .thenComparingInt(f -> f.function().getParameters().size()));
    List<Listed> out = new ArrayList<>();
    int oid = FIRST_OID;
    for (Found f : found) {
      List<String> names = new ArrayList<>();
      List<String> oids = new ArrayList<>();
      for (FunctionParameter p : f.function().getParameters()) {
        names.add(p.getName().toLowerCase(Locale.ROOT));
        oids.add(String.valueOf(typeOid(p.getType(types))));
      }
      boolean scalar = f.function() instanceof ScalarFunction;
      int result = scalar ? typeOid(((ScalarFunction) f.function()).getReturnType(types)) : RECORD_OID;
      out.add(new Listed(oid++, f.name(), f.namespace(), names, String.join(" ", oids), names.size(), result, !scalar,
          scalar ? List.of() : columns(f, types)));
    }
    return out;
  }

  /**
   * The result columns of a function returning rows, as Calcite plans them before it knows the arguments' values (it
   * passes nulls); none for a function whose columns depend on those values, which pg_proc then lists as returning
   * {@code SETOF record}.
   */
  private static List<Output> columns(Found f, RelDataTypeFactory types) {
    List<Object> unknown = java.util.Collections.nCopies(f.function().getParameters().size(), null);
    RelDataType row;
    try {
      if (f.function() instanceof TableMacro macro) {
        row = macro.apply(unknown).getRowType(types);
      } else if (f.function() instanceof TableFunction table) {
        row = table.getRowType(types, unknown);
      } else {
        return List.of();
      }
    } catch (RuntimeException e) {
      return List.of(); // its columns depend on its arguments' values
    }
    List<Output> columns = new ArrayList<>();
    for (RelDataTypeField field : row.getFieldList()) {
      columns.add(new Output(field.getName().toLowerCase(Locale.ROOT), typeOid(field.getType())));
    }
    return columns;
  }

  private static int typeOid(RelDataType type) {
    return PgType.ofJdbc(type.getSqlTypeName().getJdbcOrdinal()).oid();
  }

  private record Found(int namespace, String name, Function function) {
  }
}
