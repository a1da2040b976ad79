package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/finance-views.md is what the driver tells a JDBC client about each view of {@code finance} and
 * {@code sync}: the view's remark, and per column its type and meaning (REMARKS, with the formula). The
 * test fails when the file no longer matches; run it with {@value #WRITE}=true to rewrite the file.
 */
@org.junit.jupiter.api.extension.ExtendWith(org.marketingsql.testing.SharedDemoHome.class)
class FinanceViewsDocTest {
  static final String WRITE = "marketingsql.docs.write";
  static final List<String> SCHEMAS = List.of("finance", "sync");

  record Column(String name, String type, String meaning) {
  }

  record View(String schema, String name, String remark, List<Column> columns) {
  }

  @Test
  void docsFinanceViewsMdDescribesEveryViewAsTheDriverDoes() throws Exception {
    String markdown;
    try (Connection c = DriverManager.getConnection("jdbc:marketing:demo")) {
      markdown = render(views(c.getMetaData()));
    }
    Path file = docsFolder().resolve("finance-views.md");
    if (Boolean.getBoolean(WRITE)) {
      Files.writeString(file, markdown, StandardCharsets.UTF_8);
    }
    String committed = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    assertEquals(markdown, committed, file + " is stale: the views' remarks or columns changed. Rewrite it with"
        + " mvn -o -pl driver -am verify -Dtest=FinanceViewsDocTest -D" + WRITE + "=true"
        + " -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=NONE -Dfailsafe.failIfNoSpecifiedTests=false, and commit it");
  }

  private static List<View> views(DatabaseMetaData md) throws SQLException {
    List<View> views = new ArrayList<>();
    for (String schema : SCHEMAS) {
      List<String[]> tables = new ArrayList<>();
      try (ResultSet rs = md.getTables(null, schema, "%", null)) {
        while (rs.next()) {
          tables.add(new String[] {rs.getString("TABLE_NAME"), rs.getString("REMARKS")});
        }
      }
      tables.sort((a, b) -> a[0].compareTo(b[0]));
      for (String[] table : tables) {
        List<Column> columns = new ArrayList<>();
        try (ResultSet rs = md.getColumns(null, schema, table[0].replace("_", "\\_"), "%")) {
          while (rs.next()) {
            columns.add(new Column(rs.getString("COLUMN_NAME"), type(rs), rs.getString("REMARKS")));
          }
        }
        views.add(new View(schema, table[0], table[1], columns));
      }
    }
    assertFalse(views.isEmpty(), "the demo company has finance views");
    return views;
  }

  private static String type(ResultSet column) throws SQLException {
    String name = column.getString("TYPE_NAME");
    int jdbcType = column.getInt("DATA_TYPE");
    if (jdbcType == Types.DECIMAL || jdbcType == Types.NUMERIC) {
      return name + "(" + column.getInt("COLUMN_SIZE") + ", " + column.getInt("DECIMAL_DIGITS") + ")";
    }
    return name;
  }

  static String render(List<View> views) {
    StringBuilder md = new StringBuilder();
    md.append("# The finance views\n\n")
        .append("What the driver tells every client about the views of `finance` and `sync`: each view's description")
        .append(" and each column's type and meaning, with its formula where it is computed. BI tools show the same")
        .append(" text as table and column descriptions (JDBC's REMARKS, PostgreSQL's `pg_description`), and")
        .append(" `finance.metric_definitions` lists the formulas as rows.\n\n")
        .append("This page is generated from the demo company by `FinanceViewsDocTest` (driver module), which fails")
        .append(" when the page is stale; run it with `-D").append(WRITE).append("=true` to rewrite it.")
        .append(" Money columns ending in `_rc` are in the reporting currency.\n\n");
    for (View v : views) {
      md.append("- [`").append(v.schema()).append('.').append(v.name()).append("`](#")
          .append(v.schema()).append(v.name()).append(")\n");
    }
    for (View v : views) {
      md.append("\n## ").append(v.schema()).append('.').append(v.name()).append("\n\n");
      if (v.remark() != null && !v.remark().isBlank()) {
        md.append(cell(v.remark())).append("\n\n");
      }
      md.append("| column | type | meaning |\n|---|---|---|\n");
      for (Column c : v.columns()) {
        md.append("| `").append(c.name()).append("` | ").append(c.type()).append(" | ")
            .append(c.meaning() == null ? "" : cell(c.meaning())).append(" |\n");
      }
    }
    return md.toString();
  }

  private static String cell(String text) {
    return text.strip().replaceAll("\\s*\\R\\s*", " ").replace("|", "\\|");
  }

  private static Path docsFolder() throws IOException {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("docs")) && Files.isRegularFile(dir.resolve("pom.xml"))
          && Files.isDirectory(dir.resolve("driver"))) {
        return dir.resolve("docs");
      }
    }
    throw new IOException("no docs/ folder of the project above " + Path.of("").toAbsolutePath());
  }
}
