package org.marketingsql.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The main job on the bundled demo company: channel ROI and budget variance for the last complete
 * fiscal quarter that has data.
 */
@Command(name = "demo", description = "Channel ROI and budget variance of the demo company's last complete quarter.")
final class DemoCommand implements Callable<Integer> {
  @Option(names = "--format", defaultValue = "table", description = "csv, table or json (default: ${DEFAULT-VALUE})")
  ResultPrinter.Format format;

  @Override
  public Integer call() {
    try (Connection connection = DriverManager.getConnection("jdbc:marketing:demo")) {
      // Inlined, not bound: Calcite cannot implement a ? compared with a function's result here.
      String quarter = LastCompleteQuarter.of(connection);
      if (!quarter.matches("\\d{4}-Q[1-4]")) {
        throw new IllegalStateException("unexpected fiscal quarter " + quarter);
      }
      System.out.println("Channel ROI, fiscal quarter " + quarter + " (reporting currency USD)");
      try (PreparedStatement roi = connection.prepareStatement("""
          SELECT channel, SUM(spend_rc) AS spend_rc, SUM(attributed_revenue_rc) AS attributed_revenue_rc,
            ROI(SUM(gross_margin_rc), SUM(spend_rc)) AS roi, ROAS(SUM(attributed_revenue_rc), SUM(spend_rc)) AS roas
          FROM finance.channel_roi WHERE fiscal_quarter = '%s'
          GROUP BY channel ORDER BY 2 DESC, 1""".formatted(quarter))) {
        try (ResultSet rs = roi.executeQuery()) {
          ResultPrinter.print(rs, format, System.out);
        }
      }
      System.out.println();
      System.out.println("Budget vs actual, fiscal quarter " + quarter + " (positive variance = over budget)");
      try (PreparedStatement budget = connection.prepareStatement("""
          SELECT channel, SUM(budget_rc) AS budget_rc, SUM(actual_rc) AS actual_rc, SUM(variance_rc) AS variance_rc,
            DIVIDE(SUM(variance_rc), SUM(budget_rc)) AS variance_pct
          FROM finance.budget_vs_actual WHERE fiscal_quarter = '%s'
          GROUP BY channel ORDER BY channel""".formatted(quarter))) {
        try (ResultSet rs = budget.executeQuery()) {
          ResultPrinter.print(rs, format, System.out);
        }
      }
      System.out.flush();
      renderQuarterlyReport(quarter);
      return 0;
    } catch (SQLException e) {
      System.err.println("marketing-sql: " + Errors.describe(e));
      return 1;
    } catch (Exception e) {
      System.err.println("marketing-sql: " + e);
      return 1;
    }
  }

  /**
   * Renders the quarterly ROI report of the same quarter as PDF into the data folder and says where;
   * a report that fails is reported, and the tables above still stand.
   */
  private static void renderQuarterlyReport(String quarter) throws IOException {
    Path file = org.marketingsql.config.Locations.dataDir().resolve("reports")
        .resolve("quarterly-roi-" + quarter + ".pdf");
    System.err.println("marketing-sql: rendering the quarterly ROI report (BIRT) ...");
    byte[] pdf = new org.marketingsql.reports.ReportRenderer("jdbc:marketing:demo").render(
        org.marketingsql.reports.ReportDesigns.find("quarterly-roi"),
        Map.of("quarter", quarter, "company", "Demo Company"), org.marketingsql.reports.ReportFormat.PDF);
    ReportCommand.write(file, pdf);
    System.out.println();
    System.out.println("Quarterly ROI report (PDF): " + file);
  }

  /** The last fiscal quarter whose last day is on or before the last day with ad spend. */
  static final class LastCompleteQuarter {
    private LastCompleteQuarter() {
    }

    static String of(Connection connection) throws SQLException {
      LocalDate last;
      try (var s = connection.createStatement();
          ResultSet rs = s.executeQuery("SELECT MAX(date_day) FROM finance.ad_spend_daily")) {
        rs.next();
        Date max = rs.getDate(1);
        if (max == null) {
          throw new SQLException("there is no ad spend yet, so there is no complete quarter to report", "02000");
        }
        last = max.toLocalDate();
      }
      String quarter = quarter(connection, last);
      if (!quarter(connection, last.plusDays(1)).equals(quarter)) {
        return quarter; // the data ends on the quarter's last day
      }
      LocalDate day = last;
      while (quarter(connection, day).equals(quarter)) {
        day = day.withDayOfMonth(1).minusDays(1);
      }
      return quarter(connection, day);
    }

    private static String quarter(Connection connection, LocalDate day) throws SQLException {
      try (var s = connection.createStatement();
          ResultSet rs = s.executeQuery("SELECT FISCAL_QUARTER(DATE '" + day + "')")) {
        rs.next();
        return rs.getString(1);
      }
    }
  }
}
