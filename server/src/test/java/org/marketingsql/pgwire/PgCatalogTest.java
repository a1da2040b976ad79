package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The catalog queries BI tools send when they connect and browse, in the shapes of their published source
 * (Npgsql's type loading, Metabase's sync, Power BI's navigator, DBeaver, psqlODBC, Grafana), over the
 * finance export folder, as alice (every schema) and fin (the finance schema only).
 */
class PgCatalogTest {
  @RegisterExtension
  static final ClassServer server = ClassServer.finance(TestServer.ALICE, TestServer.FIN);

  private Connection connect(String user, String password) throws SQLException {
    return server.connect(user, password);
  }

  private static List<String> column(Connection c, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  @Test
  void npgsqlsTypeLoadingQueryRunsAndFindsArraysByTheirReceiveFunction() throws Exception {
    String sql = """
        SELECT ns.nspname, t.oid, t.typname, t.typtype, t.typnotnull, t.elemtypoid
        FROM (
            -- arrays are told by their receive function
            SELECT typ.oid, typ.typnamespace, typ.typname, typ.typtype, typ.typrelid, typ.typnotnull, typ.relkind,
                elemtyp.oid AS elemtypoid, elemtyp.typname AS elemtypname, elemcls.relkind AS elemrelkind,
                CASE WHEN elemproc.proname='array_recv' THEN 'a' ELSE elemtyp.typtype END AS elemtyptype
            FROM (
                SELECT typ.oid, typnamespace, typname, typrelid, typnotnull, relkind, typelem AS elemoid,
                    CASE WHEN proc.proname='array_recv' THEN 'a' ELSE typ.typtype END AS typtype,
                    CASE
                        WHEN proc.proname='array_recv' THEN typ.typelem
                        WHEN typ.typtype='r' THEN rngsubtype
                        WHEN typ.typtype='m' THEN (SELECT rngtypid FROM pg_range WHERE rngmultitypid = typ.oid)
                        WHEN typ.typtype='d' THEN typ.typbasetype
                    END AS elemtypoid
                FROM pg_type AS typ
                LEFT JOIN pg_class AS cls ON (cls.oid = typ.typrelid)
                LEFT JOIN pg_proc AS proc ON proc.oid = typ.typreceive
                LEFT JOIN pg_range ON (pg_range.rngtypid = typ.oid)
            ) AS typ
            LEFT JOIN pg_type AS elemtyp ON elemtyp.oid = elemtypoid
            LEFT JOIN pg_class AS elemcls ON (elemcls.oid = elemtyp.typrelid)
            LEFT JOIN pg_proc AS elemproc ON elemproc.oid = elemtyp.typreceive
        ) AS t
        JOIN pg_namespace AS ns ON (ns.oid = typnamespace)
        WHERE
            typtype IN ('b', 'r', 'm', 'e', 'd') OR
            (typtype = 'c' AND relkind='c') OR
            (typtype = 'p' AND typname IN ('record', 'void', 'unknown')) OR
            (typtype = 'a' AND (
                elemtyptype IN ('b', 'r', 'm', 'e', 'd') OR
                (elemtyptype = 'p' AND elemtypname IN ('record', 'void')) OR
                (elemtyptype = 'c' AND elemrelkind='c')
            ))
        ORDER BY CASE
               WHEN typtype IN ('b', 'e', 'p') THEN 0
               WHEN typtype = 'r' THEN 1
               WHEN typtype = 'm' THEN 2
               WHEN typtype = 'c' THEN 3
               WHEN typtype = 'd' AND elemtyptype <> 'a' THEN 4
               WHEN typtype = 'a' THEN 5
               WHEN typtype = 'd' AND elemtyptype = 'a' THEN 6
        END""";
    try (Connection c = connect("alice", "s3cret"); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      Map<String, String> kinds = new HashMap<>();
      Map<String, Integer> elements = new HashMap<>();
      while (rs.next()) {
        assertEquals("pg_catalog", rs.getString(1));
        kinds.put(rs.getString(3), rs.getString(4));
        elements.put(rs.getString(3), rs.getInt(6));
      }
      assertEquals("b", kinds.get("numeric"));
      assertEquals("a", kinds.get("_numeric"), "an array, by its typreceive array_recv");
      assertEquals(1700, elements.get("_numeric"));
      assertEquals("p", kinds.get("unknown"));
    }
    try (Connection c = connect("alice", "s3cret")) {
      assertEquals(List.of("array_recv"), column(c, "select p.proname from pg_type t join pg_proc p on p.oid = t.typreceive"
          + " where t.typname = '_int4'"));
      assertEquals(List.of("int4recv"), column(c, "select p.proname from pg_type t join pg_proc p on p.oid = t.typreceive"
          + " where t.typname = 'int4'"));
      assertEquals(List.of(), column(c, "select rngtypid from pg_range"), "pg_type lists no range types");
      assertEquals(List.of(), column(c, "select enumlabel from pg_enum"));
    }
  }

  @Test
  void metabasesTableSyncFindsTheViewsOfTheUsersSchemasWithTheirRowEstimates() throws Exception {
    String sql = "SELECT n.nspname AS schema, c.relname AS name, CASE c.relkind WHEN 'r' THEN 'TABLE' WHEN 'p' THEN 'PARTITIONED TABLE'"
        + " WHEN 'v' THEN 'VIEW' WHEN 'f' THEN 'FOREIGN TABLE' WHEN 'm' THEN 'MATERIALIZED VIEW' ELSE NULL END AS type,"
        + " d.description AS description, stat.n_live_tup AS estimated_row_count"
        + " FROM pg_catalog.pg_class AS c INNER JOIN pg_catalog.pg_namespace AS n ON c.relnamespace = n.oid"
        + " LEFT JOIN pg_catalog.pg_description AS d ON c.oid = d.objoid AND d.objsubid = 0 AND d.classoid = 'pg_class'::regclass"
        + " LEFT JOIN pg_stat_user_tables AS stat ON n.nspname = stat.schemaname AND c.relname = stat.relname"
        + " WHERE c.relnamespace = n.oid AND n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'"
        + " AND c.relkind IN ('r', 'p', 'v', 'f', 'm') ORDER BY type, schema, name";
    try (Connection c = connect("fin", "f1n")) {
      List<String> names = column(c, "select schema || '.' || name from (" + sql + ") t");
      assertFalse(names.isEmpty());
      assertTrue(names.stream().allMatch(n -> n.startsWith("finance.")), "fin sees the finance schema only: " + names);
      assertTrue(names.contains("finance.channel_roi"), names.toString());
      assertEquals(List.of(), column(c, "select relname from pg_stat_user_tables where schemaname <> 'finance'"));
    }
  }

  @Test
  void metabasesFieldSyncReadsInformationSchemaColumnsWithPrimaryKeysJoinedFromTheConstraintViews() throws Exception {
    String sql = "SELECT c.column_name AS name, c.udt_name AS database_type, c.ordinal_position - 1 AS database_position,"
        + " c.table_schema AS table_schema, c.table_name AS table_name, pk.column_name IS NOT NULL AS pk,"
        + " CASE WHEN c.column_default IS NULL THEN FALSE ELSE TRUE END AS has_default, c.is_nullable = 'NO' AS required"
        + " FROM information_schema.columns AS c LEFT JOIN (SELECT tc.table_schema, tc.table_name, kc.column_name"
        + " FROM information_schema.table_constraints AS tc INNER JOIN information_schema.key_column_usage AS kc"
        + " ON tc.constraint_name = kc.constraint_name AND tc.table_schema = kc.table_schema AND tc.table_name = kc.table_name"
        + " WHERE tc.constraint_type = 'PRIMARY KEY') AS pk ON c.table_schema = pk.table_schema"
        + " AND c.table_name = pk.table_name AND c.column_name = pk.column_name"
        + " WHERE c.table_schema !~ '^information_schema|catalog_history|pg_' AND c.table_schema IN ('finance')"
        + " ORDER BY table_schema, table_name, database_position";
    try (Connection c = connect("fin", "f1n"); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      List<String> orders = new ArrayList<>();
      while (rs.next()) {
        assertFalse(rs.getBoolean("pk"), "the views have no keys");
        if (rs.getString("table_name").equals("orders")) {
          orders.add(rs.getString("name") + ":" + rs.getString("database_type"));
        }
      }
      assertTrue(orders.contains("order_id:varchar"), orders.toString());
      assertTrue(orders.contains("order_date:date"), orders.toString());
    }
    try (Connection c = connect("fin", "f1n")) {
      assertEquals(List.of(), column(c, "select constraint_name from information_schema.referential_constraints"));
      assertEquals(List.of(), column(c, "select constraint_name from information_schema.constraint_column_usage"));
    }
  }

  @Test
  void informationSchemaColumnsHasPostgreSqlsColumnsAndValues() throws Exception {
    try (Connection c = connect("fin", "f1n"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select * from information_schema.columns where table_schema = 'finance'"
            + " and table_name = 'orders' and column_name = 'amount_rc'")) {
      assertEquals(44, rs.getMetaData().getColumnCount(), "PostgreSQL 15 has 44 columns");
      assertTrue(rs.next());
      assertEquals("marketing", rs.getString("table_catalog"));
      assertEquals("numeric", rs.getString("data_type"));
      assertEquals("numeric", rs.getString("udt_name"));
      assertEquals("pg_catalog", rs.getString("udt_schema"));
      assertEquals(10, rs.getInt("numeric_precision_radix"));
      assertEquals(null, rs.getString("column_default"));
      assertEquals("NO", rs.getString("is_updatable"));
      assertEquals("NEVER", rs.getString("is_generated"));
      assertEquals(rs.getString("ordinal_position"), rs.getString("dtd_identifier"));
      assertFalse(rs.next());
    }
    try (Connection c = connect("fin", "f1n")) {
      assertEquals(List.of("date"), column(c, "select data_type from information_schema.columns where table_name = 'orders'"
          + " and column_name = 'order_date'"));
      assertTrue(column(c, "select distinct table_schema from information_schema.columns").stream()
          .allMatch(n -> n.equals("finance") || n.equals("pg_catalog") || n.equals("information_schema")));
      assertTrue(column(c, "select distinct table_schema from information_schema.views").contains("finance"));
      assertEquals(List.of("VIEW"), column(c, "select table_type from information_schema.tables where table_schema = 'finance'"
          + " and table_name = 'channel_roi'"));
      assertEquals(List.of("finance", "information_schema", "pg_catalog"),
          column(c, "select schema_name from information_schema.schemata order by 1"));
    }
  }

  @Test
  void powerBisRelationshipQueryRunsAndFindsNoKeys() throws Exception {
    String sql = "select pkcol.table_schema AS PKTABLE_SCHEMA, pkcol.table_name AS PKTABLE_NAME, pkcol.column_name AS PKCOLUMN_NAME,"
        + " fkcol.table_schema AS FKTABLE_SCHEMA, fkcol.table_name AS FKTABLE_NAME, fkcol.column_name AS FKCOLUMN_NAME,"
        + " fkcol.ordinal_position AS ORDINAL, fkcon.constraint_schema || '_' || fkcol.table_name || '_' || pkcol.table_name"
        + " || '_' || fkcon.constraint_name AS FK_NAME"
        + " from (select distinct constraint_catalog, constraint_schema, unique_constraint_schema, constraint_name,"
        + " unique_constraint_name from information_schema.referential_constraints) fkcon"
        + " inner join information_schema.key_column_usage fkcol on fkcon.constraint_schema = fkcol.constraint_schema"
        + " and fkcon.constraint_name = fkcol.constraint_name"
        + " inner join information_schema.key_column_usage pkcol on fkcon.unique_constraint_schema = pkcol.constraint_schema"
        + " and fkcon.unique_constraint_name = pkcol.constraint_name and fkcol.position_in_unique_constraint = pkcol.ordinal_position"
        + " where fkcol.table_schema = 'finance' order by FK_NAME, fkcol.ordinal_position";
    try (Connection c = connect("alice", "s3cret")) {
      assertEquals(List.of(), column(c, sql));
    }
  }

  @Test
  void dbeaversNavigatorQueriesRun() throws Exception {
    try (Connection c = connect("fin", "f1n")) {
      assertEquals(List.of("pg_default", "pg_global"), column(c, "select spcname from pg_catalog.pg_tablespace order by 1"));
      assertEquals(List.of("marketing"), column(c, "select db.datname from pg_catalog.pg_database db"
          + " left join pg_catalog.pg_shdescription sd on sd.objoid = db.oid where not datistemplate"));
      assertEquals(List.of("0 bytes"), column(c, "select pg_catalog.pg_size_pretty(pg_catalog.pg_total_relation_size(c.oid))"
          + " from pg_catalog.pg_class c where c.relname = 'channel_roi'"));
      assertEquals(List.of("0"), column(c, "select pg_catalog.pg_relation_size(c.oid) from pg_catalog.pg_class c"
          + " where c.relname = 'channel_roi'"));
      assertEquals(List.of("2"), column(c, "select array_length(ARRAY['a', 'b'], 1)"));
    }
  }

  @Test
  void psqlOdbcsColumnListingRunsFastAndListsTheViewsColumnsInOrder() throws Exception {
    String sql = "select n.nspname, c.relname, a.attname, a.atttypid, t.typname, a.attnum, a.attlen, a.atttypmod, a.attnotnull,"
        + " c.relhasrules, c.relkind, c.oid, pg_get_expr(d.adbin, d.adrelid),"
        + " case t.typtype when 'd' then t.typbasetype else 0 end, t.typtypmod, 0, attidentity, c.relhassubclass"
        + " from (((pg_catalog.pg_class c inner join pg_catalog.pg_namespace n on n.oid = c.relnamespace"
        + " and c.relname like E'orders' and n.nspname like E'finance')"
        + " inner join pg_catalog.pg_attribute a on (not a.attisdropped) and a.attnum > 0 and a.attrelid = c.oid)"
        + " inner join pg_catalog.pg_type t on t.oid = a.atttypid)"
        + " left outer join pg_catalog.pg_attrdef d on a.atthasdef and d.adrelid = a.attrelid and d.adnum = a.attnum"
        + " order by n.nspname, c.relname, attnum";
    try (Connection c = connect("fin", "f1n")) {
      long first = System.nanoTime();
      column(c, sql); // planned: Calcite orders the five joins, which takes seconds
      System.out.println("psqlODBC's SQLColumns query planned and ran in " + (System.nanoTime() - first) / 1_000_000 + " ms");
      long start = System.nanoTime();
      List<String> names = new ArrayList<>();
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          names.add(rs.getString(3) + ":" + rs.getString(5));
        }
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      System.out.println("psqlODBC's SQLColumns query took " + millis + " ms");
      assertTrue(names.contains("order_id:varchar"), names.toString());
      assertTrue(millis < 1000, "SQLColumns took " + millis + " ms");
    }
  }

  @Test
  void psqlOdbcsPrimaryKeyQuerySubscriptsIndkey() throws Exception {
    // psqlODBC writes i.indisprimary = 't', a text literal PostgreSQL reads as a boolean and Calcite does not
    String sql = "select ta.attname, ia.attnum, ic.relname, n.nspname, tc.relname"
        + " from pg_catalog.pg_attribute ta, pg_catalog.pg_attribute ia, pg_catalog.pg_class tc, pg_catalog.pg_index i,"
        + " pg_catalog.pg_namespace n, pg_catalog.pg_class ic where tc.relname = 'orders' AND n.nspname = 'finance'"
        + " AND tc.oid = i.indrelid AND n.oid = tc.relnamespace AND i.indisprimary AND ia.attrelid = i.indexrelid"
        + " AND ta.attrelid = i.indrelid AND ta.attnum = i.indkey[ia.attnum-1] AND (NOT ta.attisdropped)"
        + " AND (NOT ia.attisdropped) AND ic.oid = i.indexrelid order by ia.attnum";
    try (Connection c = connect("fin", "f1n")) {
      assertEquals(List.of(), column(c, sql));
    }
  }

  @Test
  void pgJdbcsDatabaseMetaDataListsTheUsersViewsAndColumnsAsMetabaseAndDbeaverAskForThem() throws Exception {
    try (Connection c = connect("fin", "f1n")) {
      DatabaseMetaData md = c.getMetaData();
      List<String> tables = new ArrayList<>();
      try (ResultSet rs = md.getTables(null, null, "%", new String[] {"TABLE", "VIEW"})) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_SCHEM") + "." + rs.getString("TABLE_NAME"));
        }
      }
      assertTrue(tables.contains("finance.orders"), tables.toString());
      assertTrue(tables.stream().allMatch(t -> t.startsWith("finance.")), tables.toString());
      List<String> columns = new ArrayList<>();
      try (ResultSet rs = md.getColumns(null, "finance", "orders", "%")) {
        while (rs.next()) {
          columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getString("TYPE_NAME"));
        }
      }
      assertTrue(columns.contains("order_id:varchar"), columns.toString());
      try (ResultSet rs = md.getPrimaryKeys(null, "finance", "orders")) {
        assertFalse(rs.next());
      }
      try (ResultSet rs = md.getImportedKeys(null, "finance", "orders")) {
        assertFalse(rs.next());
      }
    }
  }
}
