package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.StoreFixture;

/**
 * DBeaver's PostgreSQL plugin, in the shapes its published source writes its queries: what it sends on connect, its
 * navigator's loaders (schemas, tables and views, columns, constraints, indexes, triggers, procedures, extensions,
 * data types, roles), a view's source, its settings view and the data preview with its row count; sent by pgJDBC as
 * fin, who reads finance only, with the object ids bound as DBeaver binds them (setLong).
 */
class DbeaverQueriesTest {
  @TempDir
  static Path temp;
  @RegisterExtension
  static final StoreFixture fixture = StoreFixture.withExports("finance");
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.forClass(fixture.csvUrl(), temp, TestServer.FIN);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theConnectSequenceAnswersAsPostgresqlWould() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      s.execute("SET extra_float_digits = 3");
      s.execute("SET application_name = 'DBeaver 24.3.0 - Main <marketing>'");
      assertEquals(List.of(Map.of("current_schema", "finance", "session_user", "fin")),
          rows(c, "SELECT current_schema(),session_user"));
      assertEquals("finance", rows(c, "SHOW search_path").get(0).get("search_path"));
      assertEquals(List.of("marketing"), column(c, "SELECT db.oid,db.* FROM pg_catalog.pg_database db WHERE datname=?",
          "datname", "marketing"));
      assertEquals(List.of("marketing"), column(c, "SELECT db.oid,db.* FROM pg_catalog.pg_database db"
          + " WHERE datallowconn AND NOT datistemplate OR db.datname=? ORDER BY db.datname", "datname", "marketing"));
      assertEquals(List.of("finance"), column(c, "select array_to_string(current_schemas(false), ',') as path", "path"));
      assertEquals(List.of("false"), column(c, "SELECT pg_catalog.pg_is_in_recovery()", "pg_is_in_recovery"));
      List<String> roles = column(c, "SELECT a.oid,a.* FROM pg_catalog.pg_roles a ORDER BY a.oid", "rolname");
      assertFalse(roles.isEmpty());
    }
  }

  @Test
  void theSchemaListHasTheUsersSchemasAndTheCatalogsOnly() throws Exception {
    try (Connection c = connect()) {
      List<String> schemas = column(c, "SELECT n.oid,n.*,d.description FROM pg_catalog.pg_namespace n"
          + "\nLEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=n.oid AND d.objsubid=0"
          + " AND d.classoid='pg_namespace'::regclass\n ORDER BY nspname", "nspname");
      assertTrue(schemas.contains("finance"), schemas.toString());
      assertFalse(schemas.contains("exports") || schemas.contains("marketing"), schemas.toString());
    }
  }

  @Test
  void theTableListAndTheColumnListGiveTheViewsWithTheirDescriptions() throws Exception {
    try (Connection c = connect()) {
      long finance = namespace(c, "finance");
      List<Map<String, Object>> tables = rows(c, "SELECT c.oid,c.*,d.description,"
          + "pg_catalog.pg_get_expr(c.relpartbound, c.oid) as partition_expr,"
          + "  pg_catalog.pg_get_partkeydef(c.oid) as partition_key "
          + "\nFROM pg_catalog.pg_class c\nLEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=c.oid AND d.objsubid=0"
          + " AND d.classoid='pg_class'::regclass\nWHERE c.relnamespace=? AND c.relkind not in ('i','I','c')", finance);
      Map<String, Object> roi = tables.stream().filter(r -> "channel_roi".equals(r.get("relname"))).findFirst().orElseThrow();
      assertEquals("v", roi.get("relkind"));
      long roiOid = ((Number) roi.get("oid")).longValue();
      // the older form, with the parents' array
      assertEquals(tables.size(), rows(c, "SELECT c.oid,c.*,d.description,(select array_agg(i.inhparent)"
          + " from pg_catalog.pg_inherits i where i.inhrelid = c.oid) parents\nFROM pg_catalog.pg_class c\n"
          + "LEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=c.oid AND d.objsubid=0\n"
          + "WHERE c.relnamespace=? AND c.relkind not in ('i','c')", finance).size());
      List<Map<String, Object>> columns = rows(c, "SELECT c.relname,a.*,pg_catalog.pg_get_expr(ad.adbin, ad.adrelid, true)"
          + " as def_value,dsc.description,dep.objid\nFROM pg_catalog.pg_attribute a\n"
          + "INNER JOIN pg_catalog.pg_class c ON (a.attrelid=c.oid)\n"
          + "LEFT OUTER JOIN pg_catalog.pg_attrdef ad ON (a.attrelid=ad.adrelid AND a.attnum = ad.adnum)\n"
          + "LEFT OUTER JOIN pg_catalog.pg_description dsc ON (c.oid=dsc.objoid AND a.attnum = dsc.objsubid)\n"
          + "LEFT OUTER JOIN pg_depend dep on dep.refobjid = a.attrelid AND dep.deptype = 'i' and dep.refobjsubid = a.attnum"
          + " and dep.classid = dep.refclassid\n"
          + "WHERE NOT a.attisdropped AND c.relkind not in ('i','I','c') AND c.oid=?\nORDER BY a.attnum", roiOid);
      assertFalse(columns.isEmpty());
      assertTrue(columns.stream().anyMatch(r -> r.get("description") != null), "the metrics' formulas: " + columns);
      assertEquals(1, ((Number) columns.get(0).get("attnum")).intValue());
      List<Map<String, Object>> all = rows(c, "SELECT c.relname,a.*,pg_catalog.pg_get_expr(ad.adbin, ad.adrelid, true)"
          + " as def_value,dsc.description\nFROM pg_catalog.pg_attribute a\nINNER JOIN pg_catalog.pg_class c ON (a.attrelid=c.oid)\n"
          + "LEFT OUTER JOIN pg_catalog.pg_attrdef ad ON (a.attrelid=ad.adrelid AND a.attnum = ad.adnum)\n"
          + "LEFT OUTER JOIN pg_catalog.pg_description dsc ON (c.oid=dsc.objoid AND a.attnum = dsc.objsubid)\n"
          + "WHERE NOT a.attisdropped AND c.relnamespace=? AND c.relkind not in ('i','c')  ORDER BY a.attnum", finance);
      assertTrue(all.size() >= columns.size());
      assertEquals(List.of("SELECT"), column(c, "SELECT * FROM information_schema.table_privileges"
          + " WHERE table_catalog=? AND table_schema=? AND table_name=?", "privilege_type", "marketing", "finance",
          "channel_roi"), "the permissions tab: fin may read the view, and nothing more");
      String source = (String) rows(c, "SELECT pg_catalog.pg_get_viewdef(?, true)", roiOid).get(0).values().iterator().next();
      assertNotNull(source);
      assertTrue(source.toLowerCase(java.util.Locale.ROOT).contains("select"), source);
    }
  }

  @Test
  void theKeyIndexTriggerProcedureExtensionAndTypeLoadersRunAndFindNothingOfTheViews() throws Exception {
    try (Connection c = connect()) {
      long finance = namespace(c, "finance");
      long roi = ((Number) rows(c, "SELECT c.oid FROM pg_catalog.pg_class c WHERE c.relname = 'channel_roi'").get(0).get("oid"))
          .longValue();
      assertEquals(List.of(), rows(c, "SELECT c.oid,c.*,t.relname as tabrelname,rt.relnamespace as refnamespace,"
          + "d.description, case when c.contype='c' then \"substring\"(pg_get_constraintdef(c.oid), 7) end as consrc_copy"
          + "\nFROM pg_catalog.pg_constraint c\nINNER JOIN pg_catalog.pg_class t ON t.oid=c.conrelid\n"
          + "LEFT OUTER JOIN pg_catalog.pg_class rt ON rt.oid=c.confrelid\n"
          + "LEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=c.oid AND d.objsubid=0"
          + " AND d.classoid='pg_constraint'::regclass\nWHERE t.relnamespace=?\nORDER BY c.oid", finance));
      assertEquals(List.of(), rows(c, "SELECT i.*,i.indkey as keys,c.relname,c.relnamespace,c.relam,c.reltablespace,"
          + "tc.relname as tabrelname,dsc.description,pg_catalog.pg_get_expr(i.indpred, i.indrelid) as pred_expr,"
          + "pg_catalog.pg_get_expr(i.indexprs, i.indrelid, true) as expr,"
          + "pg_catalog.pg_relation_size(i.indexrelid) as index_rel_size,"
          + "pg_catalog.pg_stat_get_numscans(i.indexrelid) as index_num_scans\nFROM pg_catalog.pg_index i\n"
          + "INNER JOIN pg_catalog.pg_class c ON c.oid=i.indexrelid\nINNER JOIN pg_catalog.pg_class tc ON tc.oid=i.indrelid\n"
          + "LEFT OUTER JOIN pg_catalog.pg_description dsc ON i.indexrelid=dsc.objoid\nWHERE  i.indrelid=? ORDER BY c.relname",
          roi));
      assertEquals(List.of(), rows(c, "SELECT t.oid,t.*,c.relkind,d.description FROM pg_catalog.pg_trigger t\n"
          + "INNER JOIN pg_catalog.pg_class c ON c.oid=t.tgrelid\n"
          + "LEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=t.oid\n"
          + "WHERE t.tgrelid=? AND NOT tgisinternal\nORDER BY tgname", roi));
      // finance's own function, the attribution table function; the analysts' functions are pg_catalog's
      assertEquals(List.of("attributed_revenue"), rows(c, "SELECT p.oid,p.*,d.description\nFROM pg_catalog.pg_proc p\n"
          + "LEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=p.oid\nWHERE p.pronamespace=?\nORDER BY p.proname", finance)
          .stream().map(r -> r.get("proname")).toList(), "finance's functions");
      assertEquals(List.of(), rows(c, "SELECT e.oid,e.* FROM pg_catalog.pg_extension e \nWHERE e.extnamespace=?\n"
          + "ORDER BY e.oid", finance));
      assertEquals(List.of(), rows(c, "SELECT c.oid,c.* FROM pg_catalog.pg_collation c \nWHERE c.collnamespace=?\n"
          + "ORDER BY c.oid", finance));
      assertEquals(List.of(), rows(c, "SELECT e.oid,e.*,n.nspname FROM pg_catalog.pg_event_trigger e"
          + " LEFT OUTER JOIN pg_catalog.pg_namespace n ON n.oid = 0 ORDER BY e.oid"));
      List<String> types = column(c, "SELECT t.oid,t.*,c.relkind,format_type(nullif(t.typbasetype, 0), t.typtypmod)"
          + " as base_type_name, d.description\nFROM pg_catalog.pg_type t\n"
          + "LEFT OUTER JOIN pg_catalog.pg_class c ON c.oid=t.typrelid\n"
          + "LEFT OUTER JOIN pg_catalog.pg_description d ON t.oid=d.objoid\n"
          + "WHERE t.typname IS NOT NULL\nAND (c.relkind IS NULL OR c.relkind = 'c')", "typname");
      assertTrue(types.contains("numeric") && types.contains("varchar"), types.toString());
      List<String> sizes = column(c, "select c.oid,pg_catalog.pg_total_relation_size(c.oid) as total_rel_size,"
          + "pg_catalog.pg_relation_size(c.oid) as rel_size\nFROM pg_class c\nWHERE c.relnamespace=?", "rel_size", finance);
      assertTrue(sizes.stream().allMatch("0"::equals), sizes.toString());
    }
  }

  @Test
  void theSettingsViewReadsPostgresqlsColumnsOfPgSettings() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT s.* FROM pg_catalog.pg_settings s ORDER BY s.name")) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> labels = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        labels.add(md.getColumnLabel(i));
      }
      // PostgreSQL 15's columns, in its order
      assertEquals(List.of("name", "setting", "unit", "category", "short_desc", "extra_desc", "context", "vartype", "source",
          "min_val", "max_val", "enumvals", "boot_val", "reset_val", "sourcefile", "sourceline", "pending_restart"), labels);
      boolean blockSize = false;
      while (rs.next()) {
        if (rs.getString("name").equals("block_size")) {
          blockSize = true;
          assertEquals("8192", rs.getString("boot_val"));
          assertEquals("internal", rs.getString("context"));
          assertFalse(rs.getBoolean("pending_restart"));
        }
      }
      assertTrue(blockSize);
    }
  }

  @Test
  void theDataPreviewReadsAPageAndCountsTheRows() throws Exception {
    try (Connection c = connect()) {
      assertEquals(3, rows(c, "SELECT * FROM finance.orders\nLIMIT 3").size());
      List<Map<String, Object>> page = rows(c, "SELECT x.* FROM finance.orders x\nLIMIT 2 OFFSET 1");
      assertEquals(2, page.size());
      long all = ((Number) rows(c, "SELECT COUNT(*) FROM finance.orders").get(0).get("count")).longValue();
      assertEquals(all, ((Number) rows(c, "SELECT COUNT(*) FROM (SELECT * FROM finance.orders\n) dbvrcnt").get(0)
          .get("count")).longValue());
      List<Map<String, Object>> firstTwo = rows(c, "SELECT order_id FROM finance.orders ORDER BY order_id LIMIT 2");
      assertEquals(firstTwo.subList(1, 2), rows(c, "SELECT order_id FROM finance.orders ORDER BY order_id LIMIT 1 OFFSET 1"));
    }
  }

  private Connection connect() throws SQLException {
    return server.connect(TestServer.FIN.user(), TestServer.FIN.password());
  }

  private static long namespace(Connection c, String name) throws SQLException {
    return ((Number) rows(c, "SELECT oid FROM pg_catalog.pg_namespace WHERE nspname = ?", name).get(0).get("oid")).longValue();
  }

  private static List<String> column(Connection c, String sql, String label, Object... parameters) throws SQLException {
    List<String> out = new ArrayList<>();
    for (Map<String, Object> row : rows(c, sql, parameters)) {
      out.add(String.valueOf(row.get(label)));
    }
    return out;
  }

  /** The rows by column label (the first of a repeated label), with parameters bound as DBeaver binds them. */
  static List<Map<String, Object>> rows(Connection c, String sql, Object... parameters) throws SQLException {
    List<Map<String, Object>> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        if (parameters[i] instanceof Long l) {
          ps.setLong(i + 1, l);
        } else {
          ps.setObject(i + 1, parameters[i]);
        }
      }
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData md = rs.getMetaData();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= md.getColumnCount(); i++) {
            row.putIfAbsent(md.getColumnLabel(i), rs.getObject(i));
          }
          out.add(row);
        }
      }
    }
    return out;
  }
}
