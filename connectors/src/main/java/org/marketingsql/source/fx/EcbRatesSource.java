package org.marketingsql.source.fx;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.config.SourceKey;
import org.marketingsql.config.SourceType;
import org.marketingsql.source.ApiSource;
import org.marketingsql.source.ApiTable;
import org.marketingsql.source.SourceDescriptor;
import org.marketingsql.source.http.ApiConnection;
import org.marketingsql.source.http.RetryPolicy;
import org.marketingsql.source.http.Sleeper;

/**
 * An {@code fx} source: the European Central Bank's daily euro foreign exchange reference rates, read
 * without a key from the ECB Data Portal's SDMX data API (dataflow {@code EXR}, series
 * {@code D.<currency>.EUR.SP00.A}, as CSV). It stores what the ECB publishes, units of each currency per
 * euro on each publication day; the finance facts turn those into rates to the reporting currency.
 */
public final class EcbRatesSource implements ApiSource {
  /** The ECB Data Portal's API host; {@code endpoint} overrides it (proxies, tests). */
  public static final String DEFAULT_ENDPOINT = "https://data-api.ecb.europa.eu";
  /**
   * Days re-read on every sync. The ECB does not revise published reference rates, but publishes
   * around 16:00 CET: a sync earlier in the day misses that day, which the next one reads.
   */
  static final int RESTATEMENT_DAYS = 7;
  /** The {@code fx} source type: its keys; it holds no ad spend, so it is not billed. */
  public static final SourceType TYPE = new SourceType("fx", null, true, RESTATEMENT_DAYS, false, List.of(
      SourceKey.optional("currencies", "The currencies to read, a list of ISO codes such as USD, GBP.",
          "every currency the ECB publishes"),
      SourceKey.optional("startDate", "The first day a first sync reads, e.g. 2024-01-01; the rates start 1999-01-04.",
          EcbRatesTables.FIRST_SYNC_DAYS + " days back")));
  /** This source in the registry. */
  public static final SourceDescriptor DESCRIPTOR = SourceDescriptor.api(TYPE, "ECB reference rates",
      "The European Central Bank's daily euro foreign exchange reference rates, read without a key from the ECB Data"
          + " Portal. The finance facts convert foreign amounts with them, as cross rates through the euro, wherever no"
          + " hand-made FX file gives a rate for that currency and day.",
      EcbRatesTables.definitions(), List.of(),
      (config, policy, sleeper, clock) -> new EcbRatesSource(config, policy, sleeper, clock));

  private final EcbClient client;
  private final List<ApiTable> tables;

  public EcbRatesSource(SourceConfig config, RetryPolicy policy, Sleeper sleeper, Clock clock) {
    Objects.requireNonNull(config, "config");
    if (!TYPE.equals(config.type())) {
      throw new IllegalArgumentException("source " + config.name() + " is a " + config.type().key() + ", not fx");
    }
    List<String> currencies = currencies(config.name(), config.settings().get("currencies"));
    ApiConnection connection = ApiConnection.of("fx", config, DEFAULT_ENDPOINT, policy, sleeper);
    this.client = new EcbClient(connection.anonymous(), connection.root(), currencies);
    int lookback = config.lookbackDays() == null ? TYPE.defaultLookbackDays() : config.lookbackDays();
    this.tables = new EcbRatesTables(client, lookback, config.dateSetting("startDate"), clock).all();
  }

  @Override
  public List<ApiTable> tables() {
    return tables;
  }

  /** The latest US dollar rate: proves the host answers with the ECB's series, changes nothing. */
  @Override
  public void probe() {
    client.latest();
  }

  /** The {@code currencies} setting as upper-case ISO codes; empty for every currency. */
  static List<String> currencies(String source, Object value) {
    if (value == null) {
      return List.of();
    }
    List<String> items = value instanceof List<?> l ? l.stream().map(String::valueOf).toList()
        : Arrays.asList(String.valueOf(value).split(","));
    List<String> codes = items.stream().map(String::trim).filter(s -> !s.isEmpty())
        .map(s -> s.toUpperCase(Locale.ROOT)).distinct().toList();
    for (String code : codes) {
      if (!code.matches("[A-Z]{3}")) {
        throw new IllegalArgumentException("source " + source + ": currencies names '" + code
            + "', which is not an ISO 4217 code such as USD");
      }
    }
    return codes;
  }
}
