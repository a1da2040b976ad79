package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.StoreFixture;

/** Result columns without an alias are named as PostgreSQL names them, through the driver. */
class ResultLabelsTest {
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
  void anAggregateIsNamedByItsFunctionAndTwoOfThemShareTheName() throws Exception {
    assertEquals(List.of("count"), labels("SELECT count(*) FROM finance.orders"));
    assertEquals(List.of("count=5; count=5"), rows("SELECT count(*), COUNT(*) FROM finance.orders"));
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM finance.orders")) {
      rs.next();
      assertEquals(5, rs.getInt("count"));
      assertEquals("count", rs.getMetaData().getColumnName(1));
    }
  }

  @Test
  void everyKindOfExpressionGetsPostgresqlsName() throws Exception {
    assertEquals(List.of("order_id", "?column?", "amount_rc", "int4", "date", "case", "?column?", "?column?", "exists", "max",
            "coalesce", "nullif", "upper", "numeric", "date_trunc", "?column?", "extract", "btrim"),
        labels("SELECT o.order_id, amount_rc + 1, CAST(amount_rc AS INTEGER), CAST(1 AS INTEGER),"
            + " CAST('2024-01-01' AS DATE), CASE WHEN amount_rc > 1 THEN 1 END, 1, 'a',"
            + " EXISTS (SELECT 1 FROM finance.orders), (SELECT max(order_date) FROM finance.orders),"
            + " coalesce(order_id, 'x'), nullif(order_id, 'x'), upper(order_id),"
            + " CAST(CASE WHEN amount_rc > 1 THEN 1 END AS DECIMAL(10, 2)), date_trunc('month', order_date),"
            + " amount_rc IS NULL, EXTRACT(YEAR FROM order_date), TRIM(order_id)"
            + " FROM finance.orders AS o"));
  }

  @Test
  void everyFormOfCastIsNamedAfterItsOperandOrElseAfterPostgresqlsTypeName() throws Exception {
    // as PostgreSQL 15 names them
    assertEquals(List.of("order_date", "date", "text", "oid", "order_id", "amount_rc", "numeric", "bool", "order_id",
            "timestamptz", "timestamptz", "date", "int8", "amount_rc", "bpchar", "json", "varchar", "interval", "name"),
        labels("SELECT order_date::timestamptz, '2024-01-01'::date, 'x'::text, 1::oid, order_id::text,"
            + " amount_rc::numeric, 1.5::numeric, 't'::bool, CAST(order_id AS text),"
            + " timestamptz '2024-01-01 00:00:00+00', '2024-01-01'::timestamp with time zone, date '2024-01-01',"
            + " CAST(1 AS int8), amount_rc::numeric(10,2), 'a'::char, '{}'::json, 'a'::varchar(3),"
            + " '1 day'::interval, 'n'::name FROM finance.orders AS o"));
  }

  @Test
  void aFunctionIsNamedAsWrittenWhereTheDriverBindsItToAFunctionOfAnotherName() throws Exception {
    // as PostgreSQL 15 names them: Calcite's CEIL, EVERY and SOME, the driver's written-out averages
    assertEquals(List.of("ceiling", "ceil", "bool_and", "bool_or", "every", "avg", "stddev", "var_pop", "avg", "round"),
        labels("SELECT ceiling(max(amount_rc)), CEIL(max(amount_rc)), bool_and(amount_rc > 0), bool_or(amount_rc > 0),"
            + " every(amount_rc > 0), avg(amount_rc)::numeric(10,2), CAST(stddev(amount_rc) AS numeric(10,2)),"
            + " var_pop(amount_rc)::float8, avg(amount_rc) FILTER (WHERE amount_rc > 0), round(avg(amount_rc), 2)"
            + " FROM finance.orders"));
    assertEquals(List.of("ceiling", "avg"), labels("SELECT * FROM (SELECT Ceiling(1.5), avg(amount_rc)::numeric(10,2)"
        + " FROM finance.orders) s"));
    // the calls the parser's own rewrites write keep PostgreSQL's names
    assertEquals(List.of("overlaps", "timezone"), labels("SELECT (order_date, order_date) OVERLAPS (order_date,"
        + " order_date), order_date AT TIME ZONE 'UTC' FROM finance.orders"));
    assertEquals(List.of("avg", "bool_or"), labels("SELECT CAST(avg(amount_rc) OVER () AS numeric(10,2)),"
        + " bool_or(amount_rc > 0) OVER (ORDER BY order_id) FROM finance.orders"));
  }

  @Test
  void aliasesAreKeptAsWrittenEvenWhenTheyRepeat() throws Exception {
    assertEquals(List.of("n", "EXPR$1", "x", "x"),
        labels("SELECT count(*) AS n, count(*) AS \"EXPR$1\", 1 AS x, 2 AS x FROM finance.orders"));
  }

  @Test
  void subqueriesAndCtesNameTheirColumnsAsPostgresqlDoesSoAnOuterQueryReadsThemByThatName() throws Exception {
    assertEquals(List.of("count=5"), rows("SELECT * FROM (SELECT count(*) FROM finance.orders) s"));
    assertEquals(List.of("count=5"), rows("SELECT s.count FROM (SELECT count(*) FROM finance.orders) s"));
    assertEquals(List.of("total=5"), rows("WITH c AS (SELECT count(*) FROM finance.orders) SELECT c.count AS total FROM c"));
    assertEquals(List.of("max=5"), rows("SELECT max(\"count\") FROM (SELECT count(*) FROM finance.orders)"));
    assertEquals(List.of("upper=O1; count=1"), rows("SELECT * FROM (SELECT upper(order_id), count(amount_rc) FROM finance.orders"
        + " GROUP BY order_id ORDER BY order_id LIMIT 1) s"));
  }

  @Test
  void aNestedItemWhoseNameItsGroupByUsesIsLeftUnnamedSoTheGroupingStaysOnTheColumn() throws Exception {
    // an alias order_id would make GROUP BY order_id group by the cast (Calcite's lenient GROUP BY alias)
    assertEquals(List.of("EXPR$0=o1"), rows("SELECT * FROM (SELECT CAST(order_id AS VARCHAR) FROM finance.orders"
        + " GROUP BY order_id ORDER BY order_id LIMIT 1) s"));
  }

  @Test
  void nestedItemsThatWouldShareANameKeepCalcitesUniqueNames() throws Exception {
    assertEquals(List.of("EXPR$0=5; EXPR$1=5"), rows("SELECT * FROM (SELECT count(*), count(*) FROM finance.orders) s"));
  }

  @Test
  void starColumnsKeepTheirNamesAndTheItemsAroundThemArePostgresqls() throws Exception {
    assertEquals(List.of("?column?", "order_id", "customer_id", "order_date", "amount_rc", "?column?"),
        labels("SELECT 1, o.*, 1 + 1 FROM (SELECT order_id, customer_id, order_date, amount_rc"
            + " FROM finance.orders) AS o"));
  }

  @Test
  void aSetOperationIsNamedByItsFirstBranchAndValuesByPosition() throws Exception {
    assertEquals(List.of("count"),
        labels("SELECT count(*) FROM finance.orders UNION ALL SELECT sum(1) FROM finance.orders ORDER BY 1"));
    assertEquals(List.of("column1", "column2"), labels("VALUES (1, 'a'), (2, 'b')"));
    assertEquals(List.of("array"), labels("SELECT ARRAY[1, 2]"));
  }

  @Test
  void aPreparedStatementDescribesTheSameNamesBeforeItRuns() throws Exception {
    try (PreparedStatement p = connection.prepareStatement("SELECT sum(amount_rc), ? + 1 FROM finance.orders")) {
      ResultSetMetaData md = p.getMetaData();
      assertEquals("sum", md.getColumnLabel(1));
      assertEquals("?column?", md.getColumnLabel(2));
    }
  }

  @Test
  void aCastToVarcharIsTypedCharacterVaryingAndEveryOtherComputedTextVarchar() throws Exception {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT CAST(order_id AS VARCHAR) AS v,"
        + " CAST(order_id AS VARCHAR(2)) AS short, CAST(order_id AS text) AS t, upper(order_id) AS u, order_id"
        + " FROM finance.orders WHERE order_id = 'o1'")) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> types = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        types.add(md.getColumnTypeName(i));
      }
      assertEquals(List.of(ResultLabels.VARCHAR, ResultLabels.VARCHAR, "VARCHAR", "VARCHAR", "VARCHAR"), types);
      rs.next();
      assertEquals("o1|o1|o1|O1", rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4));
    }
  }

  @Test
  void aSetOperationOfTextsIsVarcharOnlyWhereABranchCastsToVarcharNotWhereTheValidatorUnifiesItsBranches() throws Exception {
    // Calcite casts each literal of 'table' UNION ALL 'view' to one VARCHAR itself: PostgreSQL's column is text
    List<String> types = new ArrayList<>();
    for (String sql : List.of("SELECT 'table' AS t UNION ALL SELECT 'view' UNION ALL SELECT 'materialized_view'",
        "SELECT 'a' AS t UNION ALL SELECT upper(order_id) FROM finance.orders",
        "SELECT CAST('a' AS VARCHAR) AS t UNION ALL SELECT 'bcd'")) {
      try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        types.add(rs.getMetaData().getColumnTypeName(1));
      }
    }
    assertEquals(List.of("VARCHAR", "VARCHAR", ResultLabels.VARCHAR), types);
  }

  @Test
  void labelsMatchTheItemsAroundStarsAndGiveUpWhenCountsCannotMatch() {
    assertArrayEquals(new String[] {"a", null, null, "b"}, ResultLabels.labels(Arrays.asList("a", null, "b"), 4));
    assertArrayEquals(new String[] {"a", null, "c"}, ResultLabels.labels(Arrays.asList("a", null, null, "c"), 3));
    assertNull(ResultLabels.labels(List.of("a", "b"), 3));
    assertNull(ResultLabels.labels(Arrays.asList("a", null, "b", "c"), 2));
  }

  private List<String> labels(String sql) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> labels = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        labels.add(md.getColumnLabel(i));
      }
      return labels;
    }
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
