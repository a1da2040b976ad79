package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.StoreFixture;

/** Keywords as column and table names after AS, as PostgreSQL takes them, through the driver. */
class KeywordAliasesTest {
  private static final List<String> KEYWORDS = List.of("update", "ordinal", "one", "count", "value", "year", "month",
      "date", "user", "day", "hour", "timestamp", "default", "order", "group", "result", "position", "sum", "min",
      "max", "rank", "row", "start", "end", "left", "window", "current_date", "select_count", "cardinality", "table",
      "from", "where", "interval");

  /** One home and one store for the class: its tests only read them. */
  @RegisterExtension
  static final IsolatedHome home = IsolatedHome.perClass();
  @RegisterExtension
  static final StoreFixture fixture = StoreFixture.withExports("finance");
  Connection connection;

  @BeforeEach
  void connect() throws SQLException {
    connection = fixture.connection();
  }

  @Test
  void everyKeywordNamesAColumnAfterAsExactlyAsWritten() throws Exception {
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int i = 0; i < KEYWORDS.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(i).append(" AS ").append(KEYWORDS.get(i));
    }
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql.toString())) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> labels = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        labels.add(md.getColumnLabel(i));
      }
      assertEquals(KEYWORDS, labels);
    }
    assertEquals(List.of("Count=1; YEAR=2"), rows("SELECT 1 AS Count, 2 AS YEAR"));
  }

  @Test
  void keywordAliasesWorkInSubqueriesAndAreReadBackQualified() throws Exception {
    assertEquals(List.of("year=2025; count=2; value=610.000000", "year=2025; count=3; value=142.000000"),
        rows("SELECT t.year, t.count, t.value FROM (SELECT EXTRACT(YEAR FROM order_date) AS year,"
            + " EXTRACT(MONTH FROM order_date) AS month, COUNT(*) AS count, SUM(amount_rc) AS value"
            + " FROM finance.orders GROUP BY EXTRACT(YEAR FROM order_date), EXTRACT(MONTH FROM order_date)) AS t"
            + " ORDER BY t.month"));
  }

  @Test
  void keywordNamesWorkInCteAndDerivedColumnLists() throws Exception {
    assertEquals(List.of("user=c1; count=2", "user=c2; count=1"),
        rows("WITH per_customer (user, count) AS (SELECT customer_id, COUNT(*) FROM finance.orders GROUP BY customer_id)"
            + " SELECT p.user, p.count FROM per_customer AS p WHERE p.count >= 1 AND p.user IN ('c1', 'c2') ORDER BY p.user"));
    assertEquals(List.of("date=2025-01-16; value=500.000000"),
        rows("SELECT x.date, x.value FROM (SELECT order_date, amount_rc FROM finance.orders WHERE order_id = 'o1')"
            + " AS x (date, value)"));
  }

  @Test
  void orderAndGroupByNameAKeywordAlias() throws Exception {
    assertEquals(List.of("month=2025-02-01 00:00:00; count=3", "month=2025-01-01 00:00:00; count=2"),
        rows("SELECT date_trunc('month', order_date) AS month, COUNT(*) AS count FROM finance.orders"
            + " GROUP BY month ORDER BY count DESC"));
  }

  @Test
  void stringsCommentsQuotedNamesAndCastsAreLeftAlone() throws Exception {
    assertEquals(List.of("as year=as year; year=2025-01-16; order=x"),
        rows("SELECT 'as year' AS \"as year\", /* AS date */ CAST(order_date AS date) AS year, -- AS user\n"
            + " 'x' AS \"order\" FROM finance.orders WHERE order_id = 'o1'"));
  }

  private List<String> rows(String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          row.add(md.getColumnLabel(i) + "=" + rs.getString(i));
        }
        out.add(String.join("; ", row));
      }
    }
    return out;
  }
}
