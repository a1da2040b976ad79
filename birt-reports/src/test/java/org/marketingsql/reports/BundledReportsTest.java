package org.marketingsql.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.marketingsql.testing.Tools.require;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Renders every bundled report in every format from the demo company and checks the documents
 * against the same figures read through the driver. Page 1 of each PDF is kept as a PNG under
 * {@code target/report-pages/} for a person to look at.
 */
@org.junit.jupiter.api.extension.ExtendWith(org.marketingsql.testing.SharedDemoHome.class)
class BundledReportsTest {
  private static final String URL = "jdbc:marketing:demo";
  private static final ReportRenderer RENDERER = new ReportRenderer(URL);
  private static final Path OUT = Path.of("target/report-pages");
  private static final Map<String, String> PDF_TEXTS = new HashMap<>();

  @BeforeAll
  static void pagesFolder() throws Exception {
    Files.createDirectories(OUT);
  }

  static Stream<Arguments> everyReportInEveryFormat() {
    List<Arguments> all = new ArrayList<>();
    for (String name : ReportDesigns.bundled()) {
      for (ReportFormat format : ReportFormat.values()) {
        all.add(Arguments.of(name, format));
      }
    }
    return all.stream();
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("everyReportInEveryFormat")
  void everyBundledReportRendersInEveryFormatWithItsDefaults(String name, ReportFormat format) throws Exception {
    byte[] document = RENDERER.render(ReportDesigns.find(name), Map.of(), format);
    Files.write(OUT.resolve(name + "." + format.extension()), document);
    String start = new String(document, 0, Math.min(document.length, 512), StandardCharsets.ISO_8859_1);
    switch (format) {
      case PDF -> assertTrue(start.startsWith("%PDF"), name);
      case HTML -> assertTrue(start.toLowerCase(Locale.ROOT).contains("<html"), name);
      case XLSX, DOCX -> assertTrue(start.startsWith("PK"), name + " is not a zip (OOXML) file");
    }
    if (format == ReportFormat.PDF) {
      String text = pdfText(document);
      assertFalse(text.isBlank(), name);
      String asOf = dataAsOf();
      assertTrue(text.lines().limit(8).anyMatch(l -> l.strip().replaceAll("\\s+", " ").equals(asOf)),
          name + "'s header says '" + asOf + "':\n" + text.lines().limit(8).toList());
      keepFirstPageAsPng(name);
    }
    if (format == ReportFormat.HTML) {
      String text = new String(document, StandardCharsets.UTF_8).replaceAll("<[^>]*>", "");
      assertTrue(text.contains(dataAsOf()), name + "'s header says '" + dataAsOf() + "'");
    }
  }

  /**
   * The line every report's header carries: {@code data as of} the time the snapshot it read was published,
   * to the minute, in UTC, as the driver gives it in {@code finance.data_freshness}.
   */
  private static String dataAsOf() throws Exception {
    try (Connection c = DriverManager.getConnection(URL);
        PreparedStatement s = c.prepareStatement("SELECT MAX(snapshot_at) FROM finance.data_freshness");
        ResultSet rs = s.executeQuery()) {
      rs.next();
      Instant published = rs.getTimestamp(1, Calendar.getInstance(TimeZone.getTimeZone("UTC"))).toInstant();
      return "data as of " + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC).format(published)
          + " UTC";
    }
  }

  @Test
  void theQuarterlyReportsChannelTableShowsTheDriversFiguresToTheCent() throws Exception {
    String text = pdfOf("quarterly-roi", Map.of("quarter", "2025-Q3"));
    assertTrue(text.contains("2025-Q3"), "the header names the quarter asked for");
    try (Connection c = DriverManager.getConnection(URL);
        PreparedStatement s = c.prepareStatement("SELECT channel, SUM(spend_rc), SUM(attributed_revenue_rc)"
            + " FROM finance.channel_roi WHERE fiscal_quarter = '2025-Q3' GROUP BY channel")) {
      try (ResultSet rs = s.executeQuery()) {
        int channels = 0;
        while (rs.next()) {
          channels++;
          String line = lineOf(text, rs.getString(1));
          assertTrue(line.contains(money(rs.getBigDecimal(2))), line + " lacks spend " + rs.getBigDecimal(2));
          assertTrue(line.contains(money(rs.getBigDecimal(3))), line + " lacks revenue " + rs.getBigDecimal(3));
        }
        assertTrue(channels >= 4, "the demo has four ad platforms and more channels");
      }
    }
  }

  @Test
  void theQuarterlyReportRanksCampaignsByRoasOnTheRevenueTheAttributionModelCreditsThem() throws Exception {
    String text = pdfOf("quarterly-roi", Map.of("quarter", "2025-Q3"));
    assertTrue(text.replaceAll("\\s+", " ").contains("Ranked by ROAS on attributed revenue"), "the report says how it ranks");
    List<CampaignRow> campaigns = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(URL);
        PreparedStatement s = c.prepareStatement("SELECT platform, campaign_id, MAX(campaign_name), SUM(spend_rc),"
            + " SUM(attributed_revenue_rc) FROM finance.campaign_roi WHERE FISCAL_QUARTER(month_start) = '2025-Q3'"
            + " GROUP BY platform, campaign_id");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        if (rs.getBigDecimal(4).signum() > 0) {
          campaigns.add(new CampaignRow(rs.getString(1), rs.getString(3), rs.getBigDecimal(4), rs.getBigDecimal(5)));
        }
      }
    }
    assertTrue(campaigns.size() > 20, "the demo runs more than 20 campaigns in a quarter: " + campaigns.size());
    Comparator<CampaignRow> bySpendThenName = Comparator.comparing(CampaignRow::spend).reversed()
        .thenComparing(CampaignRow::name);
    List<String> top = campaigns.stream().sorted(Comparator.comparing(CampaignRow::roas).reversed()
        .thenComparing(bySpendThenName)).limit(10).map(CampaignRow::line).toList();
    List<String> bottom = campaigns.stream().sorted(Comparator.comparing(CampaignRow::roas)
        .thenComparing(bySpendThenName)).limit(10).map(CampaignRow::line).toList();
    assertEquals(top, campaignLines(text, "Top 10 campaigns", "Bottom 10 campaigns"));
    assertEquals(bottom, campaignLines(text, "Bottom 10 campaigns", "Appendix"));
  }

  /** One campaign's quarter as the ranking tables print it: platform, name, spend, attributed revenue, ROAS. */
  private record CampaignRow(String platform, String name, BigDecimal spend, BigDecimal revenue) {
    BigDecimal roas() {
      return revenue.divide(spend, 6, RoundingMode.HALF_EVEN);
    }

    String line() {
      return platform + " " + name + " " + money(spend) + " " + money(revenue) + " "
          + roas().setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }
  }

  private static List<String> campaignLines(String text, String from, String to) {
    String section = text.substring(text.indexOf(from), text.indexOf(to, text.indexOf(from)));
    return section.lines().map(l -> l.strip().replaceAll("\\s+", " "))
        .filter(l -> List.of("google_ads ", "meta_ads ", "linkedin_ads ", "microsoft_ads ").stream().anyMatch(l::startsWith))
        .toList();
  }

  @Test
  void theQuarterlyReportShowsHowMuchOfTheQuartersRevenueIsUnattributedAndCreditedToCampaigns() throws Exception {
    String text = pdfOf("quarterly-roi", Map.of("quarter", "2025-Q3"));
    assertCoverage(text, "FISCAL_QUARTER(month_start) = '2025-Q3'", "");
  }

  @Test
  void theAnnualReviewShowsHowMuchOfTheYearsRevenueIsUnattributedAndCreditedToCampaigns() throws Exception {
    String text = pdfOf("annual-budget-review", Map.of("fiscal_year", "2025"));
    assertCoverage(text, "FISCAL_YEAR(month_start) = 2025", "Fiscal year 2025 ");
    assertCoverage(text, "FISCAL_YEAR(month_start) = 2024", "Previous year ");
  }

  /** The coverage table's line for the period: orders, revenue, unattributed and campaign revenue to the cent. */
  private static void assertCoverage(String text, String period, String label) throws Exception {
    try (Connection c = DriverManager.getConnection(URL);
        PreparedStatement s = c.prepareStatement("SELECT SUM(orders), SUM(revenue_rc), SUM(unattributed_rc),"
            + " SUM(campaign_attributed_rc) FROM finance.attribution_coverage WHERE " + period);
        ResultSet rs = s.executeQuery()) {
      rs.next();
      BigDecimal revenue = rs.getBigDecimal(2);
      BigDecimal campaigns = rs.getBigDecimal(4);
      assertTrue(campaigns.signum() > 0 && campaigns.compareTo(revenue) < 0, "the demo credits part of it to campaigns");
      String expected = label + String.format(Locale.US, "%,d", rs.getLong(1)) + " " + money(revenue) + " "
          + money(rs.getBigDecimal(3)) + " " + percent(rs.getBigDecimal(3), revenue) + " " + money(campaigns) + " "
          + percent(campaigns, revenue);
      assertTrue(text.lines().map(l -> l.strip().replaceAll("\\s+", " ")).anyMatch(expected::equals),
          "a coverage line '" + expected + "' in\n" + text);
    }
  }

  private static String percent(BigDecimal part, BigDecimal whole) {
    return part.divide(whole, 6, RoundingMode.HALF_EVEN).movePointRight(2).setScale(1, RoundingMode.HALF_EVEN)
        .toPlainString() + "%";
  }

  @Test
  void theAnnualReviewShowsTheYearsBudgetAndSpendToTheCent() throws Exception {
    String text = pdfOf("annual-budget-review", Map.of("fiscal_year", "2025"));
    String line = lineOf(text, "Fiscal year 2025");
    assertTrue(line.contains(money(one("SELECT SUM(budget_rc) FROM finance.budget_vs_actual WHERE fiscal_year = 2025"))), line);
    assertTrue(line.contains(money(one("SELECT SUM(spend_rc) FROM finance.channel_roi WHERE fiscal_year = 2025"))), line);
  }

  @Test
  void theWeeklyReportShowsEachPlatformsSpendOfTheWeekToTheCent() throws Exception {
    String text = pdfText(RENDERER.render(ReportDesigns.find("weekly-cash-and-pacing"), Map.of("week_ending", "2025-12-28"),
        ReportFormat.PDF));
    assertTrue(text.contains("2025-12-22 to 2025-12-28"), "the header names the week");
    for (String platform : List.of("google_ads", "meta_ads", "linkedin_ads", "microsoft_ads")) {
      BigDecimal week = one("SELECT SUM(spend_rc) FROM finance.ad_spend_daily WHERE platform = '" + platform
          + "' AND date_day BETWEEN DATE '2025-12-22' AND DATE '2025-12-28'");
      assertTrue(lineOf(text, platform).contains(money(week)), platform + " " + week + " in\n" + text);
    }
  }

  @Test
  void theNpsReportShowsEachMonthsScoreFromTheView() throws Exception {
    String text = pdfText(RENDERER.render(ReportDesigns.find("nps-and-loyalty"), Map.of("months_from", "2025-12"),
        ReportFormat.PDF));
    try (Connection c = DriverManager.getConnection(URL);
        PreparedStatement s = c.prepareStatement(
            "SELECT segment, responses, nps FROM finance.nps WHERE month_start = DATE '2025-12-01'");
        ResultSet rs = s.executeQuery()) {
      int segments = 0;
      while (rs.next()) {
        segments++;
        String line = lineOf(text, "2025-12 " + rs.getString(1)).replaceAll("\\s+", " ");
        String nps = rs.getBigDecimal(3).setScale(1, RoundingMode.HALF_EVEN).toPlainString();
        assertTrue(line.contains(" " + rs.getInt(2) + " ") && line.endsWith(" " + nps), line + " vs " + nps);
      }
      assertEquals(3, segments, "the demo survey has three segments");
    }
  }

  private static BigDecimal one(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(URL); PreparedStatement s = c.prepareStatement(sql);
        ResultSet rs = s.executeQuery()) {
      rs.next();
      return rs.getBigDecimal(1);
    }
  }

  @Test
  void theQuarterlyReportInExcelKeepsMoneyAsNumbers() throws Exception {
    byte[] xlsx = RENDERER.render(ReportDesigns.find("quarterly-roi"), Map.of("quarter", "2025-Q3"), ReportFormat.XLSX);
    BigDecimal spend;
    try (Connection c = DriverManager.getConnection(URL);
        PreparedStatement s = c.prepareStatement(
            "SELECT SUM(spend_rc) FROM finance.channel_roi WHERE fiscal_quarter = '2025-Q3' AND channel = 'google_ads'");
        ResultSet rs = s.executeQuery()) {
      rs.next();
      spend = rs.getBigDecimal(1);
    }
    boolean found = false;
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      for (Sheet sheet : book) {
        for (Row row : sheet) {
          Cell first = row.getCell(row.getFirstCellNum() < 0 ? 0 : row.getFirstCellNum());
          if (first != null && first.getCellType() == CellType.STRING && first.getStringCellValue().equals("google_ads")
              && row.getLastCellNum() > first.getColumnIndex() + 1) {
            Cell next = row.getCell(first.getColumnIndex() + 1);
            if (next != null && next.getCellType() == CellType.NUMERIC) {
              assertEquals(0, BigDecimal.valueOf(next.getNumericCellValue()).setScale(2, RoundingMode.HALF_UP)
                  .compareTo(spend.setScale(2, RoundingMode.HALF_UP)), "google_ads spend");
              found = true;
            }
          }
        }
      }
    }
    assertTrue(found, "a numeric google_ads spend cell in the channel table");
  }

  private static String money(BigDecimal value) {
    DecimalFormat f = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.US));
    f.setRoundingMode(RoundingMode.HALF_EVEN);
    return f.format(value);
  }

  private static String lineOf(String text, String start) {
    return text.lines().map(l -> l.strip().replaceAll("\\s+", " ")).filter(l -> l.startsWith(start + " ")).findFirst()
        .orElseThrow(() -> new AssertionError("no line for " + start + " in\n" + text));
  }

  /**
   * The text of a report's PDF with these parameters, rendered once for the class: the tests that read the same
   * document (the quarterly report of 2025-Q3, the annual review of 2025) check it each for their own figures.
   */
  private static String pdfOf(String name, Map<String, String> parameters) throws Exception {
    String key = name + new TreeMap<>(parameters);
    synchronized (PDF_TEXTS) {
      String text = PDF_TEXTS.get(key);
      if (text == null) {
        text = pdfText(RENDERER.render(ReportDesigns.find(name), parameters, ReportFormat.PDF));
        PDF_TEXTS.put(key, text);
      }
      return text;
    }
  }

  static String pdfText(byte[] pdf) throws Exception {
    require(onPath("pdftotext"), "pdftotext (Debian's poppler-utils) is not installed; .ci/run installs it");
    Path file = Files.createTempFile("report-", ".pdf");
    try {
      Files.write(file, pdf);
      Process p = new ProcessBuilder("pdftotext", "-layout", file.toString(), "-").redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "pdftotext failed: " + text);
      return text;
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static void keepFirstPageAsPng(String name) throws Exception {
    if (!onPath("pdftoppm")) {
      return;
    }
    Process p = new ProcessBuilder("pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile",
        OUT.resolve(name + ".pdf").toString(), OUT.resolve(name).toString()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "pdftoppm failed: " + output);
  }

  private static boolean onPath(String command) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .anyMatch(dir -> Files.isExecutable(Path.of(dir, command)));
  }
}
