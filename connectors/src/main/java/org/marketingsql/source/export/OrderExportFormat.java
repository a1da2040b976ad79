package org.marketingsql.source.export;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.marketingsql.source.ExportFormat;
import org.marketingsql.source.ExportLayout;

/**
 * A payment or CRM tool whose export is read into the order export layout (see {@link OrderExportReader}):
 * how to recognise its header and how a row becomes an order. One class per tool; the tool's descriptor
 * names it, and the registry's {@link ExportFormats} detect among them.
 */
public sealed interface OrderExportFormat extends ExportFormat permits StripePaymentsExport, ShopifyOrdersExport, HubSpotDealsExport {

  /** Stripe's payments export. */
  static OrderExportFormat stripePayments() {
    return new StripePaymentsExport();
  }

  /** Shopify's orders export. */
  static OrderExportFormat shopifyOrders() {
    return new ShopifyOrdersExport();
  }

  /** HubSpot's deals export. */
  static OrderExportFormat hubSpotDeals() {
    return new HubSpotDealsExport();
  }

  /** As written in the config and in the table's export_format column, e.g. {@code stripe}. */
  @Override
  String name();

  /** For messages, e.g. {@code Stripe payments}. */
  @Override
  String label();

  @Override
  default ExportLayout layout() {
    return OrderExportReader.LAYOUT;
  }

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
