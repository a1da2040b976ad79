package org.marketingsql.source;

/**
 * A tool's export file that an export folder recognises and reads into a fixed layout (an ad
 * platform's report, a payment tool's export). A source's descriptor names the formats of its tool.
 */
public interface ExportFormat {
  /** As the {@code format} setting names it, e.g. {@code google-ads} or {@code stripe}. */
  String name();

  /** For people, e.g. {@code Google Ads}. */
  String label();

  /** The columns its files load with. */
  ExportLayout layout();
}
