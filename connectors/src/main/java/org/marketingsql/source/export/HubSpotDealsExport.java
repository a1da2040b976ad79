package org.marketingsql.source.export;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * HubSpot's deals export (CRM → Deals → Export): one row per deal with {@code Record ID},
 * {@code Deal Stage}, {@code Close Date}, {@code Amount} and, with multiple currencies, {@code Currency}.
 * Only won deals are orders; open and lost deals are the pipeline, not revenue.
 */
final class HubSpotDealsExport implements OrderExportFormat {

  @Override
  public String name() {
    return "hubspot";
  }

  @Override
  public String label() {
    return "HubSpot deals";
  }

  @Override
  public boolean recognises(List<String> keys) {
    return keys.contains("dealstage") && (keys.contains("recordid") || keys.contains("dealid"));
  }

  @Override
  public Rows rows(Path file, List<String> header) throws ExportException {
    int id = OrderExportFormat.require(file, label(), header, "Record ID", "Deal ID");
    int stage = OrderExportFormat.require(file, label(), header, "Deal Stage");
    int close = OrderExportFormat.require(file, label(), header, "Close Date");
    int amount = OrderExportFormat.require(file, label(), header, "Amount");
    // Absent in single-currency portals: the source's currency: setting then applies.
    int currency = OrderExportFormat.find(header, "Currency", "Deal currency code");
    int customer = OrderExportFormat.find(header, "Associated Company IDs", "Associated Company ID",
        "Associated Company", "Associated Contact IDs", "Associated Contact");
    return new Rows() {
      @Override
      public Set<Integer> mapped() {
        return currency < 0 ? Set.of(id, close, amount) : Set.of(id, close, amount, currency);
      }

      @Override
      public String column(String field) {
        return header.get(field.equals("date") ? close : amount);
      }

      @Override
      public OrderFields order(Object[] cells) {
        String dealStage = OrderExportFormat.cell(cells, stage);
        if (dealStage == null || !dealStage.toLowerCase(Locale.ROOT).replace(' ', '_').contains("closed_won")
            && !dealStage.equalsIgnoreCase("closedwon")) {
          return null;
        }
        return new OrderFields(OrderExportFormat.cell(cells, id), OrderExportFormat.cell(cells, customer),
            OrderExportFormat.cell(cells, close), OrderExportFormat.cell(cells, amount), null,
            OrderExportFormat.cell(cells, currency), dealStage, false);
      }
    };
  }
}
