package org.marketingsql.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One configured source: its schema name, type, and the settings that type reads.
 *
 * @param name schema name the source's tables appear under (e.g. {@code exports})
 * @param type the source type
 * @param path folder of a {@code csv-folder} source, resolved against the configuration's folder
 * @param format export format override, or null to detect it from each file
 * @param locale the exports' locale for numbers and dates, or null for the default
 * @param currency the accounts' currency (ISO code), for exports that do not say it; null if not set
 * @param lookbackDays days at the end of the data whose numbers may still change (NULL: none)
 * @param secrets credential values, already resolved from their references; never logged
 * @param endpoint an API source's host root overriding the API's own (proxies, tests), or null
 * @param maxAge an API source syncs on connect when its last sync is older than this; null: never on connect
 * @param offline an API source never calls out, not even from {@code marketing-sql sync}
 * @param settings the type's own non-secret keys as the configuration gives them (e.g. {@code customerId},
 *     {@code tokenEndpoint}, {@code billing}): strings, lists or mappings
 */
public record SourceConfig(
    String name,
    SourceType type,
    Path path,
    String format,
    Locale locale,
    Integer lookbackDays,
    String currency,
    Map<String, Secret> secrets,
    String endpoint,
    Duration maxAge,
    boolean offline,
    Map<String, Object> settings) {

  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_]*");

  public SourceConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "source name '" + name + "' must be lower-case letters, digits and _ (it becomes a schema name)");
    }
    if (lookbackDays != null && lookbackDays < 0) {
      throw new IllegalArgumentException("lookbackDays must not be negative: " + lookbackDays);
    }
    secrets = Map.copyOf(secrets);
    settings = Map.copyOf(settings);
    if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
      throw new IllegalArgumentException("maxAge must be positive: " + maxAge);
    }
    List<ConfigProblem> problems = new ArrayList<>();
    BillingReader.read(settings.get("billing"), name + ".billing", problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(problems.get(0).toString());
    }
  }

  /**
   * The source's {@code billing} terms, by platform and account (see {@link SourceBilling} for the
   * precedence); {@link SourceBilling#NONE} when it sets none.
   */
  public SourceBilling billing() {
    return BillingReader.read(settings.get("billing"), name + ".billing", new ArrayList<>());
  }

  /** A source without type-specific settings. */
  public SourceConfig(String name, SourceType type, Path path, String format, Locale locale, Integer lookbackDays,
      String currency, Map<String, Secret> secrets, String endpoint, Duration maxAge, boolean offline) {
    this(name, type, path, format, locale, lookbackDays, currency, secrets, endpoint, maxAge, offline, Map.of());
  }

  /** The secret at {@code key}, which this source needs. */
  public Secret secret(String key) {
    Secret secret = secrets.get(key);
    if (secret == null) {
      throw new IllegalArgumentException("source " + name + " needs " + key);
    }
    return secret;
  }

  /** A type-specific setting that is a date ({@code 2025-01-01}), or null when absent or blank. */
  public LocalDate dateSetting(String key) {
    String value = setting(key);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("source " + name + ": " + key + " '" + value
          + "' is not a date such as 2025-01-01", e);
    }
  }

  /** This source with another {@code maxAge} (the same settings otherwise). */
  public SourceConfig withMaxAge(Duration other) {
    return new SourceConfig(name, type, path, format, locale, lookbackDays, currency, secrets, endpoint, other, offline,
        settings);
  }

  /** A type-specific setting as text, or null when absent. */
  public String setting(String key) {
    Object value = settings.get(key);
    return value == null ? null : String.valueOf(value);
  }

  /** A source without API settings (files on disk). */
  public SourceConfig(String name, SourceType type, Path path, String format, Locale locale, Integer lookbackDays,
      String currency, Map<String, Secret> secrets) {
    this(name, type, path, format, locale, lookbackDays, currency, secrets, null, null, false, Map.of());
  }
}
