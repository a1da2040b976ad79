package org.marketingsql.source.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.source.registry.SourceRegistry;

/** Payment and CRM exports read into the orders layout, without a store. */
class OrderExportReaderTest {

  @TempDir
  Path dir;

  record Read(List<String> columns, List<Object[]> rows, OrderExportReader.Result result) {
    Object value(int row, String column) {
      return rows.get(row)[columns.indexOf(column)];
    }

    BigDecimal sum(String column) {
      return rows.stream().map(r -> (BigDecimal) r[columns.indexOf(column)]).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
  }

  static Read read(Path file) throws Exception {
    return read(file, null);
  }

  static Read read(Path file, String configuredCurrency) throws Exception {
    return read(file, configuredCurrency, ZoneOffset.UTC);
  }

  static Read read(Path file, String configuredCurrency, ZoneId zone) throws Exception {
    CsvExport csv = CsvExport.open(file);
    OrderExportFormat format = SourceRegistry.exportFormats().detectOrders(file, csv.header(), null);
    if (format == null) {
      throw new AssertionError(file + " was not recognised as an orders export");
    }
    OrderExportReader reader = new OrderExportReader(csv, format, null, configuredCurrency, zone);
    List<Object[]> rows = new ArrayList<>();
    OrderExportReader.Result result = reader.read((line, values) -> rows.add(values));
    return new Read(reader.columns().stream().map(ColumnSpec::name).toList(), rows, result);
  }

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  @Test
  void stripeRefundsReduceRevenueAndFailedChargesAreNotOrders() throws Exception {
    Read r = read(AdExportReaderTest.fixture("stripe/unified_payments.csv"));
    assertEquals(3, r.rows().size());
    assertEquals(1, r.result().notOrders(), "ch_4 failed");
    // ch_1 120.00; ch_2 80.00 - 30.00; ch_3 fully refunded
    assertEquals(new BigDecimal("120.000000"), r.value(0, "amount"));
    assertEquals(new BigDecimal("50.000000"), r.value(1, "amount"));
    assertEquals(new BigDecimal("0.000000"), r.value(2, "amount"));
    assertEquals(new BigDecimal("80.000000"), r.value(1, "gross_amount"));
    assertEquals(new BigDecimal("30.000000"), r.value(1, "refunded_amount"));
  }

  @Test
  void stripeExportsWithoutRefundOrStatusColumnsAreStillPaymentsWithNothingRefunded() throws Exception {
    // The columns a user picks for a "Successful payments" export, as Stripe's export dialog offers them.
    Path file = write("payments.csv", """
        ID,Description,Created (UTC),Amount,Currency,Converted Amount,Fee,Tax,Converted Currency,Customer ID
        py_1,Order 7,2025-07-08 10:00:00,42.50,eur,45.90,1.50,0.00,usd,cus_Z
        """);
    Read r = read(file);
    assertEquals(1, r.rows().size());
    assertEquals(new BigDecimal("42.500000"), r.value(0, "amount"));
    assertEquals("EUR", r.value(0, "currency"));
    assertEquals("cus_Z", r.value(0, "customer_id"));
  }

  @Test
  void stripeKeepsEachChargesCurrencyUpperCased() throws Exception {
    Read r = read(AdExportReaderTest.fixture("stripe/unified_payments.csv"));
    assertEquals("USD", r.value(0, "currency"));
    assertEquals("EUR", r.value(2, "currency"));
    assertEquals("cus_A", r.value(0, "customer_id"));
    assertEquals(LocalDate.of(2025, 7, 8), r.value(0, "order_date"));
    assertEquals("stripe", r.value(0, "export_format"));
  }

  @Test
  void aShopifyOrderTimeWithItsOffsetIsAnOrderOfItsDayInTheReportingTimeZone() throws Exception {
    Path file = write("orders_export.csv", """
        Name,Email,Financial Status,Currency,Total,Created at,Lineitem quantity,Lineitem name,Refunded Amount,Cancelled at,Id
        #2001,a@example.com,paid,USD,50.00,2025-07-08 22:30:00 -0400,1,Mug,0.00,,6001
        #2002,b@example.com,paid,USD,20.00,2025-07-09 09:00:00 +1000,1,Cap,0.00,,6002
        """);
    Read utc = read(file, null, ZoneOffset.UTC);
    assertEquals(LocalDate.of(2025, 7, 9), utc.value(0, "order_date"), "22:30 in New York is 02:30 UTC the next day");
    assertEquals(LocalDate.of(2025, 7, 8), utc.value(1, "order_date"), "09:00 in Sydney is 23:00 UTC the day before");
    Read newYork = read(file, null, ZoneId.of("America/New_York"));
    assertEquals(LocalDate.of(2025, 7, 8), newYork.value(0, "order_date"));
    assertEquals(LocalDate.of(2025, 7, 8), newYork.value(1, "order_date"));
  }

  @Test
  void shopifyLineItemRowsAreNotExtraOrders() throws Exception {
    Read r = read(AdExportReaderTest.fixture("shopify/orders_export.csv"));
    assertEquals(3, r.rows().size());
    assertEquals(1, r.result().notOrders(), "#1001's second line item");
    assertEquals("5001", r.value(0, "order_id"), "Shopify's Id, unique across shops");
    assertEquals("#1001", r.value(0, "name"));
    assertEquals(new BigDecimal("118.000000"), r.value(0, "amount"));
  }

  @Test
  void shopifyOrdersTakeTheirTouchDataFromTheLandingPagesUtmParametersElseFromTheReferrer() throws Exception {
    Read r = read(AdExportReaderTest.fixture("shopify/orders_export_landing.csv"));
    assertEquals(3, r.rows().size());
    assertEquals(List.of("Facebook", "paid_social", "Summer Sale"),
        List.of(r.value(0, "utm_source"), r.value(0, "utm_medium"), r.value(0, "utm_campaign")));
    assertEquals("google", r.value(1, "utm_source"), "no utm_source on the landing page: the referring site's name");
    assertEquals("referral", r.value(1, "utm_medium"));
    assertNull(r.value(1, "utm_campaign"));
    assertNull(r.value(2, "utm_source"), "neither landing page nor referrer");
    assertEquals("/products/mug?utm_source=Facebook&utm_medium=paid_social&utm_campaign=Summer%20Sale",
        r.value(0, "landing_site"), "the export's own columns stay as they were");
  }

  @Test
  void anExportWithoutTouchDataLeavesTheTouchColumnsEmpty() throws Exception {
    Read r = read(AdExportReaderTest.fixture("shopify/orders_export.csv"));
    assertNull(r.value(0, "utm_source"));
    assertNull(r.value(0, "utm_campaign"));
  }

  @Test
  void shopifyRefundsAndCancellationsReduceRevenue() throws Exception {
    Read r = read(AdExportReaderTest.fixture("shopify/orders_export.csv"));
    // #1002: 1250.00 - 250.00 refunded; #1003 voided and cancelled: nothing
    assertEquals(new BigDecimal("1000.000000"), r.value(1, "amount"));
    assertEquals(new BigDecimal("0.000000"), r.value(2, "amount"));
    assertEquals("voided", r.value(2, "status"));
    // a time with its offset is an order of the reporting time zone's day: 23:30 -0400 is the next day in UTC
    assertEquals(LocalDate.of(2025, 7, 11), r.value(2, "order_date"));
    assertEquals(LocalDate.of(2025, 7, 10), read(AdExportReaderTest.fixture("shopify/orders_export.csv"), null,
        ZoneId.of("America/New_York")).value(2, "order_date"));
  }

  @Test
  void hubSpotOnlyWonDealsAreOrders() throws Exception {
    Read r = read(AdExportReaderTest.fixture("hubspot/deals.csv"));
    assertEquals(2, r.rows().size());
    assertEquals(2, r.result().notOrders(), "one lost, one open");
    // 5000 + 1200.50
    assertEquals(new BigDecimal("6200.500000"), r.sum("amount"));
    assertEquals("777", r.value(0, "customer_id"));
    assertEquals("Acme renewal", r.value(0, "deal_name"));
  }

  @Test
  void hubSpotExportWithoutCurrencyIsRefusedUnlessTheSourceSaysItsCurrency() throws Exception {
    Path file = write("deals.csv", "Record ID,Deal Name,Deal Stage,Close Date,Amount\n1,A,Closed Won,2025-07-08,10\n");
    ExportException e = assertThrows(ExportException.class, () -> read(file));
    assertEquals("deals.csv line 2: order 1 has no currency; export the currency column or set currency: on the"
        + " source", e.getMessage());
    Read r = read(file, "GBP");
    assertEquals("GBP", r.value(0, "currency"));
    assertEquals(new BigDecimal("10.000000"), r.value(0, "amount"));
  }

  @Test
  void stripeBadAmountNamesFileLineAndColumn() throws Exception {
    Path file = write("payments.csv", "id,Created date (UTC),Amount,Amount Refunded,Currency,Status\n"
        + "ch_1,2025-07-08 14:03,12.00,0.00,usd,Paid\nch_2,2025-07-08 15:03,12.0O,0.00,usd,Paid\n");
    ExportException e = assertThrows(ExportException.class, () -> read(file));
    assertEquals("payments.csv line 3, column Amount: '12.0O' is not a number", e.getMessage());
  }

  @Test
  void datePartCutsTheTimeOfDay() {
    assertEquals("2025-07-08", OrderExportReader.datePart("2025-07-08 14:03:12 -0400"));
    assertEquals("7/8/2025", OrderExportReader.datePart("7/8/2025 2:03 PM"));
    assertEquals("Jul 8, 2025", OrderExportReader.datePart("Jul 8, 2025, 2:03 PM"));
    assertNull(OrderExportReader.datePart(null));
  }
}
