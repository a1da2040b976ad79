package org.marketingsql.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** PostgreSQL 15's answers, taken from a PostgreSQL server, for the text functions' Java side. */
class PgTextsTest {
  @Test
  void formatTakesPositionsFlagsAndWidthsAsPostgresqlDoes() {
    // SELECT format('%s|%I|%L|%%|%L|%s|%1$s|%-5s|%5s|', 'a', 'Bc d', 'it''s', NULL, NULL, 'x', 'y')
    assertEquals("a|\"Bc d\"|'it''s'|%|NULL||a|Bc d | it's|",
        PgTexts.formatWith("%s|%I|%L|%%|%L|%s|%1$s|%-5s|%5s|", "a", "Bc d", "it's", null, null, "x", "y"));
    assertEquals("lower_case", PgTexts.formatWith("%I", "lower_case"));
    assertNull(PgTexts.formatWith(null, "a"));
  }

  @Test
  void formatsMistakesAreInvalidParameterValues() {
    assertEquals("too few arguments for format()", assertThrows(PgSqlException.class, () -> PgTexts.formatWith("%s %s", "a")).getMessage());
    assertEquals("unrecognized format() type specifier \"d\"",
        assertThrows(PgSqlException.class, () -> PgTexts.formatWith("%d", "1")).getMessage());
    assertEquals("22004", assertThrows(PgSqlException.class, () -> PgTexts.formatWith("%I", (String) null)).sqlState());
  }

  @Test
  void arrayRemoveDropsEveryEqualElementAndANullRemovesTheNulls() {
    assertEquals(List.of("b", "c"), PgTexts.arrayRemove(List.of("a", "b", "a", "c"), "a"));
    assertEquals(List.of("a"), PgTexts.arrayRemove(Arrays.asList("a", null), null));
    assertEquals(List.of("a"), PgTexts.arrayRemove(List.of("a"), "z"));
    assertNull(PgTexts.arrayRemove(null, "a"));
  }

  @Test
  void stringToArraySplitsAsPostgresqlDoes() {
    assertEquals(List.of("a", "", "b"), PgTexts.stringToArray("a,,b", ","));
    assertEquals(List.of("\"$user\"", " public"), PgTexts.stringToArray("\"$user\", public", ","));
    assertEquals(List.of("a,b"), PgTexts.stringToArray("a,b", ""), "an empty delimiter keeps the text whole");
    assertEquals(List.of("a", "b"), PgTexts.stringToArray("ab", null), "a null one splits characters");
    assertEquals(List.of(), PgTexts.stringToArray("", ","));
    assertEquals(Arrays.asList("a", null), PgTexts.stringToArray("a,x", ",", "x"));
    assertNull(PgTexts.stringToArray(null, ","));
  }

  @Test
  void parseIdentLowersUnquotedNamesAndKeepsQuotedOnes() {
    assertEquals(List.of("SomeSchema", "sometable"), PgTexts.parseIdent("\"SomeSchema\".someTable"));
    assertEquals(List.of("a\"b", "c"), PgTexts.parseIdent(" \"a\"\"b\" . c "));
    assertEquals(List.of("a", "b"), PgTexts.parseIdent("a.b c", false));
    PgSqlException e = assertThrows(PgSqlException.class, () -> PgTexts.parseIdent("a.b c"));
    assertEquals("22023", e.sqlState());
    assertThrows(PgSqlException.class, () -> PgTexts.parseIdent("a."));
    assertThrows(PgSqlException.class, () -> PgTexts.parseIdent("\"a"));
  }

  @Test
  void currentSettingKnowsPostgresqlsReportedSettingsInAnyCase() {
    assertEquals("ISO, MDY", PgTexts.currentSetting("datestyle"));
    assertNull(PgTexts.currentSetting("work_mem", true));
    assertEquals("42704", assertThrows(PgSqlException.class, () -> PgTexts.currentSetting("work_mem")).sqlState());
  }
}
