package org.marketingsql.config;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the schema operand of a Calcite model into a {@link MarketingConfig}, collecting every
 * problem with its key path instead of stopping at the first.
 */
public final class ConfigReader {
  /** Keys Calcite's model handler adds to every operand. */
  private static final Set<String> CALCITE_KEYS = Set.of("modelUri", "baseDirectory", "tables");
  private static final Set<String> TOP_KEYS = Set.of(
      "store", "reportingCurrency", "timeZone", "fiscalYearStartMonth", "grossMargin", "fxRates",
      "ltv", "attribution", "sources", "refresh");
  private static final Set<String> SOURCE_KEYS = SourceKeys.names();
  /** The billing terms of a billed source; kept as given in {@link SourceConfig#settings()}. */
  private static final String BILLING = "billing";
  private static final Set<String> STORE_KEYS = Set.of("url", "user", "password", "pool");
  private static final String POSTGRESQL = "jdbc:postgresql:";
  private static final Set<String> LTV_KEYS = Set.of("calibrationEnd", "timeUnit", "discountRate");
  private static final Set<String> REFRESH_KEYS = Set.of("apis", "exports", "sources");
  private static final Pattern REFERENCE = Pattern.compile("\\$\\{(env|file):([^}]+)}");

  private final UnaryOperator<String> environment;
  /** Keys only some source types read (declared by each type), kept as given in {@link SourceConfig#settings()}. */
  private final Set<String> settingKeys;
  /** Keys whose values are credentials (declared by each type): only references are accepted. */
  private final Set<String> secretKeys;

  /** A reader that resolves {@code ${env:…}} against the process environment. */
  public ConfigReader() {
    this(System::getenv);
  }

  /** A reader with its own environment, for tests. */
  public ConfigReader(UnaryOperator<String> environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
    Set<String> settings = new LinkedHashSet<>();
    Set<String> secrets = new LinkedHashSet<>();
    // "password" is kept a secret whatever the types declare: such a value is never taken written out.
    secrets.add("password");
    settings.add(BILLING);
    for (SourceType type : SourceType.values()) {
      for (SourceKey key : type.keys()) {
        (key.secret() ? secrets : settings).add(key.name());
      }
    }
    this.settingKeys = Set.copyOf(settings);
    this.secretKeys = Set.copyOf(secrets);
  }

  /**
   * Validates and reads an operand.
   *
   * @param operand the schema operand as Calcite hands it over
   * @param baseDirectory folder relative paths resolve against
   * @param defaultStore the store URL to use when the operand names none
   * @throws ConfigException listing every problem found
   */
  public MarketingConfig read(Map<String, ?> operand, Path baseDirectory, String defaultStore) {
    Objects.requireNonNull(operand, "operand");
    Objects.requireNonNull(baseDirectory, "baseDirectory");
    List<ConfigProblem> problems = new ArrayList<>();
    for (String key : operand.keySet()) {
      if (!TOP_KEYS.contains(key) && !CALCITE_KEYS.contains(key)) {
        problems.add(new ConfigProblem(key, "unknown key; known keys are " + sorted(TOP_KEYS)));
      }
    }
    String store = null;
    StoreLogin storeLogin = null;
    if (operand.get("store") instanceof Map<?, ?> storeObject) {
      StoreAt server = storeObject(storeObject, problems);
      if (server != null) {
        store = server.url();
        storeLogin = server.login();
      }
    } else {
      store = string(operand, "store", "store", problems);
      if (store != null && store.startsWith(POSTGRESQL)) {
        problems.add(new ConfigProblem("store", "a PostgreSQL store is written as an object, so that its password is a"
            + " reference: store: { url: \"jdbc:postgresql://host:port/db\", user: NAME, password: \"${env:NAME}\" }"));
      }
    }
    String currency = string(operand, "reportingCurrency", "reportingCurrency", problems);
    if (currency == null) {
      currency = "USD";
    } else if (!isCurrency(currency)) {
      problems.add(new ConfigProblem("reportingCurrency", "'" + currency + "' is not an ISO 4217 currency code"));
    }
    ZoneId zone = ZoneId.of("UTC");
    String zoneText = string(operand, "timeZone", "timeZone", problems);
    if (zoneText != null) {
      try {
        zone = ZoneId.of(zoneText);
      } catch (DateTimeException e) {
        problems.add(new ConfigProblem("timeZone", "'" + zoneText + "' is not a time zone (e.g. Europe/Berlin)"));
      }
    }
    int fiscalStart = 1;
    Object fiscal = operand.get("fiscalYearStartMonth");
    if (fiscal != null) {
      Integer month = integer(fiscal);
      if (month == null || month < 1 || month > 12) {
        problems.add(new ConfigProblem("fiscalYearStartMonth", "must be a month number 1..12, found '" + fiscal + "'"));
      } else {
        fiscalStart = month;
      }
    }
    BigDecimal margin = BigDecimal.ONE;
    Map<String, BigDecimal> lineMargins = new LinkedHashMap<>();
    Object marginValue = operand.get("grossMargin");
    if (marginValue instanceof Map<?, ?> perLine) {
      // { default: 0.6, hardware: 0.35, software: 0.85 }: a margin per product line of the orders
      for (Map.Entry<?, ?> entry : perLine.entrySet()) {
        String line = String.valueOf(entry.getKey());
        BigDecimal share = share(entry.getValue(), "grossMargin." + line, problems);
        if (share != null && line.equals("default")) {
          margin = share;
        } else if (share != null) {
          lineMargins.put(line, share);
        }
      }
    } else if (marginValue != null) {
      BigDecimal share = share(marginValue, "grossMargin", problems);
      margin = share == null ? margin : share;
    }
    FxRatesSetting fxRates = null;
    String fxText = string(operand, "fxRates", "fxRates", problems);
    if (fxText != null && !fxText.isBlank()) {
      fxRates = FxRatesSetting.parse(fxText, baseDirectory);
      if (fxRates.file() != null && !Files.isRegularFile(fxRates.file())) {
        // Refused rather than ignored: a rate file nobody reads would leave foreign spend unconverted unnoticed.
        problems.add(new ConfigProblem("fxRates", "file '" + fxRates.file() + "' does not exist or is not a file; name"
            + " an FX file (date,currency,rate_to_reporting) or a table such as finance.fx_rates"));
        fxRates = null;
      }
    }
    LtvConfig ltv = ltv(operand.get("ltv"), problems);
    AttributionConfig attribution = AttributionReader.read(operand.get("attribution"), problems);
    List<SourceConfig> sources = sources(operand.get("sources"), baseDirectory, problems);
    RefreshSchedule refresh = refresh(operand.get("refresh"), operand.get("sources"), problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new MarketingConfig(
        store == null ? defaultStore : store, currency, zone, fiscalStart, margin, fxRates, sources, ltv, lineMargins,
        storeLogin, refresh, attribution);
  }

  private record StoreAt(String url, StoreLogin login) {
  }

  /**
   * The object form of {@code store}, for a database server: {@code url}, {@code user}, the password by
   * reference only, and the read sessions' {@code pool}. Null, with the problems added, when it is not right.
   */
  private StoreAt storeObject(Map<?, ?> raw, List<ConfigProblem> problems) {
    Map<String, Object> store = new LinkedHashMap<>();
    raw.forEach((k, v) -> store.put(String.valueOf(k), v));
    int before = problems.size();
    for (String key : store.keySet()) {
      if (!STORE_KEYS.contains(key)) {
        problems.add(new ConfigProblem("store." + key, "unknown key; known keys are " + sorted(STORE_KEYS)));
      }
    }
    String url = string(store, "url", "store.url", problems);
    if (url == null) {
      problems.add(new ConfigProblem("store.url", "is required: the JDBC URL of the database, such as"
          + " jdbc:postgresql://host:5432/marketing"));
    } else if (!url.startsWith(POSTGRESQL)) {
      problems.add(new ConfigProblem("store.url", "the object form is for a PostgreSQL store (jdbc:postgresql://host:port/db);"
          + " write a DuckDB store as a plain string, store: jdbc:duckdb:/path/store.duckdb"));
    } else if (url.toLowerCase(Locale.ROOT).matches(".*[?&]password=.*")) {
      // Never echo the URL: it holds the password.
      problems.add(new ConfigProblem("store.url", "must not hold the password; give it as password: \"${env:NAME}\""
          + " or \"${file:/run/secrets/name}\""));
    }
    String user = string(store, "user", "store.user", problems);
    if (user == null) {
      problems.add(new ConfigProblem("store.user", "is required: the database user the store logs in as"));
    }
    Secret password = null;
    if (store.get("password") != null) {
      password = secret(String.valueOf(store.get("password")), "store.password", problems);
    }
    Integer pool = null;
    if (store.get("pool") != null) {
      pool = integer(store.get("pool"));
      if (pool == null || pool < 1 || pool > StoreLogin.MAX_POOL) {
        problems.add(new ConfigProblem("store.pool", "must be a whole number of read sessions from 1 to "
            + StoreLogin.MAX_POOL + ", such as 16, found '" + store.get("pool") + "'"));
        pool = null;
      }
    }
    return problems.size() == before ? new StoreAt(url, new StoreLogin(user, password, pool)) : null;
  }

  /**
   * {@code refresh: { apis: 15m, exports: 60s, sources: { google: 1h } }}: when {@code serve} refreshes each
   * source. {@code sourcesValue} is the operand's {@code sources} as given, so that an entry naming a source
   * that is there but has problems of its own is not reported twice.
   */
  private static RefreshSchedule refresh(Object value, Object sourcesValue, List<ConfigProblem> problems) {
    if (value == null) {
      return RefreshSchedule.DEFAULT;
    }
    if (!(value instanceof Map<?, ?> raw)) {
      problems.add(new ConfigProblem("refresh", "must be a mapping such as { apis: 15m, exports: 60s,"
          + " sources: { google: 1h } }, found '" + value + "'"));
      return RefreshSchedule.DEFAULT;
    }
    int before = problems.size();
    Map<String, Object> refresh = new LinkedHashMap<>();
    raw.forEach((k, v) -> refresh.put(String.valueOf(k), v));
    for (String key : refresh.keySet()) {
      if (!REFRESH_KEYS.contains(key)) {
        problems.add(new ConfigProblem("refresh." + key, "unknown key; known keys are " + sorted(REFRESH_KEYS)));
      }
    }
    Duration apis = interval(refresh, "apis", "refresh.apis", RefreshSchedule.DEFAULT.apis(), problems);
    Duration exports = interval(refresh, "exports", "refresh.exports", RefreshSchedule.DEFAULT.exports(), problems);
    Map<String, Duration> perSource = new LinkedHashMap<>();
    Object sourcesEntry = refresh.get("sources");
    if (sourcesEntry instanceof Map<?, ?> rawSources) {
      Set<String> named = new LinkedHashSet<>();
      if (sourcesValue instanceof List<?> list) {
        for (Object source : list) {
          if (source instanceof Map<?, ?> map && map.get("name") != null) {
            named.add(String.valueOf(map.get("name")).trim());
          }
        }
      }
      Map<String, Object> entries = new LinkedHashMap<>();
      rawSources.forEach((k, v) -> entries.put(String.valueOf(k), v));
      for (String name : entries.keySet()) {
        String at = "refresh.sources." + name;
        if (!named.contains(name)) {
          problems.add(new ConfigProblem(at, "no source is named '" + name + "'; sources: " + List.copyOf(named)));
          continue;
        }
        Duration interval = interval(entries, name, at, null, problems);
        if (interval != null) {
          perSource.put(name, interval);
        }
      }
    } else if (sourcesEntry != null) {
      problems.add(new ConfigProblem("refresh.sources", "must be a mapping of source name to interval such as"
          + " { google: 1h }, found '" + sourcesEntry + "'"));
    }
    return problems.size() == before ? new RefreshSchedule(apis, exports, perSource) : RefreshSchedule.DEFAULT;
  }

  /** An interval of {@code refresh}: a duration with its unit, at least one second; {@code otherwise} when absent. */
  private static Duration interval(Map<String, ?> map, String key, String path, Duration otherwise,
      List<ConfigProblem> problems) {
    Object value = map.get(key);
    if (value == null) {
      return otherwise;
    }
    String text = string(map, key, path, problems);
    if (text == null) {
      if (!(value instanceof Map || value instanceof List)) {
        problems.add(new ConfigProblem(path, "must be a duration such as 60s, 15m, 1h or PT15M, found an empty value"));
      }
      return otherwise;
    }
    Duration interval = duration(text);
    if (interval == null) {
      problems.add(new ConfigProblem(path, "'" + text + "' is not a duration: write a whole number with its unit,"
          + " such as 60s, 15m, 1h or 1d, or ISO-8601 such as PT15M"));
      return otherwise;
    }
    if (interval.compareTo(RefreshSchedule.SHORTEST) < 0) {
      problems.add(new ConfigProblem(path, "'" + text + "' is shorter than the shortest interval, 1s"));
      return otherwise;
    }
    return interval;
  }

  private static LtvConfig ltv(Object value, List<ConfigProblem> problems) {
    if (value == null) {
      return LtvConfig.DEFAULT;
    }
    if (!(value instanceof Map<?, ?> raw)) {
      problems.add(new ConfigProblem("ltv", "must be a mapping such as { calibrationEnd: \"2025-06-30\", timeUnit: week,"
          + " discountRate: 0.1 }"));
      return LtvConfig.DEFAULT;
    }
    Map<String, Object> ltv = new LinkedHashMap<>();
    raw.forEach((k, v) -> ltv.put(String.valueOf(k), v));
    int before = problems.size();
    for (String key : ltv.keySet()) {
      if (!LTV_KEYS.contains(key)) {
        problems.add(new ConfigProblem("ltv." + key, "unknown key; known keys are " + sorted(LTV_KEYS)));
      }
    }
    LocalDate calibrationEnd = null;
    Object endValue = ltv.get("calibrationEnd");
    // A YAML parser may have turned an unquoted date into a timestamp already.
    String end = endValue instanceof Date date
        ? date.toInstant().atZone(ZoneOffset.UTC).toLocalDate().toString()
        : string(ltv, "calibrationEnd", "ltv.calibrationEnd", problems);
    if (end != null) {
      try {
        calibrationEnd = LocalDate.parse(end);
      } catch (DateTimeParseException e) {
        problems.add(new ConfigProblem("ltv.calibrationEnd", "must be a date yyyy-mm-dd, found '" + end + "'"));
      }
    }
    org.marketingsql.config.LtvTimeUnit unit = org.marketingsql.config.LtvTimeUnit.WEEK;
    String unitText = string(ltv, "timeUnit", "ltv.timeUnit", problems);
    if (unitText != null) {
      try {
        unit = org.marketingsql.config.LtvTimeUnit.valueOf(unitText.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(new ConfigProblem("ltv.timeUnit", "must be day, week or month, found '" + unitText + "'"));
      }
    }
    BigDecimal discount = BigDecimal.ZERO;
    String rate = string(ltv, "discountRate", "ltv.discountRate", problems);
    if (rate != null) {
      try {
        discount = new BigDecimal(rate);
        if (discount.signum() < 0 || discount.compareTo(BigDecimal.ONE) >= 0) {
          problems.add(new ConfigProblem("ltv.discountRate", "must be an annual rate in [0, 1) such as 0.1, found " + rate));
          discount = BigDecimal.ZERO;
        }
      } catch (NumberFormatException e) {
        problems.add(new ConfigProblem("ltv.discountRate", "must be a number such as 0.1, found '" + rate + "'"));
      }
    }
    return problems.size() == before ? new LtvConfig(calibrationEnd, unit, discount) : LtvConfig.DEFAULT;
  }

  private List<SourceConfig> sources(Object value, Path base, List<ConfigProblem> problems) {
    List<SourceConfig> sources = new ArrayList<>();
    if (value == null) {
      return sources;
    }
    if (!(value instanceof List<?> list)) {
      problems.add(new ConfigProblem("sources", "must be a list of sources"));
      return sources;
    }
    Set<String> names = new HashSet<>();
    for (int i = 0; i < list.size(); i++) {
      String at = "sources[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?> raw)) {
        problems.add(new ConfigProblem(at, "must be a mapping with name and type"));
        continue;
      }
      Map<String, Object> source = new LinkedHashMap<>();
      raw.forEach((k, v) -> source.put(String.valueOf(k), v));
      int before = problems.size();
      for (String key : source.keySet()) {
        if (!SOURCE_KEYS.contains(key) && !secretKeys.contains(key) && !settingKeys.contains(key)) {
          problems.add(new ConfigProblem(at + "." + key, "unknown key"));
        }
      }
      String name = string(source, "name", at + ".name", problems);
      if (name == null) {
        problems.add(new ConfigProblem(at + ".name", "is required"));
      } else if (!name.matches("[a-z][a-z0-9_]*")) {
        problems.add(new ConfigProblem(at + ".name", "'" + name + "' must be lower-case letters, digits and _"));
      } else if (name.equals("finance") || name.equals("sync") || !names.add(name)) {
        problems.add(new ConfigProblem(at + ".name", "'" + name + "' is already used by another schema"));
      }
      String typeKey = string(source, "type", at + ".type", problems);
      SourceType type = null;
      if (typeKey == null) {
        problems.add(new ConfigProblem(at + ".type", "is required"));
      } else {
        type = SourceType.fromKey(typeKey).orElse(null);
        if (type == null) {
          problems.add(new ConfigProblem(at + ".type", "unknown source type '" + typeKey + "'; known types: "
              + SourceType.values().stream().map(SourceType::key).toList()));
        } else if (!type.available()) {
          problems.add(new ConfigProblem(at + ".type", "source type '" + typeKey
              + "' is not available in this version yet; load its CSV exports with a csv-folder source instead"));
        }
      }
      Path path = null;
      String pathText = string(source, "path", at + ".path", problems);
      if (SourceType.CSV_FOLDER.equals(type)) {
        if (pathText == null) {
          problems.add(new ConfigProblem(at + ".path", "is required for a csv-folder source"));
        } else {
          path = base.resolve(pathText).normalize();
          if (!Files.isDirectory(path)) {
            problems.add(new ConfigProblem(at + ".path", "folder " + path + " does not exist"));
          }
        }
      }
      Locale locale = null;
      String localeText = string(source, "locale", at + ".locale", problems);
      if (localeText != null) {
        locale = Locale.forLanguageTag(localeText.replace('_', '-'));
        if (locale.getLanguage().isEmpty()) {
          problems.add(new ConfigProblem(at + ".locale", "'" + localeText + "' is not a locale such as de-DE"));
        }
      }
      Integer lookback = null;
      if (source.get("lookbackDays") != null) {
        lookback = integer(source.get("lookbackDays"));
        if (lookback == null || lookback < 0) {
          problems.add(new ConfigProblem(at + ".lookbackDays", "must be a number of days ≥ 0"));
          lookback = null;
        }
      }
      String currency = string(source, "currency", at + ".currency", problems);
      if (currency != null && !isCurrency(currency)) {
        problems.add(new ConfigProblem(at + ".currency", "'" + currency + "' is not an ISO 4217 currency code"));
      }
      Map<String, Secret> secrets = new LinkedHashMap<>();
      for (String key : secretKeys) {
        if (source.containsKey(key)) {
          Secret secret = secret(String.valueOf(source.get(key)), at + "." + key, problems);
          if (secret != null) {
            secrets.put(key, secret);
          }
        }
      }
      ApiSettings api = apiSettings(source, type, secrets, at, problems);
      if (source.get(BILLING) != null) {
        if (type != null && !type.billed()) {
          problems.add(new ConfigProblem(at + ".billing", "only ad sources and csv-folder sources are billed;"
              + " remove billing from this " + type.key() + " source"));
        } else {
          BillingReader.read(source.get("billing"), at + ".billing", problems);
        }
      }
      Map<String, Object> settings = new LinkedHashMap<>();
      for (String key : settingKeys) {
        if (source.get(key) != null) {
          settings.put(key, source.get(key));
        }
      }
      if (problems.size() == before && type != null) {
        sources.add(new SourceConfig(name, type, path, string(source, "format", at + ".format", problems),
            locale, lookback, currency, secrets, api.endpoint(), api.maxAge(), api.offline(), settings));
      }
    }
    return sources;
  }

  private Secret secret(String written, String path, List<ConfigProblem> problems) {
    Matcher m = REFERENCE.matcher(written.trim());
    if (!m.matches()) {
      // Never echo the value: it is probably the secret itself.
      problems.add(new ConfigProblem(path, "credentials must not be written into the configuration; reference them"
          + " as ${env:VARIABLE_NAME} or ${file:/run/secrets/name}"));
      return null;
    }
    String where = m.group(2).trim();
    if (m.group(1).equals("env")) {
      String value = environment.apply(where);
      if (value == null || value.isBlank()) {
        problems.add(new ConfigProblem(path, "environment variable " + where + " is not set"));
        return null;
      }
      return new Secret(written.trim(), value.trim());
    }
    try {
      return new Secret(written.trim(), Files.readString(Path.of(where), StandardCharsets.UTF_8).trim());
    } catch (IOException e) {
      problems.add(new ConfigProblem(path, "cannot read secret file " + where + " (" + e.getClass().getSimpleName() + ")"));
      return null;
    }
  }

  private record ApiSettings(String endpoint, Duration maxAge, boolean offline) {
  }

  /**
   * An ad platform source lists its accounts ({@code accountIds}, {@code customerIds}) or names one
   * ({@code accountId}, {@code customerId}); without either it has nothing to read. Google Ads may give
   * its manager ({@code loginCustomerId}) instead, whose client accounts it then reads.
   */
  private static void requireAnAccount(Map<String, Object> source, SourceType type, String at,
      List<ConfigProblem> problems) {
    List<String> keys = type == null ? List.of() : type.keys().stream().map(SourceKey::name).toList();
    for (String many : keys) {
      String one = many.substring(0, many.length() - 1);
      if (!many.endsWith("Ids") || !keys.contains(one) || source.containsKey(many) || source.containsKey(one)) {
        continue;
      }
      if (keys.contains("loginCustomerId") && source.containsKey("loginCustomerId")) {
        continue;
      }
      problems.add(new ConfigProblem(at + "." + one, "is required for a " + type.key() + " source (or " + many
          + ", a list of them)"));
    }
  }

  /** {@code endpoint}, {@code maxAge} and {@code offline}, and the keys (credentials and settings) the type needs. */
  private static ApiSettings apiSettings(Map<String, Object> source, SourceType type, Map<String, Secret> secrets,
      String at, List<ConfigProblem> problems) {
    for (SourceKey needed : type == null ? List.<SourceKey>of() : type.keys()) {
      if (needed.required() && !secrets.containsKey(needed.name()) && !source.containsKey(needed.name())) {
        problems.add(new ConfigProblem(at + "." + needed.name(), "is required for a " + type.key() + " source"
            + (needed.secret() ? "; reference it as ${env:VARIABLE_NAME} or ${file:/run/secrets/name}" : "")));
      }
    }
    requireAnAccount(source, type, at, problems);
    String endpoint = string(source, "endpoint", at + ".endpoint", problems);
    if (endpoint != null) {
      try {
        URI uri = new URI(endpoint);
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
          problems.add(new ConfigProblem(at + ".endpoint", "'" + endpoint + "' is not an http(s) URL such as https://api.stripe.com"));
        }
      } catch (URISyntaxException e) {
        problems.add(new ConfigProblem(at + ".endpoint", "'" + endpoint + "' is not a URL: " + e.getReason()));
      }
    }
    Duration maxAge = null;
    String maxAgeText = string(source, "maxAge", at + ".maxAge", problems);
    if (maxAgeText != null) {
      maxAge = duration(maxAgeText);
      if (maxAge == null) {
        problems.add(new ConfigProblem(at + ".maxAge", "'" + maxAgeText
            + "' is not a positive duration such as 30m, 6h, 1d or PT6H"));
      }
    }
    boolean offline = false;
    Object offlineValue = source.get("offline");
    if (offlineValue != null) {
      String text = offlineValue.toString().trim();
      if (!text.equals("true") && !text.equals("false")) {
        problems.add(new ConfigProblem(at + ".offline", "must be true or false, not '" + text + "'"));
      }
      offline = text.equals("true");
    }
    return new ApiSettings(endpoint, maxAge, offline);
  }

  /** {@code 30m}, {@code 6h}, {@code 1d}, {@code 90s} or ISO-8601 ({@code PT6H}); null when neither or not positive. */
  private static Duration duration(String text) {
    Matcher m = Pattern.compile("(\\d+)\\s*([smhd])").matcher(text);
    Duration d;
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      d = switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    } else {
      try {
        d = Duration.parse(text);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
    return d.isZero() || d.isNegative() ? null : d;
  }

  private static String string(Map<String, ?> map, String key, String path, List<ConfigProblem> problems) {
    Object value = map.get(key);
    if (value == null) {
      return null;
    }
    if (value instanceof Map || value instanceof List) {
      problems.add(new ConfigProblem(path, "must be a single value"));
      return null;
    }
    String text = value.toString().trim();
    return text.isEmpty() ? null : text;
  }

  private static BigDecimal share(Object value, String path, List<ConfigProblem> problems) {
    try {
      BigDecimal share = new BigDecimal(value.toString());
      if (share.signum() <= 0 || share.compareTo(BigDecimal.ONE) > 0) {
        problems.add(new ConfigProblem(path, "must be a share in (0, 1], found " + value));
        return null;
      }
      return share;
    } catch (NumberFormatException e) {
      problems.add(new ConfigProblem(path, "must be a number such as 0.6 (or one per product line:"
          + " { default: 0.6, hardware: 0.35 }), found '" + value + "'"));
      return null;
    }
  }

  private static Integer integer(Object value) {
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.intValue();
    }
    try {
      return Integer.valueOf(value.toString().trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static boolean isCurrency(String code) {
    try {
      return Currency.getInstance(code).getCurrencyCode().equals(code);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static List<String> sorted(Set<String> keys) {
    return keys.stream().sorted().toList();
  }
}
