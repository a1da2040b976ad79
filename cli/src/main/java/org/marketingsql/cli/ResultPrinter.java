package org.marketingsql.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/** Writes a result set as CSV with a header, as an aligned table, or as JSON: plain decimals, ISO dates. */
final class ResultPrinter {
  enum Format { CSV, TABLE, JSON }

  private ResultPrinter() {
  }

  static long print(ResultSet rs, Format format, PrintStream out) throws SQLException, IOException {
    ResultSetMetaData md = rs.getMetaData();
    List<String> names = new ArrayList<>();
    for (int i = 1; i <= md.getColumnCount(); i++) {
      names.add(md.getColumnLabel(i));
    }
    return switch (format) {
      case CSV -> csv(rs, names, out);
      case TABLE -> table(rs, names, out);
      case JSON -> json(rs, names, out);
    };
  }

  /** A value as text: decimals without exponent, dates and timestamps in ISO form, NULL as empty. */
  static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof Date d) {
      return d.toLocalDate().toString();
    }
    if (value instanceof Timestamp t) {
      return t.toLocalDateTime().toString();
    }
    return value.toString();
  }

  private static long csv(ResultSet rs, List<String> names, PrintStream out) throws SQLException, IOException {
    long rows = 0;
    CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get());
    printer.printRecord(names);
    while (rs.next()) {
      List<String> row = new ArrayList<>();
      for (int i = 1; i <= names.size(); i++) {
        row.add(text(rs.getObject(i)));
      }
      printer.printRecord(row);
      rows++;
    }
    printer.flush();
    return rows;
  }

  private static long table(ResultSet rs, List<String> names, PrintStream out) throws SQLException {
    List<String[]> rows = new ArrayList<>();
    int[] widths = names.stream().mapToInt(String::length).toArray();
    boolean[] numeric = new boolean[names.size()];
    while (rs.next()) {
      String[] row = new String[names.size()];
      for (int i = 0; i < row.length; i++) {
        Object value = rs.getObject(i + 1);
        numeric[i] |= value instanceof Number;
        row[i] = value == null ? "NULL" : text(value);
        widths[i] = Math.max(widths[i], row[i].length());
      }
      rows.add(row);
    }
    out.println(line(names.toArray(String[]::new), widths, new boolean[names.size()]));
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      rule.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
    }
    out.println(rule);
    for (String[] row : rows) {
      out.println(line(row, widths, numeric));
    }
    out.println("(" + rows.size() + (rows.size() == 1 ? " row)" : " rows)"));
    return rows.size();
  }

  private static String line(String[] cells, int[] widths, boolean[] right) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < cells.length; i++) {
      String pad = " ".repeat(widths[i] - cells[i].length());
      text.append(i == 0 ? "" : " | ").append(right[i] ? pad + cells[i] : cells[i] + pad);
    }
    return text.toString().stripTrailing();
  }

  private static long json(ResultSet rs, List<String> names, PrintStream out) throws SQLException, IOException {
    long rows = 0;
    JsonGenerator json = new ObjectMapper().getFactory().createGenerator(out);
    json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    json.writeStartArray();
    while (rs.next()) {
      json.writeStartObject();
      for (int i = 1; i <= names.size(); i++) {
        Object value = rs.getObject(i);
        json.writeFieldName(names.get(i - 1));
        if (value == null) {
          json.writeNull();
        } else if (value instanceof BigDecimal d) {
          json.writeNumber(d.toPlainString());
        } else if (value instanceof Number n) {
          json.writeNumber(n.toString());
        } else if (value instanceof Boolean b) {
          json.writeBoolean(b);
        } else {
          json.writeString(text(value));
        }
      }
      json.writeEndObject();
      rows++;
    }
    json.writeEndArray();
    json.flush();
    out.println();
    return rows;
  }
}
