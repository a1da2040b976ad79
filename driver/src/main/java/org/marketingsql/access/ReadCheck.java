package org.marketingsql.access;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.TableFunction;
import org.apache.calcite.schema.TableMacro;
import org.apache.calcite.sql.SqlKind;

/**
 * Decides whether a connection's policy lets a statement read what it resolved to: a table or view by
 * its path from the root, a routine by the schema it was found in. The rule:
 * <ul>
 * <li>an object belongs to the top-level schema of its path, and is readable when the policy reads
 *     that schema;</li>
 * <li>a path through a schema whose name starts with {@code _} is internal: refused for everyone;</li>
 * <li>an object put straight in the root (so clients may name it unqualified) belongs to the top-level
 *     schema that holds the very same object under the same name; one no schema holds is refused;</li>
 * <li>scalar and aggregate functions of the root compute on their arguments and read nothing: open;
 *     table functions read, and are a schema's like tables are;</li>
 * <li>only queries are statements (SELECT, set operations, VALUES, WITH, ORDER BY, TABLE);
 *     every other kind is refused.</li>
 * </ul>
 */
final class ReadCheck {
  private final AccessPolicy policy;
  private final CalciteSchema root;

  ReadCheck(AccessPolicy policy, CalciteSchema root) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.root = Objects.requireNonNull(root, "root");
  }

  /** Refuses a statement that is not a query. */
  void statement(SqlKind kind) {
    if (!SqlKind.QUERY.contains(kind)) {
      throw AccessDeniedException.notAQuery(kind);
    }
  }

  /** Checks a table or view, by its path from the root; {@code table} is the object at that path. */
  void table(List<String> path, Object table) {
    place("table", path, table, true);
  }

  /** Checks a routine found in the schema at {@code schemaPath} under {@code name}. */
  void routine(List<String> schemaPath, String name, Function function) {
    boolean reads = function instanceof TableFunction || function instanceof TableMacro;
    if (schemaPath.isEmpty() && !reads) {
      return; // a root scalar function: computes on its arguments
    }
    List<String> path = new ArrayList<>(schemaPath);
    path.add(name);
    place(reads ? "table function" : "function", path, function, false);
  }

  /**
   * A name that did not resolve, in a statement that failed anyway: when it would have been looked
   * for in a schema the policy does not read, the refusal is reported instead of the failure, so that
   * what such a schema holds is not revealed by the error.
   */
  void unresolved(List<String> names, String defaultSchema) {
    String schema = names.size() > 1 ? names.get(0) : defaultSchema;
    // whether such a schema exists is not told either: every schema the policy does not read is refused
    if (schema != null && !policy.mayRead(schema)) {
      throw refusal(schema, "table " + String.join(".", names));
    }
  }

  /**
   * A function named with its schema ({@code finance.f(…)}), in a statement that failed anyway: as for
   * {@link #unresolved}, refused when the schema is one the policy does not read, so that an unknown function there
   * is answered as a known one is, and neither tells what the schema holds.
   */
  void unresolvedFunction(List<String> names) {
    String schema = names.get(0);
    if (!policy.mayRead(schema)) {
      throw refusal(schema, "function " + String.join(".", names));
    }
  }

  /** A FROM item the check could not place in a schema: refused. */
  AccessDeniedException unplaced(String what) {
    return new AccessDeniedException("", what, "permission denied: cannot tell which schema " + what
        + " is in, so it is not read");
  }

  private void place(String kind, List<String> path, Object object, boolean isTable) {
    String name = path.get(path.size() - 1);
    String what = kind + " " + String.join(".", path);
    List<String> schemas = path.subList(0, path.size() - 1);
    if (schemas.isEmpty()) {
      String holder = rootAlias(name, object, isTable);
      if (holder == null) {
        throw new AccessDeniedException("", what, "permission denied: " + what + " is in no schema, so it is not read");
      }
      schemas = List.of(holder);
      what = kind + " " + holder + "." + name;
    }
    for (int i = 0; i < schemas.size(); i++) {
      if (AccessPolicy.isInternal(schemas.get(i))) {
        String internal = String.join(".", schemas.subList(0, i + 1));
        throw new AccessDeniedException(internal, what, "permission denied for schema " + internal + ": " + what
            + " is one of the store's internal tables, which only the views read");
      }
    }
    if (!policy.mayRead(schemas.get(0))) {
      throw refusal(schemas.get(0), what);
    }
  }

  private AccessDeniedException refusal(String schema, String what) {
    return policy.refusal(schema, what);
  }

  /** The top-level schema that holds {@code object} itself under {@code name} (in any case), or null. */
  private String rootAlias(String name, Object object, boolean isTable) {
    for (String schemaName : root.getSubSchemaMap().keySet()) {
      CalciteSchema schema = root.getSubSchema(schemaName, true);
      if (schema == null || AccessPolicy.isInternal(schemaName)) {
        continue;
      }
      if (isTable) {
        CalciteSchema.TableEntry entry = schema.getTable(name, false);
        if (entry != null && entry.getTable() == object) {
          return schemaName;
        }
      } else if (schema.getFunctions(name, false).stream().anyMatch(f -> f == object)) {
        return schemaName;
      }
    }
    return null;
  }
}
