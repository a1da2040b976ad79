package org.marketingsql.source.export;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A payment or CRM tool whose export is read into the orders layout (see {@link OrderExportReader}): how to
 * recognise its header and how a row becomes an order. One class per tool.
 */
public sealed interface OrderExportFormat permits StripePaymentsExport, ShopifyOrdersExport, HubSpotDealsExport {

  static List<OrderExportFormat> all() {
    return List.of(new StripePaymentsExport(), new ShopifyOrdersExport(), new HubSpotDealsExport());
  }

  /**
   * The tool whose export has this header, or null for any other file.
   *
   * @param configured the source's {@code format} setting, or null to detect; ad platform names and
   *     {@code csv} give null here
   * @throws ExportException when the setting names no known format
   */
  static OrderExportFormat detect(Path file, List<String> header, String configured) throws ExportException {
    List<String> keys = header.stream().map(AdColumns::key).toList();
    if (configured == null || configured.isBlank()) {
      return all().stream().filter(f -> f.recognises(keys)).findFirst().orElse(null);
    }
    String wanted = configured.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    for (OrderExportFormat format : all()) {
      if (format.name().equals(wanted)) {
        return format;
      }
    }
    boolean known = wanted.equals("csv") || AdExportFormat.all().stream().anyMatch(f -> f.platform().equals(wanted));
    if (!known) {
      throw ExportException.ofFile(file, "the source's format '" + configured + "' is none of csv, "
          + String.join(", ", AdExportFormat.all().stream().map(f -> f.platform().replace('_', '-')).toList()) + ", "
          + String.join(", ", all().stream().map(f -> f.name().replace('_', '-')).toList()), null);
    }
    return null;
  }

  /** As written in the config and in the table's export_format column, e.g. {@code stripe}. */
  String name();

  /** For messages, e.g. {@code Stripe payments}. */
  String label();

  /** Whether a header (as {@link AdColumns#key} keys) is this tool's export. */
  boolean recognises(List<String> keys);

  /**
   * Prepares the reading of rows with this header.
   *
   * @throws ExportException when the header is this tool's but lacks a column an order needs
   */
  Rows rows(Path file, List<String> header) throws ExportException;

  /** Turns rows of one header into orders. */
  interface Rows {
    /** The header positions the orders are made of; the others are kept as text. */
    Set<Integer> mapped();

    /** The header cell an order field came from, for messages: {@code date}, {@code gross}, {@code refunded}. */
    String column(String field);

    /** The order in a row (cells as text, null when empty), or null when the row is not an order. */
    OrderFields order(Object[] cells);

    /** The touch data of an order's row, for attribution; none unless the tool's export carries it. */
    default TouchFields touch(Object[] cells) {
      return TouchFields.NONE;
    }
  }

  /** The position of the first of {@code names} in {@code header}, or -1. */
  static int find(List<String> header, String... names) {
    List<String> keys = header.stream().map(AdColumns::key).toList();
    for (String name : names) {
      int at = keys.indexOf(AdColumns.key(name));
      if (at >= 0) {
        return at;
      }
    }
    return -1;
  }

  /** Refuses a header that is this tool's but lacks a needed column. */
  static int require(Path file, String label, List<String> header, String... names) throws ExportException {
    int at = find(header, names);
    if (at < 0) {
      throw ExportException.ofFile(file, "looks like a " + label + " export but lacks column " + names[0]
          + "; add it to the export and download it again", null);
    }
    return at;
  }

  /** The trimmed text of a cell, null when empty or absent. */
  static String cell(Object[] cells, int at) {
    if (at < 0 || cells[at] == null) {
      return null;
    }
    String text = cells[at].toString().trim();
    return text.isEmpty() ? null : text;
  }
}
