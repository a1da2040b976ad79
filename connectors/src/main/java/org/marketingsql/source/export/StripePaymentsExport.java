package org.marketingsql.source.export;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Stripe's payments export (Dashboard → Payments → Export): one row per charge, {@code id},
 * {@code Created date (UTC)}, {@code Amount} and (when exported) {@code Amount Refunded} in major units, lower-case
 * {@code Currency}, {@code Status}. Failed, uncaptured and canceled charges took no money and are not
 * orders; a refund reduces the order's revenue.
 */
final class StripePaymentsExport implements OrderExportFormat {

  private static final Set<String> NOT_PAID = Set.of("failed", "canceled", "cancelled", "uncaptured", "incomplete",
      "blocked", "expired", "requires_payment_method");

  @Override
  public String name() {
    return "stripe";
  }

  @Override
  public String label() {
    return "Stripe payments";
  }

  @Override
  public boolean recognises(List<String> keys) {
    // Columns are chosen by the user at export time: id, created, amount and currency are always there,
    // Amount Refunded, Status, Fee or Converted Amount tell it from other tools' exports.
    return keys.contains("id") && (keys.contains("createddateutc") || keys.contains("createdutc"))
        && keys.contains("amount") && keys.contains("currency")
        && (keys.contains("amountrefunded") || keys.contains("status") || keys.contains("fee")
            || keys.contains("convertedamount"));
  }

  @Override
  public Rows rows(Path file, List<String> header) throws ExportException {
    int id = OrderExportFormat.require(file, label(), header, "id");
    int created = OrderExportFormat.require(file, label(), header, "Created date (UTC)", "Created (UTC)");
    int amount = OrderExportFormat.require(file, label(), header, "Amount");
    int refunded = OrderExportFormat.find(header, "Amount Refunded"); // absent: nothing refunded
    int currency = OrderExportFormat.require(file, label(), header, "Currency");
    int status = OrderExportFormat.find(header, "Status");
    int captured = OrderExportFormat.find(header, "Captured");
    int customer = OrderExportFormat.find(header, "Customer ID", "Customer Email");
    return new Rows() {
      @Override
      public Set<Integer> mapped() {
        return refunded < 0 ? Set.of(id, created, amount, currency) : Set.of(id, created, amount, refunded, currency);
      }

      @Override
      public String column(String field) {
        return header.get(switch (field) {
          case "date" -> created;
          case "gross" -> amount;
          default -> refunded < 0 ? amount : refunded;
        });
      }

      @Override
      public OrderFields order(Object[] cells) {
        String state = OrderExportFormat.cell(cells, status);
        String isCaptured = OrderExportFormat.cell(cells, captured);
        if (state != null && NOT_PAID.contains(state.toLowerCase(Locale.ROOT).replace(' ', '_'))
            || "false".equalsIgnoreCase(isCaptured)) {
          return null;
        }
        return new OrderFields(OrderExportFormat.cell(cells, id), OrderExportFormat.cell(cells, customer),
            OrderExportFormat.cell(cells, created), OrderExportFormat.cell(cells, amount),
            OrderExportFormat.cell(cells, refunded), OrderExportFormat.cell(cells, currency), state, false);
      }
    };
  }
}
