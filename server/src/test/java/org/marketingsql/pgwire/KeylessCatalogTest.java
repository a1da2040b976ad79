package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeylessCatalogTest {
  @Test
  void aKeyQueryIsAnsweredEmptyWithTheOuterSelectsColumnNames() {
    String sql = "SELECT result.TABLE_CAT, result.KEY_SEQ AS \"KEY_SEQ\", x AS pk_name FROM (SELECT"
        + " (information_schema._pg_expandarray(con.conkey)).n AS KEY_SEQ, a, b FROM pg_catalog.pg_constraint con) result";
    LocalResult answer = KeylessCatalog.answer(sql).orElseThrow();
    assertEquals(List.of("table_cat", "KEY_SEQ", "pk_name"), answer.columns());
    assertTrue(answer.rows().isEmpty());
    assertEquals(List.of(PgType.TEXT, PgType.INT4, PgType.TEXT), answer.types());
  }

  @Test
  void theColumnsGetTheTypesPostgreSqlGivesTheirDefinitions() {
    String sql = "SELECT tmp.TABLE_SCHEM, tmp.NON_UNIQUE, tmp.TYPE, tmp.ORDINAL_POSITION, tmp.ASC_OR_DESC, tmp.CARDINALITY,"
        + " tmp.PAGES, tmp.UPDATE_RULE, tmp.FILTER_CONDITION FROM (SELECT n.nspname AS TABLE_SCHEM,"
        + " NOT i.indisunique AS NON_UNIQUE, CASE i.indisclustered WHEN true THEN 1 ELSE CASE am.amname WHEN 'hash'"
        + " THEN 2 ELSE 3 END END AS TYPE, (information_schema._pg_expandarray(i.indkey)).n AS ORDINAL_POSITION,"
        + " CASE am.amname WHEN 'btree' THEN CASE i.indoption[(i.keys).n - 1] & 1 WHEN 1 THEN 'D' ELSE 'A' END"
        + " ELSE NULL END AS ASC_OR_DESC, ci.reltuples AS CARDINALITY, ci.relpages AS PAGES,"
        + " CASE con.confupdtype WHEN 'c' THEN 0 WHEN 'n' THEN 2 ELSE NULL END AS UPDATE_RULE,"
        + " pg_catalog.pg_get_expr(i.indpred, i.indrelid) AS FILTER_CONDITION"
        + " FROM pg_catalog.pg_index i) AS tmp";
    LocalResult answer = KeylessCatalog.answer(sql).orElseThrow();
    assertEquals(List.of(PgType.TEXT, PgType.BOOL, PgType.INT4, PgType.INT4, PgType.TEXT, PgType.FLOAT4, PgType.INT4,
        PgType.INT4, PgType.TEXT), answer.types());
  }

  @Test
  void aColumnOfACatalogTableHasTheTypeTheTableDeclaresAndAComputedOneTheTypeOfItsExpression() {
    String sql = "SELECT NULL AS TABLE_CAT, n.nspname AS TABLE_SCHEM, ct.oid AS TABLE_OID, i.indrelid AS INDREL,"
        + " (information_schema._pg_expandarray(i.indkey)).n AS KEY_SEQ, ci.relpages AS PAGES, x.y AS OTHER"
        + " FROM pg_catalog.pg_class ct JOIN pg_catalog.pg_namespace AS n ON (ct.relnamespace = n.oid)"
        + " JOIN pg_catalog.pg_index i ON (ct.oid = i.indrelid) JOIN pg_catalog.pg_class ci ON (ci.oid = i.indexrelid), t x";
    Map<String, PgType> declared = Map.of("pg_namespace.nspname", PgType.VARCHAR, "pg_class.oid", PgType.OID,
        "pg_index.indrelid", PgType.OID);
    LocalResult answer = KeylessCatalog.answer(sql, (table, column) -> declared.get(table + "." + column)).orElseThrow();
    assertEquals(List.of(PgType.TEXT, PgType.VARCHAR, PgType.OID, PgType.OID, PgType.INT4, PgType.INT4, PgType.TEXT),
        answer.types());
  }

  @Test
  void aCastGivesItsTypeAsPsqlodbcsForeignKeyQueryCastsKeySeqAndTheRulesToSmallint() {
    String sql = "select 'marketing'::name as \"PKTABLE_CAT\", i::int2 as \"KEY_SEQ\","
        + " case ref.confupdtype when 'c' then 0::int2 when 'n' then 2::int2 else 3::int2 end as \"UPDATE_RULE\","
        + " case when ref.condeferrable then case when ref.condeferred then 5::int2 else 6::int2 end else 7::int2 end"
        + " as \"DEFERRABILITY\", (i + 1)::int8 as shifted, case when x then 1::int2 else 2 end as mixed"
        + " from (select generate_series(array_lower(conkey, 1), array_upper(conkey, 1)) as i, confupdtype, condeferrable,"
        + " condeferred from pg_catalog.pg_constraint cn) ref";
    LocalResult answer = KeylessCatalog.answer(sql).orElseThrow();
    assertEquals(List.of("PKTABLE_CAT", "KEY_SEQ", "UPDATE_RULE", "DEFERRABILITY", "shifted", "mixed"), answer.columns());
    assertEquals(List.of(PgType.NAME, PgType.INT2, PgType.INT2, PgType.INT2, PgType.INT8, PgType.INT4),
        answer.types());
  }

  @Test
  void otherCatalogQueriesAreLeftToCalcite() {
    assertTrue(KeylessCatalog.answer("select * from pg_catalog.pg_index").isEmpty());
    assertTrue(KeylessCatalog.answer("select * from generate_series(1, 3)").isEmpty());
  }

  @Test
  void anExistsTestOverAKeyCatalogAloneIsFalseSoTheQueryAroundItRunsAndAnItemWithoutAliasHasItsTablesType() {
    String pgAdmin = "SELECT att.attname AS name, EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = att.attrelid"
        + " AND contype = 'f' AND att.attnum = ANY(conkey)) AS is_fk FROM pg_attribute att WHERE att.attrelid = 42";
    assertTrue(KeylessCatalog.answer(pgAdmin).isEmpty(), "pg_attribute's rows are Calcite's to give");
    assertEquals("select att . attname as \"name\" , false as is_fk from pg_attribute att where att . attrelid = 42",
        PgDialect.toCalcite(pgAdmin));
    String joined = "SELECT 1 WHERE EXISTS (SELECT 1 FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid"
        + " WHERE c.oid = ANY(i.indkey))";
    assertTrue(PgDialect.toCalcite(joined).contains("exists"), "a subquery that joins another table stays");
    LocalResult keys = KeylessCatalog.answer("SELECT c.relname, (information_schema._pg_expandarray(i.indkey)).n AS k,"
        + " i.indisprimary FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indrelid",
        (table, column) -> table.equals("pg_class") && column.equals("relname") ? PgType.NAME
            : table.equals("pg_index") && column.equals("indisprimary") ? PgType.BOOL : null).orElseThrow();
    assertEquals(List.of(PgType.NAME, PgType.INT4, PgType.BOOL), keys.types());
  }
}
