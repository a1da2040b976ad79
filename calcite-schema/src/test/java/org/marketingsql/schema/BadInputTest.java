package org.marketingsql.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.testing.Fixtures;
import org.marketingsql.testing.Sql;
import org.marketingsql.testing.StoreFixture;

/** Bad input gets a clear error and loses nothing: the rest of the folder keeps working. */
class BadInputTest {
  @RegisterExtension
  final StoreFixture fixture = StoreFixture.withExports("finance");
  Path folder;
  String model;

  @BeforeEach
  void setUp() {
    folder = fixture.exports();
    model = Fixtures.model(folder, fixture.file(), "");
  }

  private static String message(SQLException e) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
    }
    return all.toString();
  }

  @Test
  void aRowThatDoesNotParseNamesFileLineColumnAndValueAndTheRestStaysQueryable() throws Exception {
    Files.writeString(folder.resolve("orders.csv"), """
        order_id,customer_id,order_date,amount,currency,acquisition_channel,product_line
        o1,c1,2025-01-16,500.00,USD,google_ads,hardware
        o2,c2,2025-01-21,12,3x,EUR,meta_ads,software
        """.replace("12,3x,EUR", "\"12,3x\",EUR"));
    SQLException e = assertThrows(SQLException.class,
        () -> Sql.calcite(model).query("SELECT * FROM exports.orders").rows());
    assertTrue(message(e).contains("orders.csv line 3, column amount: '12,3x'"), message(e));
    SQLException view = assertThrows(SQLException.class,
        () -> Sql.calcite(model).query("SELECT * FROM finance.channel_roi").rows());
    assertTrue(message(view).contains("orders.csv line 3, column amount"), message(view));
    // The other inputs are untouched.
    Sql.calcite(model).query("SELECT SUM(spend_rc) AS s FROM finance.ad_spend_daily").returns("s=490.000000");
    Sql.calcite(model).query("SELECT table_name, row_count, last_error IS NOT NULL AS failed FROM sync.sync_status"
        + " WHERE table_name = 'orders'").returns("table_name=orders; row_count=0; failed=true");
  }

  @Test
  void anAmountBeyondTheFactsEighteenDigitsIsRefusedAtItsLineNotInTheFactsBuild() throws Exception {
    // The facts hold money as DECIMAL(18,6): 12 digits before the point fit, 13 do not.
    Files.writeString(folder.resolve("orders.csv"), """
        order_id,customer_id,order_date,amount,currency
        o1,c1,2025-01-16,999999999999.99,USD
        o2,c2,2025-01-21,1000000000000.00,USD
        """);
    SQLException e = assertThrows(SQLException.class,
        () -> Sql.calcite(model).query("SELECT * FROM exports.orders").rows());
    assertTrue(message(e).contains("orders.csv line 3, column amount: '1000000000000.00' does not fit DECIMAL(18,6)"),
        message(e));
    Files.writeString(folder.resolve("orders.csv"), """
        order_id,customer_id,order_date,amount,currency
        o1,c1,2025-01-16,999999999999.99,USD
        """);
    Waiting.refreshFirst(() -> Sql.calcite(model).query("SELECT amount_rc FROM finance.orders")
        .returns("amount_rc=999999999999.990000"));
  }

  @Test
  void aFailedFileIsNeverHalfLoadedAndRecoversWhenFixed() throws Exception {
    Sql.calcite(model).query("SELECT COUNT(*) AS n FROM exports.orders").returns("n=5");
    Path orders = folder.resolve("orders.csv");
    String good = Files.readString(orders);
    Files.writeString(orders, good + "o6,c5,not-a-date,1.00,USD,organic,software\n");
    assertThrows(SQLException.class,
        () -> Waiting.refreshFirst(() -> Sql.calcite(model).query("SELECT COUNT(*) FROM exports.orders").rows()));
    // A later connection (as a later process would) still reports the error: it is kept in the store.
    SQLException again = assertThrows(SQLException.class,
        () -> Sql.calcite(model).query("SELECT COUNT(*) FROM exports.orders").rows());
    assertTrue(message(again).contains("line 7, column order_date: 'not-a-date'"), message(again));
    Files.writeString(orders, good + "o6,c5,2025-02-09,1.00,USD,organic,software\n");
    Waiting.refreshFirst(() -> Sql.calcite(model).query("SELECT COUNT(*) AS n FROM exports.orders").returns("n=6"));
  }

  @Test
  void aKnownHeaderMissingARequiredColumnIsRefusedWithTheColumnNamed() throws Exception {
    Files.writeString(folder.resolve("more_orders.csv"), "order_id,customer_id,order_date,amount\no9,c9,2025-01-01,5.00\n");
    SQLException e = assertThrows(SQLException.class,
        () -> Sql.calcite(model).query("SELECT * FROM exports.more_orders").rows());
    assertTrue(message(e).contains("looks like orders (it has column order_id) but lacks column currency"), message(e));
  }

  @Test
  void aMissingFxRateIsAnErrorNamingCurrencyAndDateNeverASilentOne() throws Exception {
    Files.writeString(folder.resolve("fx_rates.csv"), "date,currency,rate_to_reporting\n2025-02-01,EUR,1.2000\n");
    SQLException e = assertThrows(SQLException.class,
        () -> Sql.calcite(model).query("SELECT SUM(spend_rc) FROM finance.ad_spend_daily").rows());
    assertTrue(message(e).contains("no FX rate for EUR on 2025-01-20"), message(e));
    // Nothing that needs no conversion is lost: the export's own table stays readable.
    assertEquals(5L, ((Number) Sql.calcite(model).query("SELECT COUNT(*) FROM exports.ad_spend").scalar()).longValue());
  }

  @Test
  void aGenericCsvBecomesATypedTable() throws Exception {
    Files.writeString(folder.resolve("Leads Export.csv"), "Lead Id;Created;Score;Qualified\n00042;2025-03-01;7.5;true\n");
    Sql.calcite(model).query("SELECT lead_id, created, score, qualified FROM exports.leads_export")
        .returns("lead_id=00042; created=2025-03-01; score=7.5; qualified=true");
  }
}
