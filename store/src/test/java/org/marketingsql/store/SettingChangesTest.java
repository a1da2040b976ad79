package org.marketingsql.store;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Which statements a read session must be reset after: any that may change a setting, and any it is unsure of. */
class SettingChangesTest {
  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT \"channel\", SUM(\"spend\") AS \"spend\"\nFROM \"finance\".\"channel_roi\"\nWHERE \"month_start\" >= DATE"
          + " '2025-10-01'\nGROUP BY \"channel\"\nORDER BY 2 DESC NULLS FIRST\nFETCH NEXT 10 ROWS ONLY",
      "with t as (select 1 as x) select x from t",
      "  /* a /* nested */ comment */ -- a line\n (SELECT 1) UNION ALL (SELECT 2)",
      "VALUES (1, 'a')",
      "TABLE finance.channel_roi",
      "SELECT \"asset_id\", \"offset\", \"dataset\" FROM t OFFSET 5",
      "SELECT current_setting('work_mem')"})
  void aQueryThatNamesNoSettingChangeLeavesTheSessionAsItWas(String sql) {
    assertFalse(SettingChanges.mayChange(sql), sql);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SET work_mem = '7MB'",
      "set local work_mem = '7MB'",
      "/* SELECT */ SET TimeZone = 'UTC'",
      "SELECT set_config('work_mem', '7MB', false)",
      "SELECT pg_catalog.SET_CONFIG('work_mem', '7MB', false)",
      "select \"set_config\"('work_mem', '7MB', false)",
      "SELECT U&\"\\0073et_config\"('work_mem', '7MB', false)",
      "RESET ALL",
      "DISCARD ALL",
      "BEGIN",
      "DO $$ BEGIN PERFORM 1; END $$",
      "CALL p()",
      "SHOW work_mem",
      "EXPLAIN ANALYZE SELECT 1",
      "SELECT 'set' AS word",
      "",
      "   -- only a comment"})
  void aStatementThatMayChangeASettingOrIsNotAPlainQueryResetsTheSession(String sql) {
    assertTrue(SettingChanges.mayChange(sql), sql);
  }
}
