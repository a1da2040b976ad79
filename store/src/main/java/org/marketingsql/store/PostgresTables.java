package org.marketingsql.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Handle;

/** What PostgreSQL's catalog says of a store table. */
final class PostgresTables {
  private PostgresTables() {
  }

  /** Whether the table exists with the columns (names, types, order) that {@code select} returns. */
  static boolean sameColumnsAs(Handle handle, String qualified, String select) {
    if (columns(handle, qualified).isEmpty()) {
      return false;
    }
    // the select's columns, from an empty table of its shape that only this session sees and the commit drops
    handle.execute("DROP TABLE IF EXISTS pg_temp.\"marketing_shape\"");
    handle.execute("CREATE TEMPORARY TABLE \"marketing_shape\" ON COMMIT DROP AS " + select + " WITH NO DATA");
    boolean same = columns(handle, "pg_temp.\"marketing_shape\"").equals(columns(handle, qualified));
    handle.execute("DROP TABLE pg_temp.\"marketing_shape\"");
    return same;
  }

  /** Whether the table exists. */
  static boolean exists(Handle handle, String qualified) {
    return handle.createQuery("SELECT to_regclass(:table) IS NOT NULL").bind("table", qualified).mapTo(Boolean.class).one();
  }

  private static List<String> columns(Handle handle, String qualified) {
    return handle.createQuery("SELECT a.attname || ' ' || format_type(a.atttypid, a.atttypmod)"
        + " FROM pg_attribute a WHERE a.attrelid = to_regclass(:table) AND a.attnum > 0 AND NOT a.attisdropped"
        + " ORDER BY a.attnum").bind("table", qualified).mapTo(String.class).list();
  }

  /** Whether the table exists with exactly these columns, in this order, of these SQL types. */
  static boolean hasColumns(Handle handle, String qualified, List<String> names, List<String> sqlTypes) {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      expected.add(names.get(i) + " " + catalogType(sqlTypes.get(i)));
    }
    return columns(handle, qualified).equals(expected);
  }

  /** A type as the store writes it in CREATE TABLE, as {@code format_type} names it. */
  static String catalogType(String sqlType) {
    String type = sqlType.strip().toUpperCase(Locale.ROOT).replace(" ", "");
    if (type.startsWith("DECIMAL(") || type.startsWith("NUMERIC(")) {
      return "numeric" + type.substring(type.indexOf('('));
    }
    return switch (type) {
      case "VARCHAR", "TEXT" -> type.equals("TEXT") ? "text" : "character varying";
      case "TIMESTAMP" -> "timestamp without time zone";
      case "DOUBLE", "DOUBLEPRECISION" -> "double precision";
      case "INTEGER", "INT" -> "integer";
      default -> type.toLowerCase(Locale.ROOT);
    };
  }
}
