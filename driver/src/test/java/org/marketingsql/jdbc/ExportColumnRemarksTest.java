package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.StoreFixture;

/** An export's declared columns carry their layout's descriptions as REMARKS, for BI tools. */
@ExtendWith(IsolatedHome.class)
class ExportColumnRemarksTest {
  @RegisterExtension
  final StoreFixture fixture = StoreFixture.withExports("finance");

  @Test
  void getColumnsOfAFinanceInputGivesEachDeclaredColumnsDescriptionAsRemarks() throws Exception {
    Map<String, String> remarks = remarks("fx_rates");
    assertEquals("One unit of the currency in the reporting currency.", remarks.get("rate_to_reporting"));
    assertEquals("The day the rate holds for.", remarks.get("date"));
    assertEquals("What the platform charged, in the row's currency.", remarks("ad_spend").get("spend"));
    assertEquals("The budget's month, as YYYY-MM.", remarks("budgets").get("month"));
    assertEquals("The revenue the order brought, in its currency.", remarks("orders").get("amount"));
  }

  private Map<String, String> remarks(String table) throws Exception {
    Map<String, String> remarks = new LinkedHashMap<>();
    try (ResultSet rs = fixture.connection().getMetaData().getColumns(null, "exports", table, null)) {
      while (rs.next()) {
        remarks.put(rs.getString("COLUMN_NAME"), rs.getString("REMARKS"));
      }
    }
    return remarks;
  }
}
