package org.marketingsql.cli;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Rewrites the bench's ad spend file as a Google Ads UI campaign report (title and range lines,
 * platform column names, cost and impressions quoted with thousands separators, a trailing
 * Total row), so the bench measures the platform reader on the same rows.
 */
final class GoogleAdsReport {
  private GoogleAdsReport() {
  }

  static void write(Path adSpend, Path report) throws IOException {
    try (BufferedReader in = Files.newBufferedReader(adSpend, StandardCharsets.UTF_8);
        BufferedWriter out = Files.newBufferedWriter(report, StandardCharsets.UTF_8)) {
      out.write("Campaign report\nJanuary 1, 2024 - December 31, 2025\n");
      out.write("Campaign,Campaign ID,Day,Currency code,Cost,Clicks,Impr.,CTR,Conversions,Conv. value\n");
      in.readLine();
      StringBuilder row = new StringBuilder(160);
      for (String line; (line = in.readLine()) != null; ) {
        // date,platform,account_id,campaign_id,campaign_name,impressions,clicks,spend,currency,conversions,conversion_value
        String[] f = line.split(",", -1);
        row.setLength(0);
        row.append(f[4]).append(',').append(f[3]).append(',').append(f[0]).append(',').append(f[8]).append(",\"")
            .append(thousands(f[7])).append("\",").append(f[6]).append(",\"").append(thousands(f[5]))
            .append("\",1.00%,").append(f[9]).append(',').append(f[10]).append('\n');
        out.append(row);
      }
      out.write("Total: Account,,,,,,,,,\n");
    }
  }

  /** 1234567.89 → 1,234,567.89 */
  static String thousands(String number) {
    int dot = number.indexOf('.');
    String whole = dot < 0 ? number : number.substring(0, dot);
    StringBuilder grouped = new StringBuilder();
    for (int i = 0; i < whole.length(); i++) {
      if (i > 0 && (whole.length() - i) % 3 == 0) {
        grouped.append(',');
      }
      grouped.append(whole.charAt(i));
    }
    return dot < 0 ? grouped.toString() : grouped + number.substring(dot);
  }
}
