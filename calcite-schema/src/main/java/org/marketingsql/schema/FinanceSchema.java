package org.marketingsql.schema;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.impl.AbstractSchema;

/** The {@code finance} schema: the views finance reads, one resource file each (docs/finance-views.md). */
final class FinanceSchema extends AbstractSchema {
  /** The views of this version, in dependency order (a view may read those before it). */
  static final List<String> VIEWS = List.of(
      "ad_spend_daily", "accounts", "channel_performance", "conversions_daily", "orders", "channel_roi", "campaign_roi",
      "attribution_coverage", "budget_vs_actual", "marketing_cash_schedule",
      "customers", "cohort_ltv", "unit_economics", "ltv_model", "customer_ltv", "nps", "nps_customer_value",
      "subscription_mrr", "subscription_retention", "data_freshness", "metric_definitions");

  static void addViews(SchemaPlus root, SchemaPlus finance, Map<String, String> settings) {
    StringBuilder metrics = new StringBuilder();
    for (String name : VIEWS) {
      if (name.equals("metric_definitions")) {
        continue;
      }
      ViewDefinition view = ViewDefinition.load(name, settings);
      for (ViewDefinition.Metric m : view.metrics()) {
        metrics.append(metrics.length() == 0 ? "" : ",\n  ").append("(").append(literal(m.metric())).append(", ")
            .append(literal(m.formula())).append(", ").append(literal(m.unit())).append(", ")
            .append(literal("In " + name + ": " + m.description())).append(")");
      }
      finance.add(name, new FinanceView(root, view, List.of("finance")));
    }
    Map<String, String> withMetrics = new HashMap<>(settings);
    withMetrics.put("metrics", metrics.toString());
    finance.add("metric_definitions",
        new FinanceView(root, ViewDefinition.load("metric_definitions", withMetrics), List.of("finance")));
  }

  static void addView(SchemaPlus root, SchemaPlus schema, String name, Map<String, String> settings) {
    schema.add(name, new FinanceView(root, ViewDefinition.load(name, settings), List.of(schema.getName())));
  }

  private static String literal(String text) {
    // Calcite's character literals are ISO-8859-1: anything beyond it breaks metric_definitions and
    // with it getColumns over every table, so a view file that uses it fails here, by name.
    if (!text.chars().allMatch(c -> c < 0x100)) {
      throw new IllegalStateException("a metric line of a finance view uses a character outside ISO-8859-1: " + text);
    }
    // CAST: VALUES of literals of unequal length would otherwise be blank-padded CHAR.
    return "CAST('" + text.replace("'", "''") + "' AS VARCHAR)";
  }
}
