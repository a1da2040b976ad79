package org.marketingsql.config;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the {@code attribution} key:
 * <pre>
 * attribution: { model: last_touch, lookbackDays: 30 }      # the defaults
 * attribution:
 *   model: time_decay
 *   halfLifeDays: 7
 *   channels: { newsletter: email, yt: google_ads }         # utm_source → channel, over the defaults
 * </pre>
 * Problems are reported with their key path, e.g. {@code attribution.model}.
 */
final class AttributionReader {
  private static final Set<String> KEYS = Set.of("model", "lookbackDays", "halfLifeDays", "channels");

  private AttributionReader() {
  }

  /** The attribution settings, or {@link AttributionConfig#DEFAULT} when {@code value} is null or wrong. */
  static AttributionConfig read(Object value, List<ConfigProblem> problems) {
    if (value == null) {
      return AttributionConfig.DEFAULT;
    }
    if (!(value instanceof Map<?, ?> raw)) {
      problems.add(new ConfigProblem("attribution", "must be a mapping such as { model: last_touch, lookbackDays: 30 }"));
      return AttributionConfig.DEFAULT;
    }
    Map<String, Object> map = new LinkedHashMap<>();
    raw.forEach((k, v) -> map.put(String.valueOf(k), v));
    int before = problems.size();
    for (String key : map.keySet()) {
      if (!KEYS.contains(key)) {
        problems.add(new ConfigProblem("attribution." + key, "unknown key; known keys are "
            + KEYS.stream().sorted().toList()));
      }
    }
    AttributionConfig defaults = AttributionConfig.DEFAULT;
    String model = defaults.model();
    Object modelValue = map.get("model");
    if (modelValue != null) {
      String text = modelValue.toString().trim();
      if (!(modelValue instanceof String) || !AttributionConfig.MODELS.contains(text)) {
        problems.add(new ConfigProblem("attribution.model", "must be one of " + AttributionConfig.MODELS
            + ", found '" + modelValue + "'"));
      } else {
        model = text;
      }
    }
    int lookback = days(map.get("lookbackDays"), "attribution.lookbackDays", 0, defaults.lookbackDays(), problems);
    int halfLife = days(map.get("halfLifeDays"), "attribution.halfLifeDays", 1, defaults.halfLifeDays(), problems);
    Map<String, String> channels = new HashMap<>(AttributionConfig.DEFAULT_CHANNELS);
    Object channelsValue = map.get("channels");
    if (channelsValue instanceof Map<?, ?> given) {
      for (Map.Entry<?, ?> entry : given.entrySet()) {
        String source = String.valueOf(entry.getKey()).trim();
        Object channel = entry.getValue();
        String path = "attribution.channels." + source;
        if (source.isEmpty()) {
          problems.add(new ConfigProblem("attribution.channels", "a utm_source must not be empty"));
        } else if (!(channel instanceof String text) || !text.trim().matches("[a-z][a-z0-9_]*")) {
          problems.add(new ConfigProblem(path, "must be a channel name of lower-case letters, digits and _ such as"
              + " google_ads, found '" + channel + "'"));
        } else {
          channels.put(source, text.trim());
        }
      }
    } else if (channelsValue != null) {
      problems.add(new ConfigProblem("attribution.channels", "must be a mapping from utm_source to channel such as"
          + " { newsletter: email }"));
    }
    return problems.size() == before ? new AttributionConfig(model, lookback, halfLife, channels) : defaults;
  }

  private static int days(Object value, String path, int min, int fallback, List<ConfigProblem> problems) {
    if (value == null) {
      return fallback;
    }
    if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue()) && n.intValue() >= min) {
      return n.intValue();
    }
    try {
      int days = Integer.parseInt(value.toString().trim());
      if (days >= min) {
        return days;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(new ConfigProblem(path, "must be a whole number of days, " + min + " or more, found '" + value + "'"));
    return fallback;
  }
}
