package org.marketingsql.schema;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.Sql;

/**
 * A store loaded with the reporting time zone UTC, then opened with America/New_York: the refresh notices the
 * changed zone and re-days the stored orders, so an order placed at 22:30 in New York (02:30 UTC the next day)
 * moves back to its New York day, and the totals stay the same.
 */
@ExtendWith(IsolatedHome.class)
class ReportingZoneChangeTest {
  @TempDir
  Path temp;

  private String model(String timeZone) {
    return """
        {"version": "1.0", "defaultSchema": "marketing", "schemas": [{"name": "marketing", "type": "custom",
         "factory": "org.marketingsql.schema.MarketingSchemaFactory",
         "operand": {"store": "jdbc:duckdb:%s", "reportingCurrency": "USD", "timeZone": "%s", "sources": [
           {"name": "shop", "type": "csv-folder", "path": "%s"}]}}]}
        """.formatted(temp.resolve("store.duckdb").toString().replace("\\", "/"), timeZone,
        temp.resolve("exports").toString().replace("\\", "/"));
  }

  @Test
  void aChangedTimeZoneMovesTheLateEveningOrdersStoredBeforeItToTheirDayInTheNewZone() throws Exception {
    Path exports = Files.createDirectories(temp.resolve("exports"));
    Files.writeString(exports.resolve("orders_export.csv"), """
        Name,Email,Financial Status,Currency,Total,Created at,Lineitem quantity,Lineitem name,Refunded Amount,Cancelled at,Id
        #2001,a@example.com,paid,USD,50.00,2025-07-08 22:30:00 -0400,1,Mug,0.00,,6001
        #2002,b@example.com,paid,USD,20.00,2025-07-08 12:00:00 -0400,1,Cap,0.00,,6002
        """);
    String byDay = "SELECT order_date, COUNT(*) AS n, SUM(amount) AS amount FROM finance.orders"
        + " GROUP BY order_date ORDER BY order_date";
    String total = "SELECT COUNT(*) AS n, SUM(amount) AS amount FROM finance.orders";

    Sql.calcite(model("UTC")).query(byDay).returns(
        "order_date=2025-07-08; n=1; amount=20.000000",
        "order_date=2025-07-09; n=1; amount=50.000000");
    Sql.calcite(model("UTC")).query(total).returns("n=2; amount=70.000000");

    Sql.calcite(model("America/New_York")).query(byDay).returns("order_date=2025-07-08; n=2; amount=70.000000");
    Sql.calcite(model("America/New_York")).query(total).returns("n=2; amount=70.000000");

    Sql.calcite(model("UTC")).query(byDay).returns(
        "order_date=2025-07-08; n=1; amount=20.000000",
        "order_date=2025-07-09; n=1; amount=50.000000");
  }
}
