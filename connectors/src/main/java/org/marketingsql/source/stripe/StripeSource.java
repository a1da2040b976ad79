package org.marketingsql.source.stripe;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.marketingsql.config.Secret;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.config.SourceKey;
import org.marketingsql.config.SourceType;
import org.marketingsql.source.ApiSource;
import org.marketingsql.source.ApiTable;
import org.marketingsql.source.SourceDescriptor;
import org.marketingsql.source.export.OrderExportFormat;
import org.marketingsql.source.http.ApiConnection;
import org.marketingsql.source.http.ApiHttpClient;
import org.marketingsql.source.http.RetryPolicy;
import org.marketingsql.source.http.Sleeper;

/** A {@code stripe} source: its tables, read with the configured API key from the configured endpoint. */
public final class StripeSource implements ApiSource {
  /** The platform as the finance views and billing name it. */
  public static final String PLATFORM = "stripe";
  /** The {@code stripe} source type: its keys, which are secret and required, look-back and billing. */
  public static final SourceType TYPE = new SourceType("stripe", PLATFORM, true, 30, false, List.of(
          SourceKey.secret("apiKey", "A restricted (read-only) or secret API key."),
          SourceKey.optional("startDate", "The first day of charges, refunds and invoices a first sync reads, e.g."
              + " 2025-01-01 (customers and subscriptions are read whole).", "the account's first"),
          SourceKey.optional("utmSourceKey", "The metadata key of a charge (else of its customer) that holds the"
              + " utm_source a checkout page recorded.", "utm_source"),
          SourceKey.optional("utmMediumKey", "The metadata key that holds the utm_medium.", "utm_medium"),
          SourceKey.optional("utmCampaignKey", "The metadata key that holds the utm_campaign.", "utm_campaign")));
  /** This source in the registry. */
  public static final SourceDescriptor DESCRIPTOR = SourceDescriptor.api(TYPE, "Stripe",
      "A Stripe account's customers, charges, refunds, invoices and subscriptions, read with a restricted or secret API key.",
      StripeTables.definitions(), List.of(OrderExportFormat.stripePayments()),
      StripeSource::new);
  /** Stripe's API host; {@code endpoint} overrides it (proxies, tests). */
  public static final String DEFAULT_ENDPOINT = "https://api.stripe.com";

  private final List<ApiTable> tables;
  private final ApiHttpClient http;

  public StripeSource(SourceConfig config, RetryPolicy policy, Sleeper sleeper) {
    this(config, policy, sleeper, Clock.systemUTC());
  }

  /** @param clock when "now" is, for how old the refund-event cursor is (Stripe keeps events 30 days) */
  public StripeSource(SourceConfig config, RetryPolicy policy, Sleeper sleeper, Clock clock) {
    Objects.requireNonNull(config, "config");
    if (!TYPE.equals(config.type())) {
      throw new IllegalArgumentException("source " + config.name() + " is a " + config.type().key() + ", not stripe");
    }
    Secret key = config.secret("apiKey");
    ApiHttpClient http = ApiConnection.of("stripe", config, DEFAULT_ENDPOINT, policy, sleeper).bearer(key);
    this.http = http;
    int lookback = config.lookbackDays() == null ? TYPE.defaultLookbackDays() : config.lookbackDays();
    StripeTables.MetadataKeys keys = new StripeTables.MetadataKeys(metadataKey(config, "utmSourceKey", "utm_source"),
        metadataKey(config, "utmMediumKey", "utm_medium"), metadataKey(config, "utmCampaignKey", "utm_campaign"));
    this.tables = new StripeTables(new StripeClient(http), lookback, config.dateSetting("startDate"), clock, keys).all();
  }

  /** A configured metadata key; Stripe's keys are at most 40 characters and cannot contain square brackets. */
  private static String metadataKey(SourceConfig config, String setting, String fallback) {
    String key = config.setting(setting);
    if (key == null) {
      return fallback;
    }
    if (key.isBlank() || key.length() > 40 || key.contains("[") || key.contains("]")) {
      throw new IllegalArgumentException("source " + config.name() + ": " + setting + " '" + key
          + "' is not a Stripe metadata key (1 to 40 characters, no square brackets)");
    }
    return key.trim();
  }

  @Override
  public List<ApiTable> tables() {
    return tables;
  }

  /** One cheap authenticated call (a page of one charge), for check: proves key and reach, changes nothing. */
  @Override
  public void probe() {
    http.get("/v1/charges", Map.of("limit", "1"));
  }
}
