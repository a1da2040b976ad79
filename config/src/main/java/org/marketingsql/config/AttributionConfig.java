package org.marketingsql.config;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How each order's revenue is credited to a channel and a campaign (configuration key {@code attribution},
 * see docs/configuration.md).
 *
 * @param model one of {@link #MODELS}, the attribution model that shares an order among its touchpoints
 * @param lookbackDays touchpoints up to this many days before the order's day (and on it) count
 * @param halfLifeDays the half-life of {@code time_decay}; the other models ignore it
 * @param channels the channel each {@code utm_source} (lower case, trimmed) stands for: the defaults with the
 *     configured entries on top
 */
public record AttributionConfig(String model, int lookbackDays, int halfLifeDays, Map<String, String> channels) {
  /** The five models, as the configuration and {@code ATTRIBUTED_REVENUE} name them. */
  public static final List<String> MODELS = List.of("first_touch", "last_touch", "linear", "time_decay",
      "position_based");

  /** The channel each well-known {@code utm_source} stands for, when the configuration does not say. */
  public static final Map<String, String> DEFAULT_CHANNELS = defaults();

  /** Last touch over 30 days, time decay halving every 7 days, the default channel mapping. */
  public static final AttributionConfig DEFAULT = new AttributionConfig("last_touch", 30, 7, DEFAULT_CHANNELS);

  public AttributionConfig {
    Objects.requireNonNull(model, "model");
    if (!MODELS.contains(model)) {
      throw new IllegalArgumentException("attribution model must be one of " + MODELS + ", not '" + model + "'");
    }
    if (lookbackDays < 0) {
      throw new IllegalArgumentException("lookbackDays must be 0 or more: " + lookbackDays);
    }
    if (halfLifeDays <= 0) {
      throw new IllegalArgumentException("halfLifeDays must be positive: " + halfLifeDays);
    }
    Map<String, String> normalised = new TreeMap<>();
    channels.forEach((source, channel) -> normalised.put(key(source), Objects.requireNonNull(channel, source)));
    channels = Map.copyOf(normalised);
  }

  /** The channel a {@code utm_source} value stands for: its mapping, else the value itself in lower case; null for none. */
  public String channelOf(String utmSource) {
    if (utmSource == null || utmSource.isBlank()) {
      return null;
    }
    String key = key(utmSource);
    return channels.getOrDefault(key, key);
  }

  /** The settings as one line: the facts are rebuilt when it changes. */
  public String describe() {
    return "model=" + model + ";lookbackDays=" + lookbackDays + ";halfLifeDays=" + halfLifeDays + ";channels="
        + new TreeMap<>(channels);
  }

  private static String key(String utmSource) {
    return utmSource.trim().toLowerCase(Locale.ROOT);
  }

  private static Map<String, String> defaults() {
    Map<String, String> map = new LinkedHashMap<>();
    map.put("google", "google_ads");
    Arrays.asList("facebook", "fb", "instagram", "ig", "meta").forEach(s -> map.put(s, "meta_ads"));
    map.put("linkedin", "linkedin_ads");
    map.put("bing", "microsoft_ads");
    map.put("microsoft", "microsoft_ads");
    return Map.copyOf(map);
  }
}
