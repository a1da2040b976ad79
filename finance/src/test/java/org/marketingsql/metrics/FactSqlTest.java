package org.marketingsql.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.marketingsql.source.SqlType;

class FactSqlTest {
  @Test
  void identifiersAndLiteralsAreQuotedSoAValueCannotEndTheStatement() {
    String sql = FactSql.of("SELECT ${name} FROM ${input}")
        .literal("name", "it's; DROP TABLE x")
        .identifier("input", "my \"source\"", "orders")
        .render().sql();
    assertEquals("SELECT 'it''s; DROP TABLE x' FROM \"my \"\"source\"\"\".\"orders\"", sql);
  }

  @Test
  void anOptionalColumnIsTheColumnOrATypedNull() {
    assertEquals("TRIM(\"product_line\")",
        FactSql.of("TRIM(${c})").optionalColumn("c", "product_line", SqlType.VARCHAR).render().sql());
    assertEquals("TRIM(CAST(NULL AS VARCHAR))", FactSql.of("TRIM(${c})").optionalColumn("c", null, SqlType.VARCHAR).render().sql());
  }

  @Test
  void datesNumbersAndBooleansAreWrittenAsSqlLiterals() {
    String sql = FactSql.of("${d} ${n} ${m} ${b} ${none}").date("d", LocalDate.of(2025, 1, 31))
        .number("n", new BigDecimal("1E-7")).number("m", 42L).bool("b", true).date("none", null).render().sql();
    assertEquals("DATE '2025-01-31' 0.0000001 42 TRUE CAST(NULL AS DATE)", sql);
  }

  @Test
  void theMoneyTypesComeFromTheOneDefinition() {
    assertEquals("CAST(CAST(x AS DECIMAL(38,6)) * CAST(1 AS DECIMAL(18,8)) AS DECIMAL(18,6))",
        FactSql.of("CAST(CAST(x AS ${WIDE_MONEY}) * CAST(1 AS ${FX_RATE}) AS ${MONEY})").render().sql());
  }

  @Test
  void aPlaceholderLeftUnsetFailsNamingItAndTheResource() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> FactSql.load("budgets_input").literal("table_name", "s.t").render());
    assertTrue(e.getMessage().contains("budgets_input.sql") && e.getMessage().contains("${source_name}"), e.getMessage());
  }

  @Test
  void aValueForAPlaceholderTheStatementLacksFails() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> FactSql.of("SELECT 1").literal("currency", "USD").render());
    assertTrue(e.getMessage().contains("currency"), e.getMessage());
  }

  @Test
  void commentLinesAreDroppedAndRenderedSqlJoinsAsIs() {
    FactSql.Text one = FactSql.of("-- a comment\nSELECT 1").render();
    FactSql.Text union = FactSql.Text.join("UNION ALL", List.of(one, FactSql.of("SELECT 2").render()));
    assertEquals("SELECT * FROM (SELECT 1 UNION ALL SELECT 2) u",
        FactSql.of("SELECT * FROM (${inputs}) u").sql("inputs", union).render().sql());
  }

  @Test
  void aMissingResourceIsNamed() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> FactSql.load("no_such_fact"));
    assertTrue(e.getMessage().contains("/org/marketingsql/facts/no_such_fact.sql"), e.getMessage());
  }
}
