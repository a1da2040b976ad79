package org.marketingsql.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Plain CSV output for the demo files. Every value we write is a number, an ISO date or a name
 * we chose ourselves (checked to need no quoting), so a hand-rolled writer is enough and keeps
 * the bytes fully under our control: UTF-8 without BOM, {@code \n} line ends whatever the OS,
 * and number formatting that never consults the default locale.
 */
final class Csv {
  static final String AD_SPEND_FILE = "ad_spend.csv";
  static final String GOOGLE_ADS_FILE = "google_ads_campaign_report.csv";
  static final String GOOGLE_CONVERSIONS_FILE = "google_ads_conversions_by_action.csv";
  static final String ORDERS_FILE = "orders.csv";
  static final String BUDGETS_FILE = "budgets.csv";
  static final String FX_RATES_FILE = "fx_rates.csv";

  static final String AD_SPEND_HEADER =
      "date,platform,account_id,campaign_id,campaign_name,impressions,clicks,spend,currency,"
          + "conversions,conversion_value";
  static final String ORDERS_HEADER =
      "order_id,customer_id,order_date,amount,currency,acquisition_channel,product_line,utm_source,utm_medium,utm_campaign";
  static final String BUDGETS_HEADER = "month,channel,amount,currency";
  static final String FX_RATES_HEADER = "date,currency,rate_to_reporting";

  private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L};

  private Csv() {}

  static BufferedWriter open(Path file) throws IOException {
    return Files.newBufferedWriter(file, StandardCharsets.UTF_8);
  }

  /** Appends {@code units / 10^scale} with exactly {@code scale} decimals, e.g. (12345, 2) → 123.45. */
  static StringBuilder decimal(StringBuilder out, long units, int scale) {
    if (scale < 0 || scale >= POW10.length) {
      throw new IllegalArgumentException("unsupported scale " + scale);
    }
    if (units < 0) {
      out.append('-');
      units = -units;
    }
    long pow = POW10[scale];
    out.append(units / pow);
    if (scale > 0) {
      out.append('.');
      long fraction = units % pow;
      for (long p = pow / 10; p > 1 && fraction < p; p /= 10) {
        out.append('0');
      }
      out.append(fraction);
    }
    return out;
  }

  /** Rejects text that would need CSV quoting; our names are fixed, so this is a programming error. */
  static String plain(String text) {
    if (text == null || text.isEmpty()) {
      throw new IllegalArgumentException("CSV text must not be empty");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        throw new IllegalArgumentException("CSV text needs quoting: " + text);
      }
    }
    return text;
  }
}
