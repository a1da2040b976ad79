package org.marketingsql.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks the demo company against the written files, read back with an independent CSV parser
 * (FastCSV) and converted with fx_rates.csv, so the ledger is verified rather than echoed.
 */
class DemoCompanyTest {
  private static final List<String> FILES =
      List.of("ad_spend.csv", "google_ads_campaign_report.csv", "orders.csv", "budgets.csv", "fx_rates.csv",
          "google_ads_conversions_by_action.csv");
  /** Google's column names in the demo's Google Ads report, and the ad spend columns they are. */
  private static final Map<String, String> GOOGLE_COLUMNS = Map.ofEntries(Map.entry("Day", "date"),
      Map.entry("Account", "account_name"), Map.entry("Customer ID", "account_id"), Map.entry("Campaign", "campaign_name"),
      Map.entry("Campaign ID", "campaign_id"), Map.entry("Currency code", "currency"), Map.entry("Cost", "spend"),
      Map.entry("Impr.", "impressions"), Map.entry("Clicks", "clicks"), Map.entry("Conversions", "conversions"),
      Map.entry("Conv. value", "conversion_value"));
  private static final List<String> PLATFORMS =
      List.of("google_ads", "meta_ads", "linkedin_ads", "microsoft_ads");

  @TempDir static Path folder;
  private static DemoLedger ledger;
  private static Map<LocalDate, BigDecimal> eurRates;
  /** Every platform's ad spend rows, Google's with their columns renamed to the unified layout's. */
  private static List<NamedCsvRecord> adSpend;
  private static List<NamedCsvRecord> googleAds;
  private static List<NamedCsvRecord> orders;
  private static List<NamedCsvRecord> budgets;

  @BeforeAll
  static void generateOnce() throws IOException {
    ledger = DemoCompany.generate(folder.resolve("demo"));
    eurRates = new HashMap<>();
    for (NamedCsvRecord row : read("fx_rates.csv")) {
      BigDecimal previous = eurRates.put(LocalDate.parse(row.getField("date")),
          new BigDecimal(row.getField("rate_to_reporting")));
      assertEquals(null, previous, "duplicate FX date " + row.getField("date"));
      assertEquals("EUR", row.getField("currency"));
    }
    googleAds = googleAdsReportAsAdSpend();
    adSpend = new ArrayList<>(read("ad_spend.csv"));
    adSpend.addAll(googleAds);
    orders = read("orders.csv");
    budgets = read("budgets.csv");
  }

  private static List<NamedCsvRecord> read(String file) throws IOException {
    try (CsvReader<NamedCsvRecord> reader = CsvReader.builder()
        .ofNamedCsvRecord(folder.resolve("demo").resolve(file), StandardCharsets.UTF_8)) {
      List<NamedCsvRecord> rows = new ArrayList<>();
      reader.forEach(rows::add);
      return rows;
    }
  }

  /**
   * The Google Ads report read as Google's own download is: the title and date-range lines, then Google's
   * header, which is renamed here to the unified columns (plus platform) so the checks below read every row alike.
   */
  private static List<NamedCsvRecord> googleAdsReportAsAdSpend() throws IOException {
    List<String> lines = Files.readAllLines(folder.resolve("demo").resolve("google_ads_campaign_report.csv"));
    assertEquals(List.of("Campaign report", "January 1, 2024 - December 31, 2025"), lines.subList(0, 2));
    StringBuilder text = new StringBuilder();
    for (String name : lines.get(2).split(",")) {
      text.append(GOOGLE_COLUMNS.get(name)).append(',');
    }
    text.append("platform\n");
    lines.subList(3, lines.size()).forEach(line -> text.append(line).append(",google_ads\n"));
    List<NamedCsvRecord> rows = new ArrayList<>();
    CsvReader.builder().ofNamedCsvRecord(text.toString()).forEach(rows::add);
    return rows;
  }

  private static BigDecimal rc(String amount, String currency, String date) {
    BigDecimal value = new BigDecimal(amount);
    if (currency.equals("USD")) {
      return value;
    }
    assertEquals("EUR", currency);
    BigDecimal rate = eurRates.get(LocalDate.parse(date));
    assertTrue(rate != null, "no FX rate for " + date);
    return value.multiply(rate);
  }

  private static String quarter(String isoDate) {
    LocalDate date = LocalDate.parse(isoDate);
    return date.getYear() + "-Q" + ((date.getMonthValue() + 2) / 3);
  }

  private static void assertMoney(BigDecimal expected, BigDecimal actual, String what) {
    assertEquals(0, expected.compareTo(actual), what + ": expected " + expected + " but was " + actual);
  }

  @Test
  void generatingTwiceGivesByteIdenticalFilesAndAnEqualLedger() throws IOException {
    Path again = folder.resolve("again");
    DemoLedger second = DemoCompany.generate(again);
    for (String file : FILES) {
      assertEquals(-1L, Files.mismatch(folder.resolve("demo").resolve(file), again.resolve(file)), file);
    }
    assertEquals(ledger, second);
  }

  /**
   * The demo files are a published artefact (docs and examples quote their numbers), so any change
   * of bytes — from a refactoring, a tuning or a different JDK — must be a deliberate decision:
   * update these fingerprints only together with whatever quotes the demo data.
   */
  @Test
  void filesMatchTheirPinnedFingerprintsOnAnyJdk() throws IOException, NoSuchAlgorithmException {
    Map<String, String> pinned = Map.of(
        "ad_spend.csv", "53f1b1c2c55d851ca223ffab5b5daa5ae875c8a9784ede37a77518cca54be6d8",
        "google_ads_campaign_report.csv", "858160f6a973cabbad3af1e9d4a839a25d31bf93b8f76bda25eae9ae6ee14048",
        "orders.csv", "b1ef54f16d97a82c90d68503f73eb8e5af2b9799f209353efd632581b3d72412",
        "budgets.csv", "8c5d293028a96ac92ae3e800f205faa800f8791f30956c87de3bf3614ecedb4c",
        "fx_rates.csv", "276650e9a7464cdb1750506c03a61f0634e2443b0d2718feb4693ef14150bf3c",
        "google_ads_conversions_by_action.csv", "ec4d737b90af3c5309e8324e4e6d89a79f65fa7bb4459277704c4c1d246c57fc");
    for (String file : FILES) {
      byte[] hash = MessageDigest.getInstance("SHA-256")
          .digest(Files.readAllBytes(folder.resolve("demo").resolve(file)));
      assertEquals(pinned.get(file), HexFormat.of().formatHex(hash), file);
    }
  }

  /**
   * The demo's cache folder is named by {@link DemoCompany#VERSION}, so users get new demo data only
   * when it changes: whatever the generator writes is pinned here together with that version.
   */
  @Test
  void theDemoVersionChangesWhenTheGeneratedFilesDo() throws IOException, NoSuchAlgorithmException {
    MessageDigest all = MessageDigest.getInstance("SHA-256");
    try (var files = Files.list(folder.resolve("demo"))) {
      for (Path file : files.sorted().toList()) {
        all.update(file.getFileName().toString().getBytes(StandardCharsets.UTF_8));
        all.update(Files.readAllBytes(file));
      }
    }
    assertEquals("6 efea0cc3062cf03b35338a198602e899e521ec7a39719ec6be9b37c2cf39e3ea", DemoCompany.VERSION + " " + HexFormat.of().formatHex(all.digest()),
        "the demo files changed: bump DemoCompany.VERSION and pin the new fingerprint with it");
  }

  @Test
  void googlesPurchasesByActionAreExactlyTheCampaignReportsConversionsAndTheOtherActionsAreSecondary()
      throws IOException {
    List<String> lines = Files.readAllLines(folder.resolve("demo").resolve("google_ads_conversions_by_action.csv"));
    assertEquals(List.of("Campaign report", "January 1, 2024 - December 31, 2025"), lines.subList(0, 2));
    List<NamedCsvRecord> actions = new ArrayList<>();
    CsvReader.builder().ofNamedCsvRecord(String.join("\n", lines.subList(2, lines.size()))).forEach(actions::add);
    Map<String, BigDecimal[]> purchases = new TreeMap<>();
    Map<String, BigDecimal> counts = new TreeMap<>();
    for (NamedCsvRecord row : actions) {
      String action = row.getField("Conversion action");
      BigDecimal conversions = new BigDecimal(row.getField("Conversions"));
      BigDecimal all = new BigDecimal(row.getField("All conv."));
      assertTrue(all.signum() > 0, "a row without conversions: " + row);
      counts.merge(action, all, BigDecimal::add);
      if (action.equals("Purchase")) {
        assertMoney(all, conversions, "Purchase is primary: Conversions = All conv.");
        purchases.put(row.getField("Day") + " " + row.getField("Campaign ID"),
            new BigDecimal[] {conversions, new BigDecimal(row.getField("Conv. value"))});
      } else {
        assertEquals(0, conversions.signum(), action + " is secondary: 0 in Conversions");
      }
    }
    assertEquals(Set.of("Purchase", "Sign-up", "Lead"), counts.keySet());
    Map<String, BigDecimal[]> claimed = new TreeMap<>();
    for (NamedCsvRecord row : googleAds) {
      BigDecimal conversions = new BigDecimal(row.getField("conversions"));
      BigDecimal value = new BigDecimal(row.getField("conversion_value"));
      claimed.merge(row.getField("date") + " " + row.getField("campaign_id"), new BigDecimal[] {conversions, value},
          (a, b) -> new BigDecimal[] {a[0].add(b[0]), a[1].add(b[1])});
    }
    claimed.values().removeIf(v -> v[0].signum() == 0);
    assertEquals(claimed.keySet(), purchases.keySet());
    claimed.forEach((key, v) -> {
      assertMoney(v[0], purchases.get(key)[0], "purchases " + key);
      assertMoney(v[1], purchases.get(key)[1], "purchase value " + key);
    });
    // about twice as many sign-ups and a third as many leads as purchases
    double signUps = counts.get("Sign-up").doubleValue() / counts.get("Purchase").doubleValue();
    double leads = counts.get("Lead").doubleValue() / counts.get("Purchase").doubleValue();
    assertTrue(signUps > 1.8 && signUps < 2.3 && leads > 0.28 && leads < 0.4, signUps + " " + leads);
  }

  @Test
  void anotherDefaultLocaleAndTimeZoneGiveTheSameFiles() throws IOException {
    Locale locale = Locale.getDefault();
    TimeZone zone = TimeZone.getDefault();
    Path other = folder.resolve("other-locale");
    try {
      // German uses a decimal comma; Kiribati is 14 hours ahead, so "today" differs from UTC
      Locale.setDefault(Locale.GERMANY);
      TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
      DemoCompany.generate(other);
    } finally {
      Locale.setDefault(locale);
      TimeZone.setDefault(zone);
    }
    for (String file : FILES) {
      assertEquals(-1L, Files.mismatch(folder.resolve("demo").resolve(file), other.resolve(file)), file);
    }
  }

  @Test
  void headersAreExactlyAsSpecified() throws IOException {
    Map<String, String> headers = Map.of(
        "ad_spend.csv", "date,platform,account_id,campaign_id,campaign_name,impressions,clicks,"
            + "spend,currency,conversions,conversion_value",
        "google_ads_campaign_report.csv", "Campaign report",
        "google_ads_conversions_by_action.csv", "Campaign report",
        "orders.csv", "order_id,customer_id,order_date,amount,currency,acquisition_channel,product_line,"
            + "utm_source,utm_medium,utm_campaign",
        "budgets.csv", "month,channel,amount,currency",
        "fx_rates.csv", "date,currency,rate_to_reporting");
    for (String file : FILES) {
      byte[] bytes = Files.readAllBytes(folder.resolve("demo").resolve(file));
      String text = new String(bytes, StandardCharsets.UTF_8);
      assertEquals(headers.get(file), text.substring(0, text.indexOf('\n')), file);
      assertTrue(bytes[0] != (byte) 0xEF, file + " must not start with a BOM");
      assertTrue(text.indexOf('\r') < 0 && text.indexOf('"') < 0, file + " needs no quoting or CR");
    }
  }

  @Test
  void ledgerSpendEqualsSpendRecomputedFromTheFiles() {
    BigDecimal total = BigDecimal.ZERO;
    BigDecimal conversionValue = BigDecimal.ZERO;
    Map<String, BigDecimal> byPlatform = new TreeMap<>();
    Map<String, Map<String, BigDecimal>> byPlatformQuarter = new TreeMap<>();
    for (NamedCsvRecord row : adSpend) {
      String date = row.getField("date");
      BigDecimal spend = rc(row.getField("spend"), row.getField("currency"), date);
      total = total.add(spend);
      conversionValue = conversionValue.add(
          rc(row.getField("conversion_value"), row.getField("currency"), date));
      byPlatform.merge(row.getField("platform"), spend, BigDecimal::add);
      byPlatformQuarter.computeIfAbsent(row.getField("platform"), k -> new TreeMap<>())
          .merge(quarter(date), spend, BigDecimal::add);
    }
    assertMoney(total, ledger.totalSpendRc(), "total spend");
    assertMoney(conversionValue, ledger.totalConversionValueRc(), "conversion value");
    assertEquals(adSpend.size(), ledger.adSpendRowCount());
    assertEquals(byPlatform.keySet(), ledger.spendRcByPlatform().keySet());
    byPlatform.forEach((p, v) -> assertMoney(v, ledger.spendRc(p), p));
    assertEquals(byPlatformQuarter.keySet(), ledger.spendRcByPlatformQuarter().keySet());
    byPlatformQuarter.forEach((p, quarters) -> {
      assertEquals(quarters.keySet(), ledger.spendRcByPlatformQuarter().get(p).keySet());
      quarters.forEach((q, v) -> assertMoney(v, ledger.spendRc(p, q), p + " " + q));
    });
  }

  @Test
  void ledgerRevenueAndCustomersEqualWhatIsRecomputedFromOrders() {
    Map<String, Map<String, BigDecimal>> revenue = new TreeMap<>();
    Map<String, Map<String, Long>> newCustomers = new TreeMap<>();
    Set<String> customers = new HashSet<>();
    for (NamedCsvRecord row : orders) {
      String channel = row.getField("acquisition_channel");
      String date = row.getField("order_date");
      revenue.computeIfAbsent(channel, k -> new TreeMap<>())
          .merge(quarter(date), rc(row.getField("amount"), row.getField("currency"), date), BigDecimal::add);
      // orders are sorted by date, so a customer's first row is their first order
      if (customers.add(row.getField("customer_id"))) {
        newCustomers.computeIfAbsent(channel, k -> new TreeMap<>()).merge(quarter(date), 1L, Long::sum);
      }
    }
    assertEquals(orders.size(), ledger.orderCount());
    assertEquals(customers.size(), ledger.customerCount());
    assertEquals(newCustomers, ledger.newCustomersByChannelQuarter());
    assertEquals(revenue.keySet(), ledger.revenueRcByChannelQuarter().keySet());
    BigDecimal total = BigDecimal.ZERO;
    for (var channel : revenue.entrySet()) {
      assertEquals(channel.getValue().keySet(), ledger.revenueRcByChannelQuarter().get(channel.getKey()).keySet());
      for (var q : channel.getValue().entrySet()) {
        assertMoney(q.getValue(), ledger.revenueRc(channel.getKey(), q.getKey()), channel.getKey() + " " + q.getKey());
        total = total.add(q.getValue());
      }
    }
    assertMoney(total, ledger.totalRevenueRc(), "total revenue");
  }

  @Test
  void ledgerBudgetsEqualBudgetsRecomputedFromTheFile() {
    Map<String, Map<String, BigDecimal>> byChannelQuarter = new TreeMap<>();
    for (NamedCsvRecord row : budgets) {
      assertEquals("USD", row.getField("currency"));
      String date = row.getField("month") + "-01";
      byChannelQuarter.computeIfAbsent(row.getField("channel"), k -> new TreeMap<>())
          .merge(quarter(date), rc(row.getField("amount"), "USD", date), BigDecimal::add);
    }
    assertEquals(byChannelQuarter.keySet(), ledger.budgetRcByChannelQuarter().keySet());
    byChannelQuarter.forEach((c, quarters) -> {
      assertEquals(quarters.keySet(), ledger.budgetRcByChannelQuarter().get(c).keySet());
      quarters.forEach((q, v) -> assertMoney(v, ledger.budgetRc(c, q), c + " " + q));
    });
  }

  @Test
  void budgetsHaveOneRowPerMonthAndPlatformIncludingTheRunningMonth() {
    assertEquals(25 * 4, budgets.size());
    Set<String> keys = new HashSet<>();
    for (NamedCsvRecord row : budgets) {
      assertTrue(row.getField("month").matches("20(24|25)-(0[1-9]|1[0-2])|2026-01"), row.getField("month"));
      assertTrue(PLATFORMS.contains(row.getField("channel")));
      assertTrue(row.getField("amount").matches("\\d+\\.\\d{2}"));
      assertTrue(keys.add(row.getField("month") + "/" + row.getField("channel")));
    }
    for (String platform : PLATFORMS) {
      BigDecimal spend = ledger.spendRc(platform);
      BigDecimal budget = BigDecimal.ZERO;
      for (int year = 2024; year <= 2025; year++) {
        for (int q = 1; q <= 4; q++) {
          budget = budget.add(ledger.budgetRc(platform, year + "-Q" + q));
        }
      }
      BigDecimal ratio = budget.divide(spend, 3, RoundingMode.HALF_UP);
      assertTrue(ratio.compareTo(new BigDecimal("0.9")) > 0 && ratio.compareTo(new BigDecimal("1.1")) < 0,
          platform + " budget/spend " + ratio);
    }
  }

  @Test
  void fxRatesCoverEveryDayWithFourDecimalsInABelievableBand() throws IOException {
    LocalDate first = LocalDate.of(2023, 12, 1);
    LocalDate last = LocalDate.of(2026, 1, 31);
    for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
      BigDecimal rate = eurRates.get(d);
      assertTrue(rate != null, "missing rate on " + d);
      assertEquals(4, rate.scale());
      assertTrue(rate.compareTo(new BigDecimal("1.05")) >= 0 && rate.compareTo(new BigDecimal("1.12")) <= 0, "" + rate);
    }
    assertEquals(first.datesUntil(last.plusDays(1)).count(), eurRates.size());
  }

  @Test
  void everyEurOrderAndSpendDateHasAnFxRate() {
    int eurSpend = 0;
    int eurOrders = 0;
    for (NamedCsvRecord row : adSpend) {
      if (row.getField("currency").equals("EUR")) {
        eurSpend++;
        assertTrue(eurRates.containsKey(LocalDate.parse(row.getField("date"))));
      }
    }
    for (NamedCsvRecord row : orders) {
      if (row.getField("currency").equals("EUR")) {
        eurOrders++;
        assertTrue(eurRates.containsKey(LocalDate.parse(row.getField("order_date"))));
      }
    }
    assertTrue(eurSpend > 0 && eurOrders > 0);
  }

  @Test
  void aboutTwentyThousandCustomersPlaceSixtyToEightyThousandOrders() {
    assertTrue(ledger.customerCount() > 19_000 && ledger.customerCount() < 21_000, "" + ledger.customerCount());
    assertTrue(ledger.orderCount() > 60_000 && ledger.orderCount() < 80_000, "" + ledger.orderCount());
    Map<String, Integer> ordersPerCustomer = new HashMap<>();
    for (NamedCsvRecord row : orders) {
      ordersPerCustomer.merge(row.getField("customer_id"), 1, Integer::sum);
    }
    long oneTime = ordersPerCustomer.values().stream().filter(n -> n == 1).count();
    long loyal = ordersPerCustomer.values().stream().filter(n -> n >= 10).count();
    assertTrue(oneTime > ledger.customerCount() / 4, "many one-time buyers: " + oneTime);
    assertTrue(loyal > 200, "some loyal customers: " + loyal);
  }

  @Test
  void eachCustomerHasOneCurrencyAndOneChannelAndAboutThirtyPercentPayInEur() {
    Map<String, String> profile = new HashMap<>();
    Set<String> orderIds = new HashSet<>();
    for (NamedCsvRecord row : orders) {
      assertTrue(row.getField("order_id").matches("O-\\d{6,}"));
      assertTrue(row.getField("customer_id").matches("C-\\d{5,}"));
      assertTrue(row.getField("amount").matches("\\d+\\.\\d{2}"));
      assertTrue(List.of("hardware", "software", "services").contains(row.getField("product_line")));
      assertTrue(orderIds.add(row.getField("order_id")), "order ids are unique");
      String traits = row.getField("currency") + "/" + row.getField("acquisition_channel");
      assertEquals(traits, profile.computeIfAbsent(row.getField("customer_id"), k -> traits));
    }
    long eur = profile.values().stream().filter(t -> t.startsWith("EUR/")).count();
    double share = (double) eur / profile.size();
    assertTrue(share > 0.27 && share < 0.33, "EUR customer share " + share);
  }

  @Test
  void someCampaignDaysAreSplitOverTwoRowsAndTheLedgerCountsThem() {
    Map<String, Integer> rowsPerKey = new HashMap<>();
    for (NamedCsvRecord row : adSpend) {
      rowsPerKey.merge(row.getField("date") + "/" + row.getField("platform") + "/"
          + row.getField("campaign_id"), 1, Integer::sum);
    }
    long split = rowsPerKey.values().stream().filter(n -> n == 2).count();
    assertTrue(rowsPerKey.values().stream().allMatch(n -> n <= 2));
    assertTrue(split > 0, "at least one split key");
    assertEquals(split, ledger.splitKeyCount());
    assertEquals(rowsPerKey.size() + split, ledger.adSpendRowCount());
  }

  @Test
  void campaignsLookLikeARealAccountStructure() {
    Map<String, String> nameById = new HashMap<>();
    Map<String, String> currencyByAccount = new HashMap<>();
    Set<String> zeroSpendKeys = new HashSet<>();
    for (NamedCsvRecord row : adSpend) {
      assertTrue(PLATFORMS.contains(row.getField("platform")));
      String id = row.getField("platform") + "/" + row.getField("campaign_id");
      assertEquals(row.getField("campaign_name"), nameById.computeIfAbsent(id, k -> row.getField("campaign_name")));
      String account = row.getField("platform") + "/" + row.getField("account_id");
      assertEquals(row.getField("currency"), currencyByAccount.computeIfAbsent(account, k -> row.getField("currency")));
      assertTrue(row.getField("spend").matches("\\d+\\.\\d{2}"));
      assertTrue(row.getField("impressions").matches("\\d+") && row.getField("clicks").matches("\\d+"));
      if (new BigDecimal(row.getField("spend")).signum() == 0) {
        zeroSpendKeys.add(id + "/" + row.getField("date"));
      }
    }
    assertTrue(nameById.size() >= 35 && nameById.size() <= 45, "campaigns " + nameById.size());
    assertTrue(currencyByAccount.containsValue("EUR"));
    assertTrue(currencyByAccount.size() >= 4 && currencyByAccount.size() <= 8);
    assertTrue(!zeroSpendKeys.isEmpty(), "a few zero-spend days");
    assertEquals("2024-01-01", adSpend.get(0).getField("date"));
    assertEquals("2025-12-31", googleAds.get(googleAds.size() - 1).getField("date"));
  }

  @Test
  void googleAdsSpendIsAManagerAccountsReportNamingBothClientAccounts() {
    Map<String, String> names = new TreeMap<>();
    for (NamedCsvRecord row : googleAds) {
      assertEquals(row.getField("account_name"), names.computeIfAbsent(row.getField("account_id"),
          k -> row.getField("account_name")), "one name per account");
    }
    assertEquals(Map.of("421-553-1908", "Demo Company - US", "421-553-2760", "Demo Company - EU"), names);
    assertTrue(adSpend.stream().filter(r -> r.getField("platform").equals("google_ads")).count() == googleAds.size(),
        "Google's spend is in its report only, never also in ad_spend.csv");
  }

  @Test
  void googleIsClearlyProfitableAndLinkedinClearlyIsNot() {
    BigDecimal google = ledger.revenueRc("google_ads").divide(ledger.spendRc("google_ads"), 2, RoundingMode.HALF_UP);
    BigDecimal linkedin = ledger.revenueRc("linkedin_ads").divide(ledger.spendRc("linkedin_ads"), 2, RoundingMode.HALF_UP);
    assertTrue(google.compareTo(new BigDecimal("2.5")) > 0, "google ROAS " + google);
    assertTrue(linkedin.compareTo(new BigDecimal("0.8")) < 0, "linkedin ROAS " + linkedin);
  }

  @Test
  void platformsClaimMoreConversionValueThanTheRevenueTheirCustomersBring() {
    BigDecimal adRevenue = BigDecimal.ZERO;
    for (String platform : PLATFORMS) {
      adRevenue = adRevenue.add(ledger.revenueRc(platform));
    }
    BigDecimal inflation = ledger.totalConversionValueRc().divide(adRevenue, 2, RoundingMode.HALF_UP);
    assertTrue(inflation.compareTo(new BigDecimal("1.2")) >= 0 && inflation.compareTo(new BigDecimal("1.6")) <= 0,
        "claimed / real " + inflation);
  }

  @Test
  void q4SpendExceedsQ3Spend() {
    for (String platform : PLATFORMS) {
      assertTrue(ledger.spendRc(platform, "2024-Q4").compareTo(ledger.spendRc(platform, "2024-Q3")) > 0, platform);
    }
  }
}
