package org.marketingsql.source.metaads;

import java.time.Clock;
import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.time.LocalDate;
import java.util.function.Function;
import java.util.List;
import java.util.Objects;
import org.marketingsql.config.Secret;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.config.SourceKey;
import org.marketingsql.config.SourceType;
import org.marketingsql.source.AccountTables;
import org.marketingsql.source.AdAccount;
import org.marketingsql.source.ApiSource;
import org.marketingsql.source.SourceDescriptor;
import org.marketingsql.source.ApiTable;
import org.marketingsql.source.PrimaryConversions;
import org.marketingsql.source.export.AdExportFormat;
import org.marketingsql.source.http.ApiConnection;
import org.marketingsql.source.http.ApiHttpClient;
import org.marketingsql.source.http.RetryPolicy;
import org.marketingsql.source.http.Sleeper;

/**
 * A {@code meta-ads} source: the insights by day and the campaigns of every ad account it lists
 * ({@code accountIds}, or one {@code accountId}; {@link AccountTables} reads each table for each), read from Meta's
 * Marketing API (Graph API {@value #VERSION}) with a system-user or long-lived access token.
 */
public final class MetaAdsSource implements ApiSource {
  /** The Graph API host; {@code endpoint} overrides it (proxies, tests). */
  public static final String DEFAULT_ENDPOINT = "https://graph.facebook.com";
  /** The Graph API version called, the newest released (July 2026). */
  public static final String VERSION = "v26.0";
  /** Conversions count these action types unless {@code conversionActionTypes} says otherwise. */
  static final List<String> DEFAULT_CONVERSIONS = List.of("purchase");
  /** The platform as the finance views and billing name it. */
  public static final String PLATFORM = "meta_ads";
  /**
   * Days re-read on every sync: Meta's longest click attribution window (28-day click) and the
   * 28 days over which it restates conversions.
   */
  static final int RESTATEMENT_DAYS = 28;
  /** Meta keeps ads insights for 37 months. */
  static final Period HISTORY = Period.ofMonths(37);
  /** The {@code meta-ads} source type: its keys, which are secret and required, look-back and billing. */
  public static final SourceType TYPE = new SourceType("meta-ads", PLATFORM, true, RESTATEMENT_DAYS, true, List.of(
          SourceKey.optional("accountIds", "The ad account ids read, a list such as [act_1234567890, act_2345678901].",
              "accountId"),
          SourceKey.optional("accountId", "The one ad account id read, e.g. act_1234567890.", null),
          SourceKey.secret("accessToken", "A system-user or long-lived access token with ads_read on the account."),
          SourceKey.optional("conversionActionTypes", "The action types counted as conversions, a list.",
              String.join(", ", DEFAULT_CONVERSIONS)),
          SourceKey.optional("startDate", "The first day a first sync reads, e.g. 2025-01-01; at most 37 months back.",
              MetaAdsTables.FIRST_SYNC_DAYS + " days back"),
          SourceKey.optional("attributionWindows", "The attribution windows asked for, a list such as 7d_click, 1d_view.",
              "the account's own"),
          PrimaryConversions.key("the action types of conversionActionTypes")));
  /** This source in the registry. */
  public static final SourceDescriptor DESCRIPTOR = SourceDescriptor.api(TYPE, "Meta Ads",
      "Meta (Facebook, Instagram) ad accounts' campaigns and daily insights, with every action per campaign and day, read from the Marketing API with a system-user or long-lived access token.",
      AccountTables.definitions(MetaAdsTables.definitions()), List.of(AdExportFormat.metaAds(PLATFORM)),
      (config, policy, sleeper, clock) -> new MetaAdsSource(config, policy, sleeper, clock))
      .keepsHistory(HISTORY);

  private final List<ApiTable> tables;
  private final MetaAdsClient client;

  public MetaAdsSource(SourceConfig config, RetryPolicy policy, Sleeper sleeper) {
    this(config, policy, sleeper, Clock.systemUTC());
  }

  MetaAdsSource(SourceConfig config, RetryPolicy policy, Sleeper sleeper, Clock clock) {
    this(config, policy, sleeper, clock, Duration.ofSeconds(5), 720);
  }

  MetaAdsSource(SourceConfig config, RetryPolicy policy, Sleeper sleeper, Clock clock, Duration pollEvery,
      int maxPolls) {
    Objects.requireNonNull(config, "config");
    if (!TYPE.equals(config.type())) {
      throw new IllegalArgumentException("source " + config.name() + " is a " + config.type().key() + ", not meta-ads");
    }
    Secret token = config.secret("accessToken");
    List<String> accounts = new ArrayList<>();
    for (String id : AccountTables.listed(config, "accountIds", "accountId")) {
      accounts.add(account(config.name(), id));
    }
    if (accounts.isEmpty()) {
      account(config.name(), null);
    }
    List<String> distinct = accounts.stream().distinct().toList();
    ApiHttpClient http = ApiConnection.of("meta-ads", config, DEFAULT_ENDPOINT, policy, sleeper)
        .withRules(new GraphApiRules()).bearer(token);
    List<String> conversions = list(config.settings().get("conversionActionTypes"));
    int lookback = config.lookbackDays() == null ? TYPE.defaultLookbackDays() : config.lookbackDays();
    LocalDate startDate = config.dateSetting("startDate");
    List<String> windows = list(config.settings().get("attributionWindows"));
    Function<String, Account> open = id -> {
      MetaAdsClient client = new MetaAdsClient(http, VERSION, id, sleeper, pollEvery, maxPolls);
      return new Account(client, new MetaAdsTables(client, conversions.isEmpty() ? DEFAULT_CONVERSIONS : conversions,
          windows, lookback, startDate, clock).all());
    };
    List<AccountTables.Reader> readers = distinct.stream().<AccountTables.Reader>map(open).toList();
    this.client = ((Account) readers.get(0)).client();
    this.tables = AccountTables.of("meta-ads", PLATFORM, readers.get(0).tables(), () -> readers);
  }

  /** One ad account: its client and tables. */
  private record Account(MetaAdsClient client, List<ApiTable> tables) implements AccountTables.Reader {
    @Override
    public AdAccount account() {
      return client.describe();
    }
  }

  @Override
  public List<ApiTable> tables() {
    return tables;
  }

  /**
   * One cheap authenticated call, {@code GET act_<id>?fields=name,currency} of the first account: proves
   * token, account access and reach.
   */
  @Override
  public void probe() {
    client.account("name,currency");
  }

  /** The account as Meta's paths name it, {@code act_<digits>}, from an id given with or without the prefix. */
  static String account(String source, String accountId) {
    if (accountId == null || accountId.isBlank()) {
      throw new IllegalArgumentException("source " + source + " needs accountId (the ad account id, e.g. act_1234567890)");
    }
    String id = accountId.trim();
    id = id.startsWith("act_") ? id.substring(4) : id;
    if (!id.matches("\\d+")) {
      throw new IllegalArgumentException("source " + source + ": accountId '" + accountId
          + "' is not an ad account id such as act_1234567890");
    }
    return "act_" + id;
  }

  /** A setting given as a YAML list or a comma-separated string, trimmed, without empty entries. */
  static List<String> list(Object value) {
    if (value == null) {
      return List.of();
    }
    List<String> items = value instanceof List<?> l ? l.stream().map(String::valueOf).toList()
        : Arrays.asList(String.valueOf(value).split(","));
    return items.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
