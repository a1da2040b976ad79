package org.marketingsql.source.registry;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.config.SourceType;
import org.marketingsql.config.SourceTypes;
import org.marketingsql.source.ApiSource;
import org.marketingsql.source.SourceDescriptor;
import org.marketingsql.source.export.ExportFolder;
import org.marketingsql.source.export.ExportFormats;
import org.marketingsql.source.fx.EcbRatesSource;
import org.marketingsql.source.googleads.GoogleAdsSource;
import org.marketingsql.source.hubspot.HubSpotSource;
import org.marketingsql.source.linkedinads.LinkedInAdsSource;
import org.marketingsql.source.metaads.MetaAdsSource;
import org.marketingsql.source.microsoftads.MicrosoftAdsSource;
import org.marketingsql.source.stripe.StripeSource;
import org.marketingsql.source.http.RetryPolicy;
import org.marketingsql.source.http.Sleeper;

/**
 * Every source this build reads, one descriptor each: configuration validation (through
 * {@link SourceTypes}, found by {@link java.util.ServiceLoader}), {@code check}, sync, billing and
 * the docs read them from here. A new source is one package with its descriptor and one line below.
 */
public final class SourceRegistry implements SourceTypes {
  private static final List<SourceDescriptor> ALL = List.of(
      ExportFolder.DESCRIPTOR,
      GoogleAdsSource.DESCRIPTOR,
      MetaAdsSource.DESCRIPTOR,
      LinkedInAdsSource.DESCRIPTOR,
      MicrosoftAdsSource.DESCRIPTOR,
      HubSpotSource.DESCRIPTOR,
      StripeSource.DESCRIPTOR,
      EcbRatesSource.DESCRIPTOR);

  /** For {@link java.util.ServiceLoader} only; use the static methods. */
  public SourceRegistry() {
  }

  @Override
  public List<SourceType> types() {
    return ALL.stream().map(SourceDescriptor::type).toList();
  }

  /** The export formats every source names, which an export folder detects among. */
  private static final ExportFormats EXPORT_FORMATS = ExportFormats.of(
      ALL.stream().flatMap(d -> d.exports().stream()).toList());

  /** The export formats of every source: what an export folder recognises, and what its {@code format} key may name. */
  public static ExportFormats exportFormats() {
    return EXPORT_FORMATS;
  }

  /** Every source, in the order users see them listed. */
  public static List<SourceDescriptor> all() {
    return ALL;
  }

  /** The descriptor of a source type, if this build reads it. */
  public static Optional<SourceDescriptor> find(SourceType type) {
    return ALL.stream().filter(d -> d.type().equals(type)).findFirst();
  }

  /** Whether a source type is read from an API (and so synced) rather than from files. */
  public static boolean isApi(SourceType type) {
    return find(type).map(SourceDescriptor::isApi).orElse(false);
  }

  /**
   * The API source a configuration entry names.
   *
   * @throws IllegalArgumentException when it is not an API source, or lacks a setting it needs
   */
  public static ApiSource open(SourceConfig source, RetryPolicy policy, Sleeper sleeper, Clock clock) {
    return find(source.type()).filter(SourceDescriptor::isApi)
        .orElseThrow(() -> new IllegalArgumentException(source.name() + " is not an API source"))
        .open(source, policy, sleeper, clock);
  }
}
