package org.marketingsql.source.export;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * Where the table sits inside an export file whose platform writes more than a table: report lines
 * before the header (Google Ads' title and date range, Microsoft Advertising's {@code Report Name:}
 * block) and lines after the rows (Google Ads' {@code Total:} rows, Microsoft's copyright line).
 *
 * @param headerLine the 1-based physical line of the header; 1 when the file starts with it (blank
 *     lines before it are skipped either way)
 * @param footer true for the first cell of a record that starts the footer: it and every record after
 *     it are not rows; a record after the footer that is not footer too is an error, so a misplaced
 *     data row is never dropped silently
 * @param camelCaseHeader whether the header is written in PascalCase ({@code CampaignName}), whose word
 *     boundaries then become underscores ({@code campaign_name}) as in every other column name
 */
public record Frame(long headerLine, Predicate<String> footer, boolean camelCaseHeader) {

  /** A plain CSV: the header is the first non-blank line and every later line is a row. */
  public static final Frame PLAIN = new Frame(1, cell -> false, false);

  public Frame {
    if (headerLine < 1) {
      throw new IllegalArgumentException("headerLine is 1-based, was " + headerLine);
    }
    Objects.requireNonNull(footer, "footer");
  }
}
