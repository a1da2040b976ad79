package org.marketingsql.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.marketingsql.config.LtvConfig;
import org.marketingsql.config.MarketingConfig;
import org.marketingsql.metrics.ltv.BgNbdFit;
import org.marketingsql.metrics.ltv.BgNbdModel;
import org.marketingsql.metrics.ltv.CustomerHistory;
import org.marketingsql.metrics.ltv.GammaGammaFit;
import org.marketingsql.metrics.ltv.GammaGammaModel;
import org.marketingsql.metrics.ltv.LifetimeValue;
import org.marketingsql.metrics.ltv.LtvModelException;
import org.marketingsql.store.RowWriter;
import org.marketingsql.store.Store;
import org.marketingsql.store.StoreException;

/**
 * Keeps the fitted LTV models ({@code _marketing.ltv_model}) and their per-customer predictions
 * ({@code _marketing.customer_ltv}) in step with the orders fact, cached in the store per data version so that a
 * connection does not refit them. The store summarises each customer with one GROUP BY;
 * the summary, with the LTV settings, is hashed into a data version, and the models are refitted
 * only when that version changes. A data set that cannot identify the models (no repeat buyers,
 * say) is recorded in {@code fact_state}, so the LTV views raise that message instead of showing
 * NaN or stale numbers.
 */
public final class LtvFacts {
  /** The horizon of {@code expected_purchases_12m} and {@code predicted_ltv_12m_rc}. */
  static final int HORIZON_MONTHS = 12;
  private static final String MODEL_TABLE = "ltv_model";
  private static final String CUSTOMER_TABLE = "customer_ltv";
  /** The row of {@code _marketing.settings} that holds the settings of the last fit ({@link #settings}). */
  private static final String SETTINGS_NAME = "ltv";
  private static final List<String> CUSTOMER_COLUMNS = List.of("customer_id", "historical_revenue_rc",
      "historical_margin_rc", "frequency", "recency", "age", "expected_purchases_12m", "p_alive",
      "expected_order_value_rc", "predicted_ltv_12m_rc", "data_version");

  private final MarketingConfig config;

  public LtvFacts(MarketingConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** What the orders say, summarised for the models, with its version; or why there is nothing to fit. */
  record Input(String version, LocalDate calibrationEnd, LocalDate observationEnd, List<CustomerActivity> customers,
      String error, Map<String, BigDecimal> margins) {
    Input {
      Objects.requireNonNull(version, "version");
      customers = List.copyOf(customers);
    }
  }

  /** The parameters of a successful fit, or the reason it failed. */
  record Fitted(BgNbdFit purchases, GammaGammaFit spend, List<Object[]> rows, String error) {
  }

  /**
   * Refits when the orders or the LTV settings changed since the last fit.
   *
   * @return true when it refitted (or recorded a new failure)
   */
  public boolean refresh(Store store) {
    Input input = store.read(this::input);
    Optional<String> stored = store.read(LtvFacts::storedVersion);
    if (stored.isPresent() && stored.get().equals(input.version())) {
      if (!store.read(h -> fittedWith(h, config))) {
        // fitted by an earlier version, which kept no settings of its own: record them, so the fit is not due again
        store.write("recording the settings of the LTV fit", handle -> {
          recordSettings(handle, config);
          return null;
        });
      }
      return false;
    }
    // Fit outside the write transaction: it is the slow part, and readers may go on meanwhile.
    Fitted fitted = input.error() != null ? new Fitted(null, null, List.of(), input.error()) : fit(input);
    try {
      store.write("storing the fitted LTV models", handle -> {
        write(store, handle, input, fitted);
        return null;
      });
    } catch (SQLException e) {
      throw new StoreException("storing the fitted LTV models in _marketing.customer_ltv failed: " + e.getMessage(), e);
    }
    return true;
  }

  /** The BG/NBD fit the LTV functions evaluate, or why there is none. */
  public record PurchaseModel(BgNbdFit fit, String error) {
    public PurchaseModel {
      if ((fit == null) == (error == null)) {
        throw new IllegalArgumentException("a purchase model is either a fit or an error");
      }
    }
  }

  /** The stored BG/NBD fit, or the recorded reason it could not be fitted. */
  public static PurchaseModel purchaseModel(Handle handle) {
    Optional<String> error = handle.createQuery("SELECT COALESCE(\"error\", \"status\") FROM \"_marketing\".\"fact_state\""
        + " WHERE \"fact\" = 'ltv_model' AND \"status\" <> 'ok'").mapTo(String.class).findFirst();
    if (error.isPresent()) {
      return new PurchaseModel(null, error.get());
    }
    Map<String, Double> p = new HashMap<>();
    handle.createQuery("SELECT \"param_name\", \"param_value\" FROM \"_marketing\".\"ltv_model\""
        + " WHERE \"model_name\" = 'bg_nbd'").map((rs, ctx) -> p.put(rs.getString(1), rs.getDouble(2))).list();
    if (!p.keySet().containsAll(List.of("r", "alpha", "a", "b", "log_likelihood", "customers"))) {
      return new PurchaseModel(null, "the LTV models have not been fitted in this store yet");
    }
    return new PurchaseModel(new BgNbdFit(p.get("r"), p.get("alpha"), p.get("a"), p.get("b"), p.get("log_likelihood"),
        p.get("customers").intValue()), null);
  }

  /**
   * The settings the fit depends on: the LTV settings and those of the orders it reads ({@link
   * FinanceFacts#fingerprint}). Part of the data version, and kept beside the finance facts' settings.
   */
  private static String settings(MarketingConfig config) {
    return "ltv-v2|" + config.ltv().describe() + "|" + FinanceFacts.fingerprint(config);
  }

  /**
   * Whether the last fit in the store was made with this configuration's settings; a refresh refits when not.
   * A store whose fit an earlier version made, which kept the LTV settings with the finance facts' settings
   * instead, answers from those. Reads one row; milliseconds.
   */
  public static boolean fittedWith(Handle handle, MarketingConfig config) {
    Optional<String> recorded = handle.createQuery(
            "SELECT \"value\" FROM \"_marketing\".\"settings\" WHERE \"name\" = '" + SETTINGS_NAME + "'")
        .mapTo(String.class).findOne();
    if (recorded.isPresent()) {
      return recorded.get().equals(settings(config));
    }
    return FinanceFacts.recorded(handle).flatMap(facts -> FinanceFacts.legacyLtvSettings(facts, config))
        .map(config.ltv().describe()::equals).orElse(false);
  }

  private static void recordSettings(Handle handle, MarketingConfig config) {
    handle.execute("DELETE FROM \"_marketing\".\"settings\" WHERE \"name\" = ?", SETTINGS_NAME);
    handle.execute("INSERT INTO \"_marketing\".\"settings\" VALUES (?, ?)", SETTINGS_NAME, settings(config));
  }

  /** The data version of the last fit, if any. */
  static Optional<String> storedVersion(Handle handle) {
    return handle.createQuery("SELECT \"data_version\" FROM \"_marketing\".\"ltv_state\"").mapTo(String.class).findFirst();
  }

  Input input(Handle handle) {
    LtvConfig ltv = config.ltv();
    String settings = settings(config);
    Optional<String> ordersError = handle.createQuery(
            "SELECT COALESCE(\"error\", \"status\") FROM \"_marketing\".\"fact_state\" WHERE \"fact\" = 'orders' AND \"status\" <> 'ok'")
        .mapTo(String.class).findFirst();
    if (ordersError.isPresent()) {
      String error = "the LTV models need the orders, which failed to build: " + ordersError.get();
      return new Input(hex(digest(settings + "|" + error)), null, null, List.of(), error, Map.of());
    }
    LocalDate observationEnd = handle.createQuery(
            "SELECT MAX(\"order_date\") FROM \"_marketing\".\"orders\" WHERE \"customer_id\" IS NOT NULL")
        .mapTo(LocalDate.class).findOne().orElse(null);
    if (observationEnd == null) {
      String error = "the LTV models need orders with a customer_id; finance.orders has none";
      return new Input(hex(digest(settings + "|" + error)), null, null, List.of(), error, Map.of());
    }
    LocalDate calibrationEnd = ltv.calibrationEnd() == null ? observationEnd : ltv.calibrationEnd();
    List<CustomerActivity> customers = handle.createQuery(
            FactSql.load("ltv_customer_activity").date("calibration_end", calibrationEnd).render().sql())
        .map((rs, ctx) -> new CustomerActivity(rs.getString(1), rs.getObject(2, LocalDate.class), rs.getInt(3),
            rs.getObject(4, LocalDate.class), rs.getBigDecimal(5), rs.getInt(6), rs.getObject(7, LocalDate.class),
            rs.getBigDecimal(8), rs.getBigDecimal(9)))
        .list();
    // Each customer's margin so far (it follows their product lines); part of the data version.
    Map<String, BigDecimal> margins = new HashMap<>();
    handle.createQuery(FactSql.load("ltv_customer_margins").render().sql())
        .map((rs, ctx) -> margins.put(rs.getString(1), rs.getBigDecimal(2) == null ? BigDecimal.ZERO : rs.getBigDecimal(2)))
        .list();
    MessageDigest version = digest(settings + "|calibrationEnd=" + calibrationEnd + "|observationEnd=" + observationEnd);
    for (CustomerActivity c : customers) {
      version.update(("\n" + c.customerId() + ',' + c.firstDay() + ',' + c.calibrationDays() + ',' + c.calibrationLast()
          + ',' + plain(c.calibrationRepeatAmount()) + ',' + c.days() + ',' + c.lastDay() + ',' + plain(c.repeatAmount())
          + ',' + plain(c.revenue()) + ',' + plain(margins.getOrDefault(c.customerId(), BigDecimal.ZERO)))
          .getBytes(StandardCharsets.UTF_8));
    }
    return new Input(hex(version), calibrationEnd, observationEnd, customers, null, margins);
  }

  Fitted fit(Input input) {
    LtvConfig ltv = config.ltv();
    List<CustomerHistory> calibration = input.customers().stream().filter(CustomerActivity::inCalibration)
        .map(c -> c.calibrationHistory(input.calibrationEnd(), ltv.timeUnit())).toList();
    try {
      BgNbdFit purchases = BgNbdModel.fit(calibration);
      GammaGammaFit spend = GammaGammaModel.fit(calibration);
      // Margin 1: the predicted value is revenue, scaled below by each customer's own margin ratio, which
      // follows the product lines they buy (finance.orders.margin_rc).
      LifetimeValue value = new LifetimeValue(purchases, spend, ltv.timeUnit(), ltv.discountRate().doubleValue(), 1.0);
      List<Object[]> rows = new ArrayList<>(input.customers().size());
      for (CustomerActivity c : input.customers()) {
        CustomerHistory h = c.currentHistory(input.observationEnd(), ltv.timeUnit());
        double expected = BgNbdModel.expectedPurchases(purchases, value.horizon(HORIZON_MONTHS), h);
        double alive = BgNbdModel.probabilityAlive(purchases, h);
        double orderValue = GammaGammaModel.expectedOrderValue(spend, h);
        BigDecimal margin = input.margins().getOrDefault(c.customerId(), c.revenue().multiply(config.grossMargin()));
        double share = c.revenue().signum() == 0 ? config.grossMargin().doubleValue()
            : margin.doubleValue() / c.revenue().doubleValue();
        double predicted = value.predictedMargin(h, HORIZON_MONTHS) * share;
        rows.add(new Object[] {c.customerId(), money(c.revenue()), money(margin),
            (int) h.frequency(), h.recency(), h.age(), expected, alive, money(orderValue), money(predicted)});
      }
      return new Fitted(purchases, spend, rows, null);
    } catch (LtvModelException | IllegalArgumentException e) {
      return new Fitted(null, null, List.of(), "cannot fit the LTV models on finance.orders (" + calibration.size()
          + " customers with orders up to the calibration end " + input.calibrationEnd() + "): " + e.getMessage());
    }
  }

  private void write(Store store, Handle handle, Input input, Fitted fitted) throws SQLException {
    recordSettings(handle, config);
    handle.execute("DELETE FROM \"_marketing\".\"ltv_model\"");
    handle.execute("DELETE FROM \"_marketing\".\"customer_ltv\"");
    handle.execute("DELETE FROM \"_marketing\".\"ltv_state\"");
    handle.execute("INSERT INTO \"_marketing\".\"ltv_state\" VALUES (?, ?)", input.version(), now());
    if (fitted.error() == null) {
      var batch = handle.prepareBatch("INSERT INTO \"_marketing\".\"ltv_model\" VALUES (?, ?, ?, ?)");
      BgNbdFit p = fitted.purchases();
      GammaGammaFit s = fitted.spend();
      Object[][] parameters = {
          {"bg_nbd", "r", p.r()}, {"bg_nbd", "alpha", p.alpha()}, {"bg_nbd", "a", p.a()}, {"bg_nbd", "b", p.b()},
          {"bg_nbd", "log_likelihood", p.logLikelihood()}, {"bg_nbd", "customers", (double) p.customers()},
          {"gamma_gamma", "p", s.p()}, {"gamma_gamma", "q", s.q()}, {"gamma_gamma", "gamma", s.gamma()},
          {"gamma_gamma", "log_likelihood", s.logLikelihood()}, {"gamma_gamma", "customers", (double) s.customers()}};
      for (Object[] parameter : parameters) {
        batch.add(parameter[0], parameter[1], parameter[2], input.version());
      }
      batch.execute();
      try (RowWriter writer = store.writer(handle, "_marketing", CUSTOMER_TABLE, CUSTOMER_COLUMNS)) {
        for (Object[] row : fitted.rows()) {
          Object[] withVersion = Arrays.copyOf(row, row.length + 1);
          withVersion[row.length] = input.version();
          writer.write(withVersion);
        }
      }
    }
    for (String fact : List.of(MODEL_TABLE, CUSTOMER_TABLE)) {
      handle.execute("DELETE FROM \"_marketing\".\"fact_state\" WHERE \"fact\" = ?", fact);
      handle.execute("INSERT INTO \"_marketing\".\"fact_state\" VALUES (?, ?, ?, ?)", fact,
          fitted.error() == null ? "ok" : "failed", fitted.error(), now());
    }
  }

  private static LocalDateTime now() {
    return LocalDateTime.now(ZoneOffset.UTC).withNano(0);
  }

  private static BigDecimal money(double value) {
    return BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_EVEN);
  }

  private static BigDecimal money(BigDecimal value) {
    return value.setScale(6, RoundingMode.HALF_EVEN);
  }

  private static String plain(BigDecimal value) {
    return value == null ? "null" : value.stripTrailingZeros().toPlainString();
  }

  private static MessageDigest digest(String start) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(start.getBytes(StandardCharsets.UTF_8));
      return digest;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
    }
  }

  /** The first 128 bits of the hash: plenty to tell versions apart, short enough to read. */
  private static String hex(MessageDigest digest) {
    return HexFormat.of().formatHex(digest.digest(), 0, 16);
  }
}
