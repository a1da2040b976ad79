package org.marketingsql.access;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A catalog answer (a DatabaseMetaData result set) with only the rows a policy shows: a row that names
 * a schema (a {@code *_SCHEM} column: TABLE_SCHEM, FUNCTION_SCHEM, …) is kept when the policy reads that
 * schema. Rows are skipped as the reader moves forward, the way catalog answers are read.
 */
public final class VisibleRows {
  private VisibleRows() {
  }

  /** {@code rows}, without the rows of schemas {@code policy} does not read. */
  public static ResultSet of(ResultSet rows, AccessPolicy policy) throws SQLException {
    Objects.requireNonNull(rows, "rows");
    Objects.requireNonNull(policy, "policy");
    List<Integer> schemaColumns = new ArrayList<>();
    ResultSetMetaData md = rows.getMetaData();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      if (md.getColumnLabel(i).toUpperCase(Locale.ROOT).endsWith("_SCHEM")) {
        schemaColumns.add(i);
      }
    }
    if (schemaColumns.isEmpty()) {
      return rows;
    }
    return (ResultSet) Proxy.newProxyInstance(VisibleRows.class.getClassLoader(), new Class<?>[] {ResultSet.class},
        (proxy, method, args) -> {
          if (method.getName().equals("next") && method.getParameterCount() == 0) {
            while (rows.next()) {
              if (visible(rows, schemaColumns, policy)) {
                return true;
              }
            }
            return false;
          }
          if (method.getName().equals("unwrap") && args[0] instanceof Class<?> c && c.isInstance(proxy)) {
            return proxy;
          }
          try {
            return method.invoke(rows, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private static boolean visible(ResultSet rows, List<Integer> schemaColumns, AccessPolicy policy) throws SQLException {
    for (int column : schemaColumns) {
      String schema = rows.getString(column);
      if (schema != null && !policy.mayRead(schema)) {
        return false;
      }
    }
    return true;
  }
}
