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
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.schema.SchemaPlus;
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

  /** One pg_proc row: {@code argumentTypes} as oidvector's text, {@code result} a type OID, {@code rows} a set. */
  record Listed(int oid, String name, int namespace, List<String> argumentNames, String argumentTypes, int arguments,
      int result, boolean rows) {
    Listed {
      Objects.requireNonNull(name, "name");
      argumentNames = List.copyOf(argumentNames);
      Objects.requireNonNull(argumentTypes, "argumentTypes");
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
      out.add(new Listed(oid++, f.name(), f.namespace(), names, String.join(" ", oids), names.size(), result, !scalar));
    }
    return out;
  }

  private static int typeOid(RelDataType type) {
    return PgType.ofJdbc(type.getSqlTypeName().getJdbcOrdinal()).oid();
  }

  private record Found(int namespace, String name, Function function) {
  }
}
