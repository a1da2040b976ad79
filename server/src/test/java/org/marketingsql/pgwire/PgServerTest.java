package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.Fixtures;
import org.postgresql.PGConnection;

/** The server as PostgreSQL's own JDBC driver sees it, over the hand-checked finance export folder. */
class PgServerTest {
  @RegisterExtension
  static final ClassServer server = ClassServer.finance(TestServer.ALICE, TestServer.FIN);

  Connection connect(String user, String password) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", password);
    p.setProperty("sslmode", "disable");
    return DriverManager.getConnection(url(), p);
  }

  static String url() {
    return "jdbc:postgresql://127.0.0.1:" + server.port() + "/marketing";
  }

  /** A server of the test's own, for a test of failed logins: its throttle counts them against the address. */
  static TestServer ownServer(Path temp) throws Exception {
    return TestServer.forClass("jdbc:marketing:csv=" + Fixtures.copy("finance", temp.resolve("exports")), temp,
        TestServer.ALICE);
  }

  static List<String> rows(ResultSet rs) throws SQLException {
    List<String> out = new ArrayList<>();
    int n = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      List<String> row = new ArrayList<>();
      for (int i = 1; i <= n; i++) {
        row.add(rs.getMetaData().getColumnLabel(i) + "=" + rs.getString(i));
      }
      out.add(String.join("; ", row));
    }
    return out;
  }

  @Test
  void aSimpleQueryReturnsTheFinanceViewThroughThePostgresqlDriver() throws Exception {
    try (Connection c = connect("alice", "s3cret"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select channel, sum(spend_rc) as spend from finance.channel_roi group by channel order by channel")) {
      assertEquals(List.of("channel=google_ads; spend=150.000000", "channel=meta_ads; spend=340.000000",
          "channel=organic; spend=0.000000", "channel=unattributed; spend=0.000000"), rows(rs));
    }
  }

  @Test
  void aPreparedQueryBindsItsParameterOverTheExtendedProtocol() throws Exception {
    try (Connection c = connect("alice", "s3cret");
        PreparedStatement ps = c.prepareStatement("select order_id from finance.orders where customer_id = ? order by order_id")) {
      ps.setString(1, "c1");
      try (ResultSet rs = ps.executeQuery()) {
        assertEquals(List.of("order_id=o1", "order_id=o3"), rows(rs));
      }
    }
  }

  @Test
  void numericAndDateValuesReadBackExactly() throws Exception {
    try (Connection c = connect("alice", "s3cret"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select order_date, amount_rc from finance.orders where order_id = 'o2'")) {
      assertTrue(rs.next());
      assertEquals(LocalDate.of(2025, 1, 21), rs.getDate(1).toLocalDate());
      assertEquals(0, new BigDecimal("110.00").compareTo(rs.getBigDecimal(2)), rs.getBigDecimal(2).toPlainString());
      assertEquals(Types.DATE, rs.getMetaData().getColumnType(1));
      assertEquals(Types.NUMERIC, rs.getMetaData().getColumnType(2));
    }
  }

  @Test
  void aStatementPreparedOnTheServerKeepsNumbersAndDatesExactInBinaryFormat() throws Exception {
    // pgJDBC prepares on the server after five runs and then asks for binary results and sends binary parameters.
    try (Connection c = connect("alice", "s3cret");
        PreparedStatement ps = c.prepareStatement(
            "select order_date, amount_rc, 1 as k from finance.orders where order_date >= ? and amount_rc > ? order by order_id")) {
      for (int run = 0; run < 8; run++) {
        ps.setDate(1, Date.valueOf("2025-01-20"));
        ps.setBigDecimal(2, new BigDecimal("60"));
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next(), "run " + run);
          assertEquals(LocalDate.of(2025, 1, 21), rs.getDate(1).toLocalDate(), "run " + run);
          assertEquals(0, new BigDecimal("110.00").compareTo(rs.getBigDecimal(2)), "run " + run);
          assertEquals(1, rs.getInt(3));
          assertTrue(rs.next());
          assertEquals(LocalDate.of(2025, 2, 7), rs.getDate(1).toLocalDate());
          assertFalse(rs.next());
        }
      }
    }
  }

  @Test
  void aWrongPasswordIsRejectedWith28P01(@TempDir Path temp) throws Exception {
    try (TestServer own = ownServer(temp)) {
      SQLException e = assertThrows(SQLException.class, () -> own.connect("alice", "wrong").close());
      assertEquals("28P01", e.getSQLState());
    }
  }

  @Test
  void anUnknownUserIsRejectedLikeAWrongPassword(@TempDir Path temp) throws Exception {
    try (TestServer own = ownServer(temp)) {
      SQLException e = assertThrows(SQLException.class, () -> own.connect("mallory", "s3cret").close());
      assertEquals("28P01", e.getSQLState());
    }
  }

  @Test
  void aWriteStatementIsRefusedWith25006() throws Exception {
    try (Connection c = connect("alice", "s3cret"); Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.executeUpdate("delete from exports.orders"));
      assertEquals("25006", e.getSQLState());
      // the session goes on after the refusal
      try (ResultSet rs = s.executeQuery("select count(*) from finance.orders")) {
        assertTrue(rs.next());
        assertTrue(rs.getInt(1) > 0);
      }
    }
  }

  @Test
  void aWritePreparedStatementIsRefusedWith25006() throws Exception {
    try (Connection c = connect("alice", "s3cret");
        PreparedStatement ps = c.prepareStatement("insert into exports.orders (order_id) values (?)")) {
      ps.setString(1, "o9");
      assertEquals("25006", assertThrows(SQLException.class, ps::executeUpdate).getSQLState());
    }
  }

  @Test
  void aQueryCalciteRejectsReportsAnErrorAndTheSessionGoesOn() throws Exception {
    try (Connection c = connect("alice", "s3cret"); Statement s = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("select no_such_column from finance.orders"));
      assertTrue(e.getMessage().toLowerCase().contains("no_such_column"), e.getMessage());
      try (ResultSet rs = s.executeQuery("select 1 + 1 as two")) {
        assertEquals(List.of("two=2"), rows(rs));
      }
    }
  }

  @Test
  void connectTimeQuestionsAreAnsweredWithoutCalcite() throws Exception {
    try (Connection c = connect("alice", "s3cret"); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("select version()")) {
        assertTrue(rs.next());
        assertTrue(rs.getString(1).startsWith("PostgreSQL 15"), rs.getString(1));
        assertTrue(rs.getString(1).contains("Marketing SQL " + System.getProperty("marketingsql.projectVersion") + ","),
            rs.getString(1));
      }
      try (ResultSet rs = s.executeQuery("select current_schema(), current_database()")) {
        assertEquals(List.of("current_schema=marketing; current_database=marketing"), rows(rs));
      }
      try (ResultSet rs = s.executeQuery("show standard_conforming_strings")) {
        assertEquals(List.of("standard_conforming_strings=on"), rows(rs));
      }
      try (ResultSet rs = s.executeQuery("show search_path")) {
        assertEquals(List.of("search_path=marketing"), rows(rs), "the search path is current_schema()");
      }
      s.execute("set application_name = 'test'");
      assertTrue(c.getMetaData().getDatabaseProductVersion().startsWith("15"));
    }
  }

  @Test
  void pgGetViewdefGivesAViewsSqlAndPgViewsListsTheViewsAUserMayRead() throws Exception {
    try (Connection c = connect("fin", "f1n"); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("select pg_catalog.pg_get_viewdef('finance.channel_roi'::regclass, true)")) {
        assertTrue(rs.next());
        String sql = rs.getString(1);
        assertTrue(sql != null && sql.toUpperCase(Locale.ROOT).startsWith("SELECT")
            && sql.contains("attributed_revenue_rc"), String.valueOf(sql));
      }
      try (ResultSet rs = s.executeQuery("select c.oid from pg_class c join pg_namespace n on n.oid = c.relnamespace"
          + " where n.nspname = 'finance' and c.relname = 'ad_spend_daily'")) {
        assertTrue(rs.next());
        int oid = rs.getInt(1);
        try (ResultSet def = s.executeQuery("select pg_get_viewdef(" + oid + ")")) {
          assertTrue(def.next());
          assertTrue(String.valueOf(def.getString(1)).contains("spend_rc"), def.getString(1));
        }
      }
      try (ResultSet rs = s.executeQuery("select distinct schemaname from pg_views order by 1")) {
        assertEquals(List.of("schemaname=finance"), rows(rs), "fin reads the finance schema only");
      }
    }
  }

  @Test
  void pgJdbcGetTypeInfoListsTheTypesWithTheirJdbcTypes() throws Exception {
    // pgJDBC numbers the search path with generate_series(1, array_upper(current_schemas(false), 1)) and compares
    // typinput with 'pg_catalog.array_in'::regproc to tell arrays.
    try (Connection c = connect("alice", "s3cret"); ResultSet rs = c.getMetaData().getTypeInfo()) {
      Map<String, Integer> types = new HashMap<>();
      while (rs.next()) {
        types.put(rs.getString("TYPE_NAME"), rs.getInt("DATA_TYPE"));
      }
      assertEquals(Types.NUMERIC, types.get("numeric"));
      assertEquals(Types.VARCHAR, types.get("varchar"));
      assertEquals(Types.DATE, types.get("date"));
      assertEquals(Types.BIGINT, types.get("int8"));
      assertEquals(Types.ARRAY, types.get("_int4"));
      assertEquals(Types.OTHER, types.get("regclass"));
    }
  }

  @Test
  void aTextArrayAskedForInBinaryArrivesAsPgJdbcDecodesIt() throws Exception {
    Properties p = new Properties();
    p.setProperty("user", "alice");
    p.setProperty("password", "s3cret");
    p.setProperty("sslmode", "disable");
    p.setProperty("prepareThreshold", "-1"); // binary results from the first execution
    p.setProperty("binaryTransferEnable", "1009"); // text[]
    try (Connection c = DriverManager.getConnection(url(), p);
        PreparedStatement ps = c.prepareStatement("select current_schemas(true) as path,"
            + " ARRAY['a b', CAST(NULL AS VARCHAR), 'ü'] as items from (values (1)) as t(x) where x = ?")) {
      ps.setInt(1, 1);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(List.of("pg_catalog", "marketing"), List.of((Object[]) rs.getArray("path").getArray()));
        assertEquals(Arrays.asList("a b", null, "ü"), Arrays.asList((Object[]) rs.getArray("items").getArray()));
      }
    }
    try (Connection c = connect("alice", "s3cret"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select current_schemas(true) as path")) {
      assertEquals(List.of("path={pg_catalog,marketing}"), rows(rs), "the text form has no padding either");
    }
  }

  @Test
  void aCursorWithAFetchSizeReadsTheResultInPortions() throws Exception {
    // Outside autocommit pgJDBC fetches through a portal, Execute by Execute (PortalSuspended between).
    try (Connection c = connect("alice", "s3cret")) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("select order_id from finance.orders order by order_id")) {
        ps.setFetchSize(1);
        try (ResultSet rs = ps.executeQuery()) {
          assertEquals(List.of("order_id=o1", "order_id=o2", "order_id=o3", "order_id=o4", "order_id=o5"), rows(rs));
        }
      }
      c.commit();
    }
  }

  @Test
  void theSameStatementSentAgainAfterSetSearchPathIsTranslatedForTheNewPath() throws Exception {
    try (Connection c = connect("fin", "f1n"); Statement s = c.createStatement()) {
      String sql = "select current_setting('search_path') as path";
      try (ResultSet rs = s.executeQuery(sql)) {
        assertEquals(List.of("path=finance"), rows(rs), "fin's default: the first schema fin may read");
      }
      s.execute("set search_path to public");
      try (ResultSet rs = s.executeQuery(sql)) {
        assertEquals(List.of("path=marketing"), rows(rs), "no schema of the path exists: nothing fin reads");
      }
      s.execute("set search_path to finance");
      try (ResultSet rs = s.executeQuery(sql)) {
        assertEquals(List.of("path=finance"), rows(rs), "not the translation kept for the former path");
      }
      try (ResultSet rs = s.executeQuery("select count(*) as n from channel_roi")) {
        assertEquals(1, rows(rs).size());
      }
    }
  }

  @Test
  void setSearchPathDecidesWhereUnqualifiedNamesAreAndEveryReportSaysSo() throws Exception {
    try (Connection c = connect("fin", "f1n"); Statement s = c.createStatement()) {
      // fin may read finance only: with a path of no schema fin reads, unqualified names are refused
      s.execute("set search_path to public");
      SQLException refused = assertThrows(SQLException.class, () -> s.executeQuery("select count(*) from channel_roi"));
      assertEquals("42501", refused.getSQLState());
      // "$user" and public do not exist here, and exports is not fin's: finance is the first schema that can be
      List<String> qualified;
      try (ResultSet rs = s.executeQuery("select count(*) as n from finance.channel_roi")) {
        qualified = rows(rs);
      }
      s.execute("set search_path to \"$user\", public, exports, finance");
      try (ResultSet rs = s.executeQuery("select count(*) as n from channel_roi")) {
        assertEquals(qualified, rows(rs));
      }
      try (ResultSet rs = s.executeQuery("show search_path")) {
        assertEquals(List.of("search_path=finance"), rows(rs));
      }
      try (ResultSet rs = s.executeQuery("select current_schema()")) {
        assertEquals(List.of("current_schema=finance"), rows(rs));
      }
      try (ResultSet rs = s.executeQuery("select current_schemas(false)[1] as first")) {
        assertEquals(List.of("first=finance"), rows(rs));
      }
      // a prepared statement sees the same path, and qualified names still work
      try (PreparedStatement p = c.prepareStatement(
          "select count(*) as n from ad_spend_daily where platform = ? and date_day >= ?")) {
        p.setString(1, "meta_ads");
        p.setDate(2, Date.valueOf("2025-01-01"));
        try (ResultSet rs = p.executeQuery()) {
          assertEquals(List.of("n=2"), rows(rs));
        }
      }
      s.execute("set search_path = 'nowhere'");
      try (ResultSet rs = s.executeQuery("show search_path")) {
        assertEquals(List.of("search_path=marketing"), rows(rs), "no schema of the list: back to the default");
      }
    }
  }

  @Test
  void severalStatementsInOneSimpleQueryAllRun() throws Exception {
    try (Connection c = connect("alice", "s3cret"); Statement s = c.createStatement()) {
      // pgJDBC sends a multi-statement string in one Query when not using prepared statements
      assertFalse(s.execute("set search_path = finance; select 42 as answer"), "SET comes first, without rows");
      assertTrue(s.getMoreResults());
      try (ResultSet rs = s.getResultSet()) {
        assertEquals(List.of("answer=42"), rows(rs));
      }
    }
  }

  @Test
  void informationSchemaListsTheFinanceViewsAndTheirColumnTypes() throws Exception {
    try (Connection c = connect("alice", "s3cret"); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("select table_schema, table_name, table_type from information_schema.tables"
          + " where table_schema = 'finance' and table_name = 'channel_roi'")) {
        assertEquals(List.of("table_schema=finance; table_name=channel_roi; table_type=VIEW"), rows(rs));
      }
      try (ResultSet rs = s.executeQuery("select column_name, data_type from information_schema.columns"
          + " where table_schema = 'finance' and table_name = 'orders' and column_name in ('order_date', 'amount_rc')"
          + " order by ordinal_position")) {
        assertEquals(List.of("column_name=order_date; data_type=date", "column_name=amount_rc; data_type=numeric"), rows(rs));
      }
      try (ResultSet rs = s.executeQuery("select count(*) from information_schema.schemata where schema_name = 'finance'")) {
        assertEquals(List.of("count=1"), rows(rs));
      }
    }
  }

  @Test
  void unnamedColumnsAreNamedAsPostgresqlNamesThemInTheRowDescription() throws Exception {
    try (Connection c = connect("alice", "s3cret"); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("select count(*), count(*), sum(amount_rc)::int, 1 + 1, order_date::date,"
          + " 'x'::varchar, case when true then 1 end, coalesce(order_id, 'y') from finance.orders group by order_date, order_id"
          + " order by order_date limit 1")) {
        List<String> labels = new ArrayList<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          labels.add(rs.getMetaData().getColumnLabel(i));
        }
        assertEquals(List.of("count", "count", "sum", "?column?", "order_date", "varchar", "case", "coalesce"), labels);
      }
      try (PreparedStatement p = c.prepareStatement("select max(order_date) from finance.orders where amount_rc > ?")) {
        p.setBigDecimal(1, BigDecimal.ONE);
        assertEquals("max", p.getMetaData().getColumnLabel(1));
        try (ResultSet rs = p.executeQuery()) {
          assertEquals(List.of("max=2025-02-08"), rows(rs));
        }
      }
    }
  }

  @Test
  void booleansCompareWithTheStringsPostgresqlReadsAsBooleans() throws Exception {
    try (Connection c = connect("alice", "s3cret"); Statement s = c.createStatement()) {
      String all;
      try (ResultSet rs = s.executeQuery("select count(*) from pg_catalog.pg_class")) {
        all = rows(rs).get(0);
      }
      for (String f : List.of("f", "false", "no", "0")) {
        try (ResultSet rs = s.executeQuery("select count(*) from pg_catalog.pg_class c where c.relhasindex = '" + f + "'")) {
          assertEquals(List.of(all), rows(rs), f);
        }
      }
      try (ResultSet rs = s.executeQuery("select count(*) from pg_catalog.pg_index i where i.indisprimary = 't'")) {
        assertEquals(List.of("count=0"), rows(rs));
      }
      SQLException e = assertThrows(SQLException.class,
          () -> s.executeQuery("select count(*) from pg_catalog.pg_class c where c.relhasindex = 'maybe'"));
      assertEquals("22P02", e.getSQLState(), e.getMessage());
    }
  }

  @Test
  void theCatalogLookupsDriversMakeOnConnectFindTheirAnswers() throws Exception {
    try (Connection c = connect("alice", "s3cret"); Statement s = c.createStatement()) {
      // psycopg2/SQLAlchemy look for hstore, psqlODBC for lo: an empty answer, not an error
      try (ResultSet rs = s.executeQuery("SELECT t.oid, typarray FROM pg_type t JOIN pg_namespace ns ON typnamespace = ns.oid"
          + " WHERE typname = 'hstore'")) {
        assertFalse(rs.next());
      }
      try (ResultSet rs = s.executeQuery("select typname from pg_catalog.pg_type where oid = 1700")) {
        assertEquals(List.of("typname=numeric"), rows(rs));
      }
      try (ResultSet rs = s.executeQuery("select c.relname, c.relkind from pg_class c join pg_namespace n on c.relnamespace = n.oid"
          + " where n.nspname = 'finance' and c.relname = 'channel_roi'")) {
        assertEquals(List.of("relname=channel_roi; relkind=v"), rows(rs));
      }
      try (ResultSet rs = s.executeQuery("select datname from pg_database")) {
        assertEquals(List.of("datname=marketing"), rows(rs));
      }
    }
  }

  @Test
  void aUserLimitedToFinanceReadsItsViewsButNotTheSources() throws Exception {
    try (Connection c = connect("fin", "f1n"); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("select count(*) as n from finance.orders")) {
        assertEquals(List.of("n=5"), rows(rs));
      }
      SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("select * from exports.orders"));
      assertEquals("42501", e.getSQLState());
      try (PreparedStatement ps = c.prepareStatement("select * from exports.orders where order_id = ?")) {
        ps.setString(1, "o1");
        assertEquals("42501", assertThrows(SQLException.class, ps::executeQuery).getSQLState());
      }
    }
  }

  @Test
  void aParameterCalciteCannotTypeStillWorksOnceTheStatementIsPreparedOnTheServer() throws Exception {
    try (Connection c = connect("alice", "s3cret"); PreparedStatement ps = c.prepareStatement("select ? as label, 2 as n")) {
      for (int run = 0; run < 7; run++) {
        ps.setString(1, "run" + run);
        try (ResultSet rs = ps.executeQuery()) {
          assertEquals(List.of("label=run" + run + "; n=2"), rows(rs));
        }
      }
    }
  }

  @Test
  void anAddressWithTooManyFailedLoginsIsRefusedEvenWithTheRightPassword(@TempDir Path temp) throws Exception {
    try (TestServer own = ownServer(temp)) {
      own.connect("alice", "s3cret").close();
      for (int i = 0; i < 5; i++) {
        assertEquals("28P01", assertThrows(SQLException.class, () -> own.connect("alice", "guess").close()).getSQLState());
      }
      SQLException e = assertThrows(SQLException.class, () -> own.connect("alice", "s3cret").close());
      assertEquals("28000", e.getSQLState());
      assertTrue(e.getMessage().contains("too many failed logins"), e.getMessage());
    }
  }

  @Test
  void databaseMetaDataListsTheFinanceViewsColumnsTypesAndFormulas() throws Exception {
    // DBeaver's and Metabase's path: pgJDBC asks pg_catalog, in PostgreSQL's dialect
    try (Connection c = connect("alice", "s3cret")) {
      DatabaseMetaData md = c.getMetaData();
      List<String> schemas = new ArrayList<>();
      try (ResultSet rs = md.getSchemas()) {
        while (rs.next()) {
          schemas.add(rs.getString("TABLE_SCHEM"));
        }
      }
      assertTrue(schemas.containsAll(List.of("finance", "exports")), schemas.toString());
      List<String> views = new ArrayList<>();
      try (ResultSet rs = md.getTables(null, "finance", "%", new String[] {"VIEW"})) {
        while (rs.next()) {
          views.add(rs.getString("TABLE_NAME") + ":" + rs.getString("TABLE_TYPE"));
        }
      }
      assertTrue(views.containsAll(List.of("channel_roi:VIEW", "orders:VIEW")), views.toString());
      List<String> columns = new ArrayList<>();
      String roasRemarks = null;
      try (ResultSet rs = md.getColumns(null, "finance", "channel_roi", "%")) {
        while (rs.next()) {
          columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getString("TYPE_NAME") + ":" + rs.getInt("DATA_TYPE"));
          if (rs.getString("COLUMN_NAME").equals("roas")) {
            roasRemarks = rs.getString("REMARKS");
          }
        }
      }
      assertTrue(columns.contains("month_start:date:" + Types.DATE), columns.toString());
      assertTrue(columns.contains("roas:numeric:" + Types.NUMERIC), columns.toString());
      assertTrue(roasRemarks != null && roasRemarks.contains("attributed_revenue_rc / spend_rc"), roasRemarks);
    }
  }

  @Test
  void aUserLimitedToFinanceSeesOnlyItsSchemaInTheCatalog() throws Exception {
    try (Connection c = connect("fin", "f1n"); ResultSet rs = c.getMetaData().getSchemas()) {
      List<String> schemas = new ArrayList<>();
      while (rs.next()) {
        schemas.add(rs.getString("TABLE_SCHEM"));
      }
      assertTrue(schemas.contains("finance"), schemas.toString());
      assertFalse(schemas.contains("exports"), schemas.toString());
    }
  }

  @Test
  void postgresqlCastsRegexAndRegclassAreUnderstood() throws Exception {
    try (Connection c = connect("alice", "s3cret"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select c.relname::text as name, '2025-01-20'::date as d,"
            + " 'finance.channel_roi'::regclass::oid = c.oid as same from pg_catalog.pg_class c"
            + " where c.relname OPERATOR(pg_catalog.~) '^channel_r' COLLATE pg_catalog.default and c.relkind = ANY (ARRAY['v','r'])")) {
      assertEquals(List.of("name=channel_roi; d=2025-01-20; same=t"), rows(rs));
    }
  }

  @Test
  void keysAndIndexesOfTheViewsAreEmptyAnswersNotErrors() throws Exception {
    // DBeaver and Metabase ask for them while browsing; pg_constraint and pg_index have no rows here
    try (Connection c = connect("alice", "s3cret")) {
      DatabaseMetaData md = c.getMetaData();
      try (ResultSet rs = md.getPrimaryKeys(null, "finance", "orders")) {
        assertEquals(6, rs.getMetaData().getColumnCount());
        assertEquals(4, rs.findColumn("COLUMN_NAME"));
        assertFalse(rs.next());
      }
      try (ResultSet rs = md.getImportedKeys(null, "finance", "orders")) {
        assertTrue(rs.findColumn("FKCOLUMN_NAME") > 0);
        assertFalse(rs.next());
      }
      try (ResultSet rs = md.getIndexInfo(null, "finance", "orders", false, true)) {
        assertTrue(rs.findColumn("INDEX_NAME") > 0);
        assertFalse(rs.next());
      }
    }
  }

  @Test
  void likeTakesTheBackslashAsItsEscapeSoAnEscapedUnderscoreFindsTheTable() throws Exception {
    try (Connection c = connect("alice", "s3cret"); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("select relname from pg_catalog.pg_class where relname like 'channel\\_roi'")) {
        assertEquals(List.of("relname=channel_roi"), rows(rs));
      }
      try (ResultSet rs = s.executeQuery("select relname from pg_catalog.pg_class where relname like 'channel\\_r%' and relname not like 'x\\%'")) {
        assertEquals(List.of("relname=channel_roi"), rows(rs));
      }
      try (ResultSet rs = s.executeQuery("select count(*) as n from exports.orders where acquisition_channel like 'google\\_ads'")) {
        rs.next();
        assertTrue(rs.getInt(1) > 0);
      }
      try (ResultSet rs = s.executeQuery("select count(*) as n from exports.orders where acquisition_channel like 'google\\%'")) {
        rs.next();
        assertEquals(0, rs.getInt(1));
      }
      List<String> columns = new ArrayList<>();
      try (ResultSet rs = c.getMetaData().getColumns(null, "finance", "channel\\_roi", "%")) {
        while (rs.next()) {
          columns.add(rs.getString("COLUMN_NAME"));
        }
      }
      assertTrue(columns.contains("month_start"), columns.toString());
    }
  }

  @Test
  void anEscapeStringIsUnescapedAndAPlainStringKeepsItsBackslashes() throws Exception {
    try (Connection c = connect("alice", "s3cret"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select E'\\x41\\t\\102\\u00e9' as e, 'a\\tb' as plain")) {
      assertEquals(List.of("e=A\tBé; plain=a\\tb"), rows(rs));
    }
  }

  @Test
  void errorsCarryPostgresqlsSqlStatesAndAnUnreadableSchemaIsStillRefusedFirst() throws Exception {
    try (Connection c = connect("fin", "f1n"); Statement s = c.createStatement()) {
      assertEquals("42P01", assertThrows(SQLException.class, () -> s.executeQuery("select * from finance.nosuch")).getSQLState());
      assertEquals("42703", assertThrows(SQLException.class, () -> s.executeQuery("select nope from finance.orders")).getSQLState());
      assertEquals("42601", assertThrows(SQLException.class, () -> s.executeQuery("select from where")).getSQLState());
      assertEquals("42501", assertThrows(SQLException.class, () -> s.executeQuery("select nope from exports.orders")).getSQLState());
      try (ResultSet rs = s.executeQuery("select 1 as one")) {
        assertEquals(List.of("one=1"), rows(rs));
      }
    }
  }

  @Test
  void showNamesItsColumnAfterTheSettingAsPostgresqlSpellsItAndTheCatalogIsMarketing() throws Exception {
    try (Connection c = connect("alice", "s3cret"); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("show datestyle")) {
        assertEquals(List.of("DateStyle=ISO, MDY"), rows(rs));
      }
      try (ResultSet rs = s.executeQuery("SHOW TIMEZONE")) {
        // the zone pgJDBC sent on login, its JVM's
        assertEquals(List.of("TimeZone=" + c.unwrap(PGConnection.class).getParameterStatus("TimeZone")), rows(rs));
      }
      try (ResultSet rs = s.executeQuery("show transaction isolation level")) {
        assertEquals(List.of("transaction_isolation=read committed"), rows(rs));
      }
      try (ResultSet rs = s.executeQuery("select current_catalog, current_database()")) {
        assertEquals(List.of("current_catalog=marketing; current_database=marketing"), rows(rs));
      }
    }
  }
}
