package org.marketingsql.source.export;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Shopify's orders export (Orders → Export): one row per line item; the order's own columns
 * ({@code Financial Status}, {@code Currency}, {@code Total}, {@code Created at}) are filled on its first
 * row only, so the other rows of an order are line items, not orders. {@code Refunded Amount} reduces the
 * order's revenue; an order with {@code Cancelled at} (or voided) brings none. The order id is Shopify's
 * {@code Id} when exported (unique across shops), else the order's {@code Name}, which stays a column. When the
 * export has {@code Landing Site} and {@code Referring Site}, their {@code utm_*} parameters and the referrer's
 * name are the order's touch data ({@link TouchFields#of}).
 */
final class ShopifyOrdersExport implements OrderExportFormat {

  @Override
  public String name() {
    return "shopify";
  }

  @Override
  public String label() {
    return "Shopify orders";
  }

  @Override
  public boolean recognises(List<String> keys) {
    return keys.contains("financialstatus") && (keys.contains("lineitemname") || keys.contains("lineitemquantity"));
  }

  @Override
  public Rows rows(Path file, List<String> header) throws ExportException {
    int name = OrderExportFormat.require(file, label(), header, "Name");
    int created = OrderExportFormat.require(file, label(), header, "Created at");
    int total = OrderExportFormat.require(file, label(), header, "Total");
    int currency = OrderExportFormat.require(file, label(), header, "Currency");
    int status = OrderExportFormat.require(file, label(), header, "Financial Status");
    int refunded = OrderExportFormat.find(header, "Refunded Amount");
    int cancelled = OrderExportFormat.find(header, "Cancelled at");
    int email = OrderExportFormat.find(header, "Email");
    // Id is unique across shops, Name (#1001) only within one: two shops' exports in a folder must not merge
    int id = OrderExportFormat.find(header, "Id");
    int landing = OrderExportFormat.find(header, "Landing Site");
    int referring = OrderExportFormat.find(header, "Referring Site");
    return new Rows() {
      @Override
      public Set<Integer> mapped() {
        Set<Integer> mapped = new HashSet<>(List.of(created, total, currency));
        if (refunded >= 0) {
          mapped.add(refunded);
        }
        return mapped;
      }

      @Override
      public String column(String field) {
        return header.get(switch (field) {
          case "date" -> created;
          case "gross" -> total;
          default -> refunded;
        });
      }

      @Override
      public OrderFields order(Object[] cells) {
        String financial = OrderExportFormat.cell(cells, status);
        if (financial == null && OrderExportFormat.cell(cells, total) == null) {
          return null; // a further line item of the order above
        }
        boolean voided = "voided".equalsIgnoreCase(financial) || OrderExportFormat.cell(cells, cancelled) != null;
        String orderId = OrderExportFormat.cell(cells, id);
        return new OrderFields(orderId != null ? orderId : OrderExportFormat.cell(cells, name),
            OrderExportFormat.cell(cells, email),
            OrderExportFormat.cell(cells, created), OrderExportFormat.cell(cells, total),
            OrderExportFormat.cell(cells, refunded), OrderExportFormat.cell(cells, currency), financial, voided);
      }

      @Override
      public TouchFields touch(Object[] cells) {
        return TouchFields.of(OrderExportFormat.cell(cells, landing), OrderExportFormat.cell(cells, referring));
      }
    };
  }
}
