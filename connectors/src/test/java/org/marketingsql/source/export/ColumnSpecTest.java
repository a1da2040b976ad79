package org.marketingsql.source.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.marketingsql.source.SourceColumn;
import org.marketingsql.source.SqlType;

class ColumnSpecTest {

  @Test
  void sqlTypeNamesEveryKind() {
    assertEquals("BOOLEAN", new ColumnSpec("a", Kind.BOOLEAN, 0).sqlType());
    assertEquals("BIGINT", new ColumnSpec("a", Kind.BIGINT, 0).sqlType());
    assertEquals("DECIMAL(38,2)", new ColumnSpec("a", Kind.DECIMAL, 2).sqlType());
    assertEquals("DECIMAL(18,6)", new ColumnSpec("a", Kind.DECIMAL, 6, 18).sqlType());
    assertEquals("DATE", new ColumnSpec("a", Kind.DATE, 0).sqlType());
    assertEquals("TIMESTAMP", new ColumnSpec("a", Kind.TIMESTAMP, 0).sqlType());
    assertEquals("VARCHAR", new ColumnSpec("a", Kind.VARCHAR, 0).sqlType());
  }

  @Test
  void decimalScaleMustBeBetweenZeroAndTwelve() {
    assertEquals(12, new ColumnSpec("a", Kind.DECIMAL, 12).scale());
    assertThrows(IllegalArgumentException.class, () -> new ColumnSpec("a", Kind.DECIMAL, 13));
    assertThrows(IllegalArgumentException.class, () -> new ColumnSpec("a", Kind.DECIMAL, -1));
    assertThrows(IllegalArgumentException.class, () -> new ColumnSpec("a", Kind.DECIMAL, 6, 5), "fewer digits than decimals");
    assertThrows(IllegalArgumentException.class, () -> new ColumnSpec("a", Kind.DECIMAL, 6, 39));
    assertThrows(IllegalArgumentException.class, () -> new ColumnSpec("a", Kind.BIGINT, 0, 18));
  }

  @Test
  void onlyDecimalColumnsHaveAScale() {
    assertThrows(IllegalArgumentException.class, () -> new ColumnSpec("a", Kind.BIGINT, 2));
  }

  @Test
  void nameMustNotBeBlankOrMissing() {
    assertThrows(IllegalArgumentException.class, () -> new ColumnSpec(" ", Kind.VARCHAR, 0));
    assertThrows(NullPointerException.class, () -> new ColumnSpec(null, Kind.VARCHAR, 0));
    assertThrows(NullPointerException.class, () -> new ColumnSpec("a", null, 0));
  }

  @Test
  void aDeclaredColumnLoadsAsTheSqlTypeItDeclares() {
    for (SqlType type : SqlType.values()) {
      assertEquals(type.sql(), ColumnSpec.of(new SourceColumn("a", type, "A column.")).sqlType(), type.name());
    }
  }

  @Test
  void platformReportsAndOrderExportsKeepTheirAmountsAsWideAsBefore() {
    assertEquals("DECIMAL(38,6)", AdExportReader.CORE.get(7).sqlType(), "spend");
    assertEquals("DECIMAL(38,6)", OrderExportReader.CORE.get(3).sqlType(), "amount");
    assertEquals("DECIMAL(18,6)", InputKind.AD_SPEND.spec(new ColumnSpec("spend", Kind.VARCHAR, 0)).sqlType());
    assertEquals("DECIMAL(18,8)", InputKind.FX_RATES.spec(new ColumnSpec("rate_to_reporting", Kind.VARCHAR, 0)).sqlType());
  }
}
