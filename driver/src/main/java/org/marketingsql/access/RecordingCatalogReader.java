package org.marketingsql.access;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.schema.Function;
import org.apache.calcite.schema.Table;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.validate.SqlNameMatcher;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql.validate.SqlUserDefinedTableMacro;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.util.Util;

/**
 * The connection's catalog reader, resolving names exactly as before, that also notes what it resolved
 * for the statement being validated: every table it handed out, and every routine of the schemas a
 * function name was looked for in (all candidates, not only the one chosen: a statement that names a
 * function refers to every routine that name may mean).
 */
final class RecordingCatalogReader extends CalciteCatalogReader {
  /** A routine, where it was found. */
  record Routine(List<String> schemaPath, String name, Function function) {
  }

  /** A table handed out, by its path from the root. */
  record Resolved(List<String> path, Table table) {
  }

  private final List<Routine> routines = new ArrayList<>();
  private final List<Resolved> tables = new ArrayList<>();

  RecordingCatalogReader(CalciteCatalogReader base) {
    super(base.getRootSchema(), base.nameMatcher(), base.getSchemaPaths(), base.getTypeFactory(), base.getConfig());
  }

  List<Routine> routines() {
    return List.copyOf(routines);
  }

  List<Resolved> tables() {
    return List.copyOf(tables);
  }

  /** The schema unqualified names are looked for in first, or null. */
  String defaultSchema() {
    List<String> first = getSchemaPaths().get(0);
    return first.isEmpty() ? null : first.get(0);
  }

  @Override
  public Prepare.PreparingTable getTable(List<String> names) {
    Prepare.PreparingTable table = super.getTable(names);
    if (table != null) {
      tables.add(new Resolved(table.getQualifiedName(), table.unwrap(Table.class)));
    }
    return table;
  }

  @Override
  public void lookupOperatorOverloads(SqlIdentifier opName, SqlFunctionCategory category, SqlSyntax syntax,
      List<SqlOperator> operatorList, SqlNameMatcher nameMatcher) {
    int before = operatorList.size();
    super.lookupOperatorOverloads(opName, category, syntax, operatorList, nameMatcher);
    withoutRepeats(operatorList, before);
    if (syntax == SqlSyntax.FUNCTION) {
      note(opName.names);
    }
  }

  /**
   * Keeps, among the operators this lookup added (from {@code from} on), the first of each routine and signature: a
   * routine registered in two schemas of the search (a schema and the root) is found twice, and two candidates of the
   * same parameters are not an overload to choose between (choosing fails for an argument of no type, such as NULL).
   * As in PostgreSQL, the one of the schema searched first wins.
   */
  private void withoutRepeats(List<SqlOperator> operators, int from) {
    Set<Function> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Set<List<Object>> macros = new HashSet<>();
    for (int i = from; i < operators.size(); i++) {
      SqlOperator operator = operators.get(i);
      boolean repeated = false;
      if (operator instanceof SqlUserDefinedFunction f) {
        repeated = !seen.add(f.getFunction());
      } else if (operator instanceof SqlUserDefinedTableMacro m) {
        // a table macro's operator does not give its macro back: it is known by its name and parameters
        repeated = !macros.add(List.of(m.getName(), m.getParamNames(),
            m.getOperandTypeChecker().paramTypes(getTypeFactory()).toString()));
      }
      if (repeated) {
        operators.remove(i--);
      }
    }
  }

  /** Every routine named like {@code names} in the schemas the lookup searches (as the superclass does). */
  private void note(List<String> names) {
    List<List<String>> searched = new ArrayList<>();
    List<List<String>> paths = getSchemaPaths();
    if (names.size() > 1) {
      searched.addAll(paths.size() > 1 ? Util.skip(paths) : paths);
    } else {
      for (List<String> path : paths) {
        CalciteSchema schema = SqlValidatorUtil.getSchema(getRootSchema(), path, nameMatcher());
        if (schema != null) {
          searched.addAll(schema.getPath());
        }
      }
    }
    String name = Util.last(names);
    for (List<String> path : searched) {
      List<String> full = new ArrayList<>(path);
      full.addAll(Util.skipLast(names));
      CalciteSchema schema = SqlValidatorUtil.getSchema(getRootSchema(), full, nameMatcher());
      if (schema != null) {
        List<String> schemaPath = schema.path(null);
        for (String candidate : schema.getFunctionNames()) {
          if (candidate.equalsIgnoreCase(name)) {
            schema.getFunctions(candidate, true).forEach(f -> routines.add(new Routine(schemaPath, candidate, f)));
          }
        }
        schema.getFunctions(name, false).forEach(f -> routines.add(new Routine(schemaPath, name, f)));
      }
    }
  }
}
