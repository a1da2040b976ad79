package org.marketingsql.source.export;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One platform ad report as recognised from its first lines.
 *
 * @param format the platform that wrote it
 * @param frame where its table starts and ends
 * @param start the first day the report covers as its report lines state it, or null when they do not
 *     ({@code All time}, or a platform that does not write it); then the first day of its rows is used
 * @param end the last day, likewise
 */
public record AdReport(AdExportFormat format, Frame frame, LocalDate start, LocalDate end) {

  public AdReport {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(frame, "frame");
    if (start != null && end != null && end.isBefore(start)) {
      throw new IllegalArgumentException("report ends " + end + " before it starts " + start);
    }
  }
}
