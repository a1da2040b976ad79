package org.marketingsql.reports;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The formats a report renders to, with the BIRT emitter each uses. */
public enum ReportFormat {
  PDF("pdf", "application/pdf"),
  HTML("html", "text/html; charset=UTF-8"),
  XLSX("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
  DOCX("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

  private final String extension;
  private final String mediaType;

  ReportFormat(String extension, String mediaType) {
    this.extension = extension;
    this.mediaType = mediaType;
  }

  /** The file extension, also BIRT's output format name. */
  public String extension() {
    return extension;
  }

  /** The HTTP content type. */
  public String mediaType() {
    return mediaType;
  }

  /**
   * The format a user named, case-insensitively.
   *
   * @throws IllegalArgumentException naming the formats there are
   */
  public static ReportFormat of(String name) {
    return Arrays.stream(values()).filter(f -> f.extension.equalsIgnoreCase(name.trim())).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown report format '" + name + "'; use one of "
            + Arrays.stream(values()).map(f -> f.extension).collect(Collectors.joining(", "))));
  }

  @Override
  public String toString() {
    return extension.toLowerCase(Locale.ROOT);
  }
}
