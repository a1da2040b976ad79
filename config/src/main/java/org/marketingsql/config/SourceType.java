package org.marketingsql.config;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of source a configuration may name (docs/configuration.md), and whether this build has them. */
public enum SourceType {
  CSV_FOLDER("csv-folder", true),
  GOOGLE_ADS("google-ads", true),
  META_ADS("meta-ads", true),
  LINKEDIN_ADS("linkedin-ads", true),
  MICROSOFT_ADS("microsoft-ads", true),
  HUBSPOT("hubspot", true),
  STRIPE("stripe", true),
  BUDGETS("budgets", false),
  NPS("nps", false);

  private final String key;
  private final boolean available;

  SourceType(String key, boolean available) {
    this.key = key;
    this.available = available;
  }

  /** The name used in the configuration, e.g. {@code csv-folder}. */
  public String key() {
    return key;
  }

  /** Whether this build can read such a source; the others are refused with a clear message. */
  public boolean available() {
    return available;
  }

  /**
   * Days at the end of the data an API re-reads on every sync because the platform restates them
   * (conversions arrive late, refunds come weeks after the charge), when the source sets no
   * {@code lookbackDays}; 0 for sources that do not restate.
   */
  public int defaultLookbackDays() {
    return switch (this) {
      case GOOGLE_ADS, META_ADS, LINKEDIN_ADS, MICROSOFT_ADS -> 14;
      case STRIPE -> 30;
      default -> 0;
    };
  }

  /** Whether the source holds ad spend, so its {@code billing} terms date cash. */
  public boolean billed() {
    return switch (this) {
      case CSV_FOLDER, GOOGLE_ADS, META_ADS, LINKEDIN_ADS, MICROSOFT_ADS -> true;
      default -> false;
    };
  }

  public static Optional<SourceType> fromKey(String key) {
    return Arrays.stream(values()).filter(t -> t.key.equals(key)).findFirst();
  }
}
