package org.marketingsql.source.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.marketingsql.config.SourceConfig;
import org.marketingsql.config.SourceType;
import org.marketingsql.source.ExportFormat;
import org.marketingsql.source.SourceDescriptor;
import org.marketingsql.source.export.AdExportFormat;
import org.marketingsql.source.googleads.GoogleAdsSource;
import org.marketingsql.source.stripe.StripeSource;
import org.marketingsql.source.http.RetryPolicy;
import org.marketingsql.source.http.Sleeper;

/** The registry: one descriptor per source, and what configuration finds through it. */
class SourceRegistryTest {
  @Test
  void theConfigurationKnowsEveryRegisteredTypeInTheRegistrysOrderThenTheFileSourcesNotYetAvailable() {
    assertEquals(List.of("csv-folder", "google-ads", "meta-ads", "linkedin-ads", "microsoft-ads", "hubspot", "stripe",
        "fx", "budgets", "nps"), SourceType.values().stream().map(SourceType::key).toList());
    assertEquals(SourceRegistry.all().stream().map(SourceDescriptor::type).toList(),
        SourceType.values().subList(0, SourceRegistry.all().size()));
  }

  @Test
  void theBilledPlatformsAreTheAdPlatforms() {
    assertEquals(List.of("google_ads", "meta_ads", "linkedin_ads", "microsoft_ads"), SourceType.billedPlatforms());
  }

  @Test
  void everyAdPlatformNamesTheExportFormatOfItsOwnPlatform() {
    for (SourceDescriptor source : SourceRegistry.all()) {
      source.exports().stream().filter(AdExportFormat.class::isInstance).map(AdExportFormat.class::cast)
          .forEach(f -> assertEquals(source.platform(), Optional.of(f.platform()), source.type().key()));
    }
    assertEquals(List.of("google-ads"), GoogleAdsSource.DESCRIPTOR.exports().stream().map(ExportFormat::name).toList());
    assertEquals(List.of("stripe"), StripeSource.DESCRIPTOR.exports().stream().map(ExportFormat::name).toList());
  }

  @Test
  void theFormatKeyNamesCsvThenTheAdPlatformsInDetectionOrderThenTheOrderExports() {
    assertEquals(List.of("csv", "microsoft-ads", "meta-ads", "linkedin-ads", "google-ads", "shopify", "hubspot", "stripe"),
        SourceRegistry.exportFormats().names());
  }

  @Test
  void everyApiSourceDeclaresATableWhoseFirstColumnIsItsKeyAndEveryColumnADescription() {
    for (SourceDescriptor source : SourceRegistry.all()) {
      assertEquals(source.isApi(), !source.tables().isEmpty(), source.type().key());
      source.tables().forEach(t -> assertEquals("id", t.columns().get(0).name(), t.name()));
    }
  }

  @Test
  void aFileSourceIsNotOpenedAsAnApi() {
    SourceConfig exports = new SourceConfig("exports", SourceType.CSV_FOLDER, null, null, null, null, null, Map.of());
    assertFalse(SourceRegistry.isApi(SourceType.CSV_FOLDER));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SourceRegistry.open(exports, RetryPolicy.defaults(), Sleeper.REAL, Clock.systemUTC()));
    assertEquals("exports is not an API source", e.getMessage());
  }
}
