package org.marketingsql.source.export;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Which column of one ad report plays which {@link AdRole}, found by the platform's own header names.
 *
 * @param header the header cells as written
 * @param positions the 0-based column of each role the report has
 * @param headerCurrency the currency written in a header ({@code Amount spent (USD)}), or null
 * @param conversionsIndicator the column saying what {@link AdRole#CONVERSIONS} counts (Meta's
 *     {@code Result indicator}), -1 when the conversions column always counts conversions
 */
public record AdColumns(List<String> header, Map<AdRole, Integer> positions, String headerCurrency, int conversionsIndicator) {

  public AdColumns {
    header = List.copyOf(header);
    positions = Map.copyOf(positions);
  }

  /** Starts a mapping over {@code header}. */
  static Builder over(List<String> header) {
    return new Builder(header);
  }

  /** The column of {@code role}, or -1. */
  int position(AdRole role) {
    return positions.getOrDefault(role, -1);
  }

  boolean has(AdRole role) {
    return positions.containsKey(role);
  }

  /** The header cell of {@code role}'s column, for messages. */
  String name(AdRole role) {
    return header.get(position(role));
  }

  /** A header cell reduced to lower-case letters and digits, so {@code Campaign name} matches {@code CampaignName}. */
  static String key(String cell) {
    StringBuilder sb = new StringBuilder(cell.length());
    for (int i = 0; i < cell.length(); i++) {
      char c = cell.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        sb.append(Character.toLowerCase(c));
      }
    }
    return sb.toString().toLowerCase(Locale.ROOT);
  }

  /** Collects positions by header names, first listed name that exists wins. */
  static final class Builder {
    private final List<String> header;
    private final List<String> keys;
    private final Map<AdRole, Integer> positions = new EnumMap<>(AdRole.class);
    private String headerCurrency;
    private int indicator = -1;

    private Builder(List<String> header) {
      this.header = List.copyOf(header);
      this.keys = this.header.stream().map(AdColumns::key).toList();
    }

    /** Maps {@code role} to the first of {@code names} the header has; does nothing if none. */
    Builder role(AdRole role, String... names) {
      for (String name : names) {
        int at = keys.indexOf(key(name));
        if (at >= 0) {
          positions.put(role, at);
          return this;
        }
      }
      return this;
    }

    /** The 0-based column named {@code name}, or -1. */
    int find(String name) {
      return keys.indexOf(key(name));
    }

    Builder position(AdRole role, int position) {
      if (position >= 0) {
        positions.put(role, position);
      }
      return this;
    }

    Builder headerCurrency(String currency) {
      this.headerCurrency = currency;
      return this;
    }

    Builder conversionsIndicator(int position) {
      this.indicator = position;
      return this;
    }

    boolean has(AdRole role) {
      return positions.containsKey(role);
    }

    AdColumns build() {
      return new AdColumns(header, positions, headerCurrency, indicator);
    }
  }

  @Override
  public String toString() {
    return "AdColumns" + positions + (headerCurrency == null ? "" : " currency " + headerCurrency);
  }

  /**
   * The mapping with the currency every row is in: the report's own (a column or a header) wins, else
   * the source's configured {@code currency}; a report with neither is refused.
   */
  public AdColumns withCurrency(String configured, Path file, String platformLabel) throws ExportException {
    if (has(AdRole.CURRENCY) || headerCurrency != null) {
      return this;
    }
    if (configured != null) {
      return new AdColumns(header, positions, configured, conversionsIndicator);
    }
    throw ExportException.ofFile(file, "looks like a " + platformLabel + " export (it has column " + name(AdRole.SPEND)
        + ") but lacks column a currency; add it to the report and download it again, or set currency: on the source",
        null);
  }

  /** Checks the mapping has what every ad report needs; the message names the platform's own column names. */
  void requireCore(Path file, String platformLabel, String dateNames, String campaignNames)
      throws ExportException {
    Objects.requireNonNull(file, "file");
    String missing = null;
    if (!has(AdRole.DATE)) {
      missing = dateNames;
    } else if (!has(AdRole.CAMPAIGN_ID) && !has(AdRole.CAMPAIGN_NAME)) {
      missing = campaignNames;
    }
    if (missing != null) {
      throw ExportException.ofFile(file, "looks like a " + platformLabel + " export (it has column "
          + name(AdRole.SPEND) + ") but lacks column " + missing + "; add it to the report and download it again",
          null);
    }
  }
}
