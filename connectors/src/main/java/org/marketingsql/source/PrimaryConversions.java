package org.marketingsql.source;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.config.SourceKey;

/**
 * Which conversion actions of an ad source count as primary in {@code finance.conversions_daily}: the
 * source's {@code primaryConversions} (names or ids, any case) when it sets them, else the platform's own
 * notion, which each platform's conversion table carries as {@code platform_primary}.
 */
public final class PrimaryConversions {
  /** A count the platform does not report, as the feed's SQL writes it. */
  public static final String NO_COUNT = "CAST(NULL AS " + SqlType.MONEY.sql() + ")";
  /** The configuration key. */
  public static final String KEY = "primaryConversions";

  private PrimaryConversions() {
  }

  /**
   * The key as an ad platform's descriptor declares it.
   *
   * @param platformDefault what counts as primary without it, in words, for the docs
   */
  public static SourceKey key(String platformDefault) {
    return SourceKey.optional(KEY, "The conversion actions counted as primary in finance.conversions_daily, a list"
        + " of action names or ids (any case), e.g. [purchase, Sign-up].", platformDefault);
  }

  /**
   * The source's {@code primaryConversions}, trimmed and in lower case, without empty entries; empty when
   * the source leaves the platform to decide.
   */
  public static List<String> of(SourceConfig config) {
    Object value = config.settings().get(KEY);
    if (value == null) {
      return List.of();
    }
    List<String> items = value instanceof List<?> list ? list.stream().map(String::valueOf).toList()
        : Arrays.asList(String.valueOf(value).split(","));
    return items.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).filter(s -> !s.isEmpty()).distinct().toList();
  }

  /**
   * How a platform's conversions table feeds finance's conversions input: every column under its own name,
   * the platform as a literal, only rows with a day, an action and a currency.
   */
  public static Feed feed(String platform) {
    return feed(platform, Map.of());
  }

  /**
   * As {@link #feed(String)}, with some of the input's columns given by other SQL expressions over the table
   * (a measure the platform does not report is {@link #NO_COUNT}).
   */
  public static Feed feed(String platform, Map<String, String> expressions) {
    Map<String, String> columns = new LinkedHashMap<>();
    for (String column : Feed.Input.CONVERSIONS.columns()) {
      columns.put(column, column.equals("platform") ? "'" + platform + "'"
          : expressions.getOrDefault(column, "\"" + column + "\""));
    }
    if (!columns.keySet().containsAll(expressions.keySet())) {
      throw new IllegalArgumentException("the conversions input has no column among " + expressions.keySet());
    }
    return new Feed(Feed.Input.CONVERSIONS, columns,
        "\"date\" IS NOT NULL AND \"conversion_action\" IS NOT NULL AND \"currency\" IS NOT NULL");
  }
}
