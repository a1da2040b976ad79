package org.marketingsql.store;

import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * The store's own tables, in schema {@code _marketing}: what was loaded from where, and the
 * normalised facts the finance views read. Portable SQL only, the same text on DuckDB and PostgreSQL (standard
 * types: DECIMAL, BIGINT, VARCHAR, DATE, TIMESTAMP, BOOLEAN, DOUBLE PRECISION); the version row says what is there.
 */
final class Migrations {
  static final int VERSION = 12;
  static final String SCHEMA = "_marketing";

  private static final List<String> V1 = List.of(
      "CREATE SCHEMA IF NOT EXISTS \"_marketing\"",
      "CREATE TABLE IF NOT EXISTS \"_marketing\".\"schema_version\" (\"version\" INTEGER NOT NULL)",
      """
      CREATE TABLE IF NOT EXISTS "_marketing"."load_state" (
        "source_name" VARCHAR NOT NULL, "table_name" VARCHAR NOT NULL, "file_path" VARCHAR NOT NULL,
        "file_size" BIGINT, "file_modified" BIGINT, "file_hash" VARCHAR, "input_kind" VARCHAR,
        "status" VARCHAR NOT NULL, "error" VARCHAR, "row_count" BIGINT, "columns" VARCHAR,
        "loaded_at" TIMESTAMP, "last_success" TIMESTAMP,
        PRIMARY KEY ("source_name", "table_name"))""",
      """
      CREATE TABLE IF NOT EXISTS "_marketing"."fact_state" (
        "fact" VARCHAR NOT NULL PRIMARY KEY, "status" VARCHAR NOT NULL, "error" VARCHAR,
        "refreshed_at" TIMESTAMP)""",
      """
      CREATE TABLE IF NOT EXISTS "_marketing"."fx_daily" (
        "rate_date" DATE NOT NULL, "currency" VARCHAR NOT NULL, "rate" DECIMAL(18,8) NOT NULL)""",
      """
      CREATE TABLE IF NOT EXISTS "_marketing"."ad_spend" (
        "date_day" DATE NOT NULL, "platform" VARCHAR NOT NULL, "account_id" VARCHAR, "account_name" VARCHAR,
        "campaign_id" VARCHAR NOT NULL, "campaign_name" VARCHAR, "impressions" BIGINT, "clicks" BIGINT,
        "spend" DECIMAL(18,6), "currency" VARCHAR NOT NULL, "spend_rc" DECIMAL(18,6), "fx_rate" DECIMAL(18,8),
        "conversions" DECIMAL(18,6), "conversions_value" DECIMAL(18,6), "conversions_value_rc" DECIMAL(18,6),
        "is_provisional" BOOLEAN NOT NULL, "source_name" VARCHAR NOT NULL)""",
      """
      CREATE TABLE IF NOT EXISTS "_marketing"."orders" (
        "order_id" VARCHAR NOT NULL, "customer_id" VARCHAR, "order_date" DATE NOT NULL,
        "amount" DECIMAL(18,6) NOT NULL, "currency" VARCHAR NOT NULL, "fx_rate" DECIMAL(18,8),
        "amount_rc" DECIMAL(18,6), "acquisition_channel" VARCHAR, "product_line" VARCHAR,
        "source_name" VARCHAR NOT NULL)""",
      """
      CREATE TABLE IF NOT EXISTS "_marketing"."budgets" (
        "month_start" DATE NOT NULL, "channel" VARCHAR NOT NULL, "amount" DECIMAL(18,6) NOT NULL,
        "currency" VARCHAR NOT NULL, "fx_rate" DECIMAL(18,8), "amount_rc" DECIMAL(18,6),
        "source_name" VARCHAR NOT NULL)""");

  /** The fitted LTV models and their predictions, cached per data version; NPS answers; touchpoints. */
  private static final List<String> V2_LTV = List.of(
      """
      CREATE TABLE IF NOT EXISTS "_marketing"."ltv_state" (
        "data_version" VARCHAR NOT NULL, "fitted_at" TIMESTAMP)""",
      """
      CREATE TABLE IF NOT EXISTS "_marketing"."ltv_model" (
        "model_name" VARCHAR NOT NULL, "param_name" VARCHAR NOT NULL, "param_value" DOUBLE PRECISION NOT NULL,
        "data_version" VARCHAR NOT NULL)""",
      """
      CREATE TABLE IF NOT EXISTS "_marketing"."customer_ltv" (
        "customer_id" VARCHAR NOT NULL, "historical_revenue_rc" DECIMAL(18,6), "historical_margin_rc" DECIMAL(18,6),
        "frequency" INTEGER, "recency" DOUBLE PRECISION, "age" DOUBLE PRECISION, "expected_purchases_12m" DOUBLE PRECISION,
        "p_alive" DOUBLE PRECISION,
        "expected_order_value_rc" DECIMAL(18,6), "predicted_ltv_12m_rc" DECIMAL(18,6), "data_version" VARCHAR NOT NULL)""",
      """
      CREATE TABLE IF NOT EXISTS "_marketing"."nps_responses" (
        "response_date" DATE, "segment" VARCHAR, "customer_id" VARCHAR, "score" INTEGER NOT NULL,
        "source_name" VARCHAR NOT NULL, "table_name" VARCHAR NOT NULL)""",
      """
      CREATE TABLE IF NOT EXISTS "_marketing"."touchpoints" (
        "customer_id" VARCHAR NOT NULL, "touched_at" TIMESTAMP NOT NULL, "channel" VARCHAR NOT NULL,
        "campaign_id" VARCHAR, "source_name" VARCHAR NOT NULL)""");

  private Migrations() {
  }

  static boolean isCurrent(Handle handle) {
    try {
      return handle.createQuery("SELECT MAX(\"version\") FROM \"_marketing\".\"schema_version\"")
          .mapTo(Integer.class).findOne().map(v -> v >= VERSION).orElse(false);
    } catch (RuntimeException e) {
      return false; // no schema_version table yet: a new store
    }
  }

  /** Each order's margin in the reporting currency, from its product line's gross margin. */
  private static final List<String> V3_MARGIN = List.of(
      "ALTER TABLE \"_marketing\".\"orders\" ADD COLUMN IF NOT EXISTS \"margin_rc\" DECIMAL(18,6)",
      // the configuration the facts were built with: a change of currency or margins rebuilds them
      "CREATE TABLE IF NOT EXISTS \"_marketing\".\"settings\" (\"name\" VARCHAR NOT NULL PRIMARY KEY, \"value\" VARCHAR)");

  /** When ad spend turns into cash, by the accounts' billing terms: finance.marketing_cash_schedule. */
  private static final List<String> V4_CASH = List.of(
      """
      CREATE TABLE IF NOT EXISTS "_marketing"."cash_schedule" (
        "date_day" DATE NOT NULL, "platform" VARCHAR NOT NULL, "account_id" VARCHAR, "billing_terms" VARCHAR NOT NULL,
        "accrued_spend_rc" DECIMAL(18,6) NOT NULL, "cash_out_rc" DECIMAL(18,6) NOT NULL)""");

  /** Which days each API table holds, so a query over days the store lacks can read just those. */
  private static final List<String> V5_SYNC_RANGES = List.of(
      """
      CREATE TABLE IF NOT EXISTS "_marketing"."sync_ranges" (
        "source_name" VARCHAR NOT NULL, "table_name" VARCHAR NOT NULL, "from_day" DATE NOT NULL,
        "to_day" DATE NOT NULL, "synced_at" TIMESTAMP)""");

  /**
   * Which facts are older than the data they are derived from ({@link PendingFacts}). A store that
   * upgrades to it rebuilds its facts once, in case a load before the upgrade never reached them.
   */
  private static final List<String> V6_PENDING_FACTS = List.of(
      """
      CREATE TABLE IF NOT EXISTS "_marketing"."facts_pending" (
        "fact_group" VARCHAR NOT NULL PRIMARY KEY, "cause" VARCHAR, "since" TIMESTAMP)""");

  /**
   * Each order's touch data (its own UTM parameters) and the one attribution decision made for it: its
   * channel and campaign, and the credit of every channel and campaign that shares it.
   */
  private static final List<String> V7_ATTRIBUTION = List.of(
      "ALTER TABLE \"_marketing\".\"orders\" ADD COLUMN IF NOT EXISTS \"order_row\" BIGINT",
      "ALTER TABLE \"_marketing\".\"orders\" ADD COLUMN IF NOT EXISTS \"utm_source\" VARCHAR",
      "ALTER TABLE \"_marketing\".\"orders\" ADD COLUMN IF NOT EXISTS \"utm_medium\" VARCHAR",
      "ALTER TABLE \"_marketing\".\"orders\" ADD COLUMN IF NOT EXISTS \"utm_campaign\" VARCHAR",
      "ALTER TABLE \"_marketing\".\"orders\" ADD COLUMN IF NOT EXISTS \"attributed_channel\" VARCHAR",
      "ALTER TABLE \"_marketing\".\"orders\" ADD COLUMN IF NOT EXISTS \"attributed_campaign_id\" VARCHAR",
      "ALTER TABLE \"_marketing\".\"orders\" ADD COLUMN IF NOT EXISTS \"attribution_basis\" VARCHAR",
      """
      CREATE TABLE IF NOT EXISTS "_marketing"."order_credit" (
        "order_row" BIGINT NOT NULL, "source_name" VARCHAR NOT NULL, "order_date" DATE NOT NULL,
        "channel" VARCHAR NOT NULL, "campaign_id" VARCHAR, "campaign_name" VARCHAR, "campaign_ref" VARCHAR,
        "basis" VARCHAR NOT NULL, "share" DECIMAL(9,6) NOT NULL, "revenue_rc" DECIMAL(18,6),
        "margin_rc" DECIMAL(18,6), "is_primary" BOOLEAN NOT NULL)""");

  /** Conversions per day, campaign and conversion action, in the reporting currency: finance.conversions_daily. */
  private static final List<String> V8_CONVERSIONS = List.of(
      """
      CREATE TABLE IF NOT EXISTS "_marketing"."conversions" (
        "date_day" DATE NOT NULL, "platform" VARCHAR NOT NULL, "account_id" VARCHAR, "campaign_id" VARCHAR NOT NULL,
        "campaign_name" VARCHAR, "conversion_action" VARCHAR NOT NULL, "conversion_action_name" VARCHAR,
        "currency" VARCHAR NOT NULL, "fx_rate" DECIMAL(18,8), "conversions" DECIMAL(18,6),
        "conversions_value" DECIMAL(18,6), "conversions_value_rc" DECIMAL(18,6),
        "click_through_conversions" DECIMAL(18,6), "view_through_conversions" DECIMAL(18,6),
        "is_primary" BOOLEAN NOT NULL, "is_provisional" BOOLEAN NOT NULL, "source_name" VARCHAR NOT NULL)""");

  /** Every ad account the sources list, with its currency and the time zone its platform reports its days in. */
  private static final List<String> V9_ACCOUNTS = List.of(
      """
      CREATE TABLE IF NOT EXISTS "_marketing"."accounts" (
        "platform" VARCHAR NOT NULL, "account_id" VARCHAR NOT NULL, "account_name" VARCHAR, "currency" VARCHAR,
        "time_zone" VARCHAR, "source_name" VARCHAR NOT NULL)""");

  /**
   * Recurring revenue by month and customer, from the subscriptions the payment sources sync:
   * finance.subscription_mrr and subscription_retention.
   */
  private static final List<String> V10_SUBSCRIPTIONS = List.of(
      """
      CREATE TABLE IF NOT EXISTS "_marketing"."subscription_mrr" (
        "month_start" DATE NOT NULL, "customer_id" VARCHAR NOT NULL, "source_name" VARCHAR NOT NULL,
        "cohort_month" DATE NOT NULL, "starting_mrr_rc" DECIMAL(18,6) NOT NULL, "mrr_rc" DECIMAL(18,6) NOT NULL,
        "new_rc" DECIMAL(18,6) NOT NULL, "expansion_rc" DECIMAL(18,6) NOT NULL,
        "contraction_rc" DECIMAL(18,6) NOT NULL, "churned_rc" DECIMAL(18,6) NOT NULL,
        "reactivated_rc" DECIMAL(18,6) NOT NULL, "cohort_mrr_rc" DECIMAL(18,6) NOT NULL)""");

  /**
   * One row per customer with an order: first order, acquisition channel and totals, computed once per refresh
   * for finance.customers and the views over it.
   */
  private static final List<String> V11_CUSTOMERS = List.of(
      """
      CREATE TABLE IF NOT EXISTS "_marketing"."customers" (
        "customer_id" VARCHAR NOT NULL, "first_order_date" DATE NOT NULL, "acquisition_channel" VARCHAR NOT NULL,
        "cohort_month" DATE NOT NULL, "orders" BIGINT NOT NULL, "revenue_rc" DECIMAL(38,6),
        "margin_rc" DECIMAL(38,6))""");

  /**
   * Monthly totals computed once per refresh from the daily facts, which the monthly finance views
   * (channel_roi, budget_vs_actual, unit_economics) read instead of summing every ad spend row and order credit
   * in every query: spend per month and platform, credited revenue and margin per month and channel, new
   * customers and their margin per cohort month and channel, and the months that have orders.
   */
  private static final List<String> V12_MONTHLY = List.of(
      """
      CREATE TABLE IF NOT EXISTS "_marketing"."monthly_spend" (
        "month_start" DATE NOT NULL, "platform" VARCHAR NOT NULL, "spend_rc" DECIMAL(38,6),
        "platform_value_rc" DECIMAL(38,6), "last_day" DATE NOT NULL)""",
      """
      CREATE TABLE IF NOT EXISTS "_marketing"."monthly_credit" (
        "month_start" DATE NOT NULL, "channel" VARCHAR NOT NULL, "revenue_rc" DECIMAL(38,6),
        "margin_rc" DECIMAL(38,6))""",
      """
      CREATE TABLE IF NOT EXISTS "_marketing"."monthly_cohorts" (
        "cohort_month" DATE NOT NULL, "channel" VARCHAR NOT NULL, "new_customers" BIGINT NOT NULL,
        "margin_rc" DECIMAL(38,6))""",
      """
      CREATE TABLE IF NOT EXISTS "_marketing"."order_months" (
        "month_start" DATE NOT NULL, "orders" BIGINT NOT NULL)""");

  static void apply(Handle handle) {
    for (List<String> version : List.of(V1, V2_LTV, V3_MARGIN, V4_CASH, V5_SYNC_RANGES, V6_PENDING_FACTS,
        V7_ATTRIBUTION, V8_CONVERSIONS, V9_ACCOUNTS, V10_SUBSCRIPTIONS, V11_CUSTOMERS,
        V12_MONTHLY)) {
      for (String statement : version) {
        handle.execute(statement);
      }
    }
    PendingFacts.mark(handle, "the store's tables were upgraded");
    handle.execute("DELETE FROM \"_marketing\".\"schema_version\"");
    handle.execute("INSERT INTO \"_marketing\".\"schema_version\" VALUES (" + VERSION + ")");
  }
}
