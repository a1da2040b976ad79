package org.marketingsql.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** What the finance.conversions_daily tests ask of every platform: rows as text, and the primary actions' sums. */
final class ConversionsQueries {
  /**
   * Per platform, day and campaign with primary conversions: the primary actions' conversions and value in the
   * reporting currency.
   */
  static final String PRIMARY_BY_CAMPAIGN_DAY = "SELECT platform, CAST(date_day AS VARCHAR), campaign_id,"
      + " SUM(conversions), SUM(COALESCE(conversions_value_rc, 0)) FROM finance.conversions_daily WHERE is_primary"
      + " GROUP BY 1, 2, 3 HAVING SUM(conversions) > 0 ORDER BY 1, 2, 3";
  /** The same from finance.ad_spend_daily, the conversions the platforms count in their campaign reports. */
  static final String AD_SPEND_BY_CAMPAIGN_DAY = "SELECT platform, CAST(date_day AS VARCHAR), campaign_id,"
      + " conversions, conversions_value_rc FROM finance.ad_spend_daily WHERE conversions > 0 ORDER BY 1, 2, 3";

  private ConversionsQueries() {
  }

  /** The query's rows on a new connection to {@code url}, each as its values joined by {@code " | "}. */
  static List<String> rows(String url, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.append(i == 1 ? "" : " | ").append(rs.getString(i));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }
}
