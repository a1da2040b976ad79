package org.marketingsql.pgwire;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A copy of the port's finance schema on a PostgreSQL, for comparing what a client's catalog calls answer on both:
 * views of the same names, column types and comments (each column NULL), and functions of the same signatures.
 */
final class FinanceCopy {
  private FinanceCopy() {
  }

  /**
   * Creates schema finance on PostgreSQL with a view of each of the port's finance views: the same names, column
   * types and comments, and a function of the same name, arguments and result as each of finance's functions.
   */
  static void into(Connection from, Connection to) throws SQLException {
    Map<String, List<String>> views = new LinkedHashMap<>();
    List<String> comments = new ArrayList<>();
    String columns = "select c.relname, a.attname, format_type(a.atttypid, a.atttypmod), d.description"
        + " from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
        + " join pg_catalog.pg_attribute a on a.attrelid = c.oid and a.attnum > 0"
        + " left join pg_catalog.pg_description d on d.objoid = c.oid and d.objsubid = a.attnum"
        + " where n.nspname = 'finance' order by c.relname, a.attnum";
    try (Statement s = from.createStatement(); ResultSet rs = s.executeQuery(columns)) {
      while (rs.next()) {
        String view = rs.getString(1);
        views.computeIfAbsent(view, v -> new ArrayList<>()).add("null::" + rs.getString(3) + " as " + quote(rs.getString(2)));
        if (rs.getString(4) != null) {
          comments.add("comment on column finance." + quote(view) + "." + quote(rs.getString(2)) + " is "
              + literal(rs.getString(4)));
        }
      }
    }
    String tables = "select c.relname, d.description from pg_catalog.pg_class c"
        + " join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
        + " left join pg_catalog.pg_description d on d.objoid = c.oid and d.objsubid = 0 where n.nspname = 'finance'";
    try (Statement s = from.createStatement(); ResultSet rs = s.executeQuery(tables)) {
      while (rs.next()) {
        if (rs.getString(2) != null) {
          comments.add("comment on view finance." + quote(rs.getString(1)) + " is " + literal(rs.getString(2)));
        }
      }
    }
    List<String> functions = new ArrayList<>();
    String signatures = "select p.proname, pg_get_function_arguments(p.oid), pg_get_function_result(p.oid)"
        + " from pg_catalog.pg_proc p join pg_catalog.pg_namespace n on n.oid = p.pronamespace where n.nspname = 'finance'";
    try (Statement s = from.createStatement(); ResultSet rs = s.executeQuery(signatures)) {
      while (rs.next()) {
        String result = rs.getString(3);
        String body = result.startsWith("TABLE(") || result.startsWith("SETOF ") ? "begin return; end" : "begin return null; end";
        functions.add("create function finance." + quote(rs.getString(1)) + "(" + rs.getString(2) + ") returns " + result
            + " language plpgsql as $$" + body + "$$");
      }
    }
    try (Statement s = to.createStatement()) {
      s.execute("create schema finance");
      for (Map.Entry<String, List<String>> view : views.entrySet()) {
        s.execute("create view finance." + quote(view.getKey()) + " as select " + String.join(", ", view.getValue()));
      }
      for (String function : functions) {
        s.execute(function);
      }
      for (String comment : comments) {
        s.execute(comment);
      }
    }
  }

  private static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }

  private static String literal(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
