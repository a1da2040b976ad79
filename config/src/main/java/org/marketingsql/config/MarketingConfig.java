package org.marketingsql.config;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The validated operand of the Marketing SQL schema (docs/configuration.md lists its keys).
 *
 * @param store JDBC URL of the store
 * @param reportingCurrency ISO code every {@code _rc} column is in
 * @param timeZone decides "today", the running month and fiscal periods
 * @param fiscalYearStartMonth 1 = January; a fiscal year is named by the calendar year it ends in
 * @param grossMargin share of revenue that is margin, for ROI (1.0 = revenue-based ROI); for orders of a product
 *     line without its own margin
 * @param productLineMargins margin per product line, for orders that carry {@code product_line}
 * @param fxRates an FX file or table whose rates win over every other FX input; null for none (FX files are then
 *     found among the sources by their header, and an {@code fx} source fills in)
 * @param sources the configured sources, in configuration order
 * @param ltv settings of the predictive LTV models
 * @param storeLogin the user and password of a store on a database server; null for a DuckDB store, which
 *     has none
 * @param refresh when {@code serve} refreshes each source
 * @param attribution how orders are credited to channels and campaigns
 */
public record MarketingConfig(
    String store,
    String reportingCurrency,
    ZoneId timeZone,
    int fiscalYearStartMonth,
    BigDecimal grossMargin,
    FxRatesSetting fxRates,
    List<SourceConfig> sources,
    LtvConfig ltv,
    Map<String, BigDecimal> productLineMargins,
    StoreLogin storeLogin,
    RefreshSchedule refresh,
    AttributionConfig attribution) {

  /** A configuration with the default LTV settings. */
  public MarketingConfig(String store, String reportingCurrency, ZoneId timeZone, int fiscalYearStartMonth,
      BigDecimal grossMargin, FxRatesSetting fxRates, List<SourceConfig> sources) {
    this(store, reportingCurrency, timeZone, fiscalYearStartMonth, grossMargin, fxRates, sources, LtvConfig.DEFAULT,
        Map.of());
  }

  public MarketingConfig(String store, String reportingCurrency, ZoneId timeZone, int fiscalYearStartMonth,
      BigDecimal grossMargin, FxRatesSetting fxRates, List<SourceConfig> sources, LtvConfig ltv) {
    this(store, reportingCurrency, timeZone, fiscalYearStartMonth, grossMargin, fxRates, sources, ltv, Map.of());
  }

  /** A configuration whose store needs no login (a DuckDB file). */
  public MarketingConfig(String store, String reportingCurrency, ZoneId timeZone, int fiscalYearStartMonth,
      BigDecimal grossMargin, FxRatesSetting fxRates, List<SourceConfig> sources, LtvConfig ltv,
      Map<String, BigDecimal> productLineMargins) {
    this(store, reportingCurrency, timeZone, fiscalYearStartMonth, grossMargin, fxRates, sources, ltv,
        productLineMargins, null);
  }

  /** A configuration with the default refresh schedule. */
  public MarketingConfig(String store, String reportingCurrency, ZoneId timeZone, int fiscalYearStartMonth,
      BigDecimal grossMargin, FxRatesSetting fxRates, List<SourceConfig> sources, LtvConfig ltv,
      Map<String, BigDecimal> productLineMargins, StoreLogin storeLogin) {
    this(store, reportingCurrency, timeZone, fiscalYearStartMonth, grossMargin, fxRates, sources, ltv,
        productLineMargins, storeLogin, RefreshSchedule.DEFAULT);
  }

  /** A configuration with the default attribution settings. */
  public MarketingConfig(String store, String reportingCurrency, ZoneId timeZone, int fiscalYearStartMonth,
      BigDecimal grossMargin, FxRatesSetting fxRates, List<SourceConfig> sources, LtvConfig ltv,
      Map<String, BigDecimal> productLineMargins, StoreLogin storeLogin, RefreshSchedule refresh) {
    this(store, reportingCurrency, timeZone, fiscalYearStartMonth, grossMargin, fxRates, sources, ltv,
        productLineMargins, storeLogin, refresh, AttributionConfig.DEFAULT);
  }

  public MarketingConfig {
    Objects.requireNonNull(attribution, "attribution");
    productLineMargins = Map.copyOf(productLineMargins);
    Objects.requireNonNull(ltv, "ltv");
    Objects.requireNonNull(refresh, "refresh");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(reportingCurrency, "reportingCurrency");
    Objects.requireNonNull(timeZone, "timeZone");
    Objects.requireNonNull(grossMargin, "grossMargin");
    if (fiscalYearStartMonth < 1 || fiscalYearStartMonth > 12) {
      throw new IllegalArgumentException("fiscalYearStartMonth must be 1..12: " + fiscalYearStartMonth);
    }
    sources = List.copyOf(sources);
  }

  /** This configuration with other sources (the same settings otherwise). */
  public MarketingConfig withSources(List<SourceConfig> others) {
    return new MarketingConfig(store, reportingCurrency, timeZone, fiscalYearStartMonth, grossMargin, fxRates, others,
        ltv, productLineMargins, storeLogin, refresh, attribution);
  }
}
