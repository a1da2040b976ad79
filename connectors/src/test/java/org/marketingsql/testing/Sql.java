package org.marketingsql.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Specs in the style of Calcite's adapter tests: {@code Sql.on(url).query(sql).returns("a=1; b=x")},
 * one line per row, columns as {@code name=value} joined by "; ", decimals in plain notation.
 */
public final class Sql {
  private final String url;
  private final Properties properties;
  private final String query;

  private Sql(String url, Properties properties, String query) {
    this.url = url;
    this.properties = properties;
    this.query = query;
  }

  /** A Calcite connection to an inline model, with the lexical settings the driver uses. */
  public static Sql calcite(String modelJson) {
    Properties p = new Properties();
    p.setProperty("model", "inline:" + modelJson);
    p.setProperty("caseSensitive", "false");
    p.setProperty("quoting", "DOUBLE_QUOTE");
    p.setProperty("unquotedCasing", "UNCHANGED");
    p.setProperty("quotedCasing", "UNCHANGED");
    return new Sql("jdbc:calcite:", p, null);
  }

  /** Any JDBC URL. */
  public static Sql on(String url) {
    return new Sql(url, new Properties(), null);
  }

  public Sql query(String sql) {
    return new Sql(url, properties, sql);
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url, properties);
  }

  /** Asserts the rows, in order. */
  public void returns(String... rows) throws SQLException {
    assertEquals(String.join("\n", rows), String.join("\n", rows()), "rows of: " + query);
  }

  /** The rows as text, one per row. */
  public List<String> rows() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
      return format(rs);
    }
  }

  /** The single value of a one-row, one-column query. */
  public Object scalar() throws SQLException {
    try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
      rs.next();
      return rs.getObject(1);
    }
  }

  /** The rows {@code sql} answers on {@code c}, each value as {@code getObject} gives it, in order. */
  public static List<List<Object>> objects(Connection c, String sql) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /** The rows {@code sql} answers on {@code c}, each one its values as {@code getString} gives them, joined by {@code |}. */
  public static List<String> lines(Connection c, String sql) throws SQLException {
    List<String> lines = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder line = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          line.append(i == 1 ? "" : "|").append(rs.getString(i));
        }
        lines.add(line.toString());
      }
    }
    return lines;
  }

  public static List<String> format(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<String> rows = new ArrayList<>();
    while (rs.next()) {
      StringBuilder row = new StringBuilder();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        Object value = rs.getObject(i);
        if (value instanceof BigDecimal d) {
          value = d.toPlainString();
        }
        row.append(i == 1 ? "" : "; ").append(md.getColumnLabel(i)).append('=').append(value);
      }
      rows.add(row.toString());
    }
    return rows;
  }
}
