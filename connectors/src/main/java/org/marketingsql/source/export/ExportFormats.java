package org.marketingsql.source.export;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.marketingsql.source.ExportFormat;

/**
 * The export formats an export folder tells apart: the ad platforms' reports and the payment and CRM
 * tools' order exports that the sources' descriptors name. The registry gathers them; detection tries
 * the ad formats by their {@link AdExportFormat#detectionRank()}, the order formats in the given order.
 *
 * @param ads the ad platforms' formats, in the order detection tries them
 * @param orders the order exports' formats
 */
public record ExportFormats(List<AdExportFormat> ads, List<OrderExportFormat> orders) {
  public ExportFormats {
    ads = ads.stream().sorted(Comparator.comparingInt(AdExportFormat::detectionRank)).toList();
    orders = List.copyOf(orders);
  }

  /** The ad and order formats among {@code formats}. */
  public static ExportFormats of(List<? extends ExportFormat> formats) {
    List<AdExportFormat> ads = new ArrayList<>();
    List<OrderExportFormat> orders = new ArrayList<>();
    for (ExportFormat format : formats) {
      if (format instanceof AdExportFormat ad) {
        ads.add(ad);
      } else if (format instanceof OrderExportFormat order) {
        orders.add(order);
      } else {
        throw new IllegalArgumentException("no reader for the export format " + format.name());
      }
    }
    return new ExportFormats(ads, orders);
  }

  /** What a {@code format} setting may name: {@code csv} (a plain table), then each format. */
  public List<String> names() {
    return Stream.concat(Stream.of("csv"), Stream.concat(ads.stream().map(AdExportFormat::name),
        orders.stream().map(OrderExportFormat::name))).toList();
  }

  /**
   * The ad report in the file, if a platform recognises it.
   *
   * @param configured the source's {@code format} setting, or null to detect: a platform name
   *     ({@code google-ads}, {@code google_ads}) picks that platform; {@code csv} and the order formats
   *     ({@code stripe}, {@code shopify}, {@code hubspot}) give null
   * @throws ExportException when the configured platform does not recognise the file, or names no format
   */
  public AdReport detectAd(ExportPreview preview, String configured, Locale locale) throws ExportException {
    LocaleDates dates = new LocaleDates(preview.file(), locale);
    if (configured == null || configured.isBlank()) {
      for (AdExportFormat format : ads) {
        AdReport report = format.detect(preview, dates);
        if (report != null) {
          return report;
        }
      }
      return null;
    }
    String wanted = wanted(configured);
    if (wanted.equals("csv") || orders.stream().anyMatch(f -> wanted(f.name()).equals(wanted))) {
      return null;
    }
    for (AdExportFormat format : ads) {
      if (wanted(format.name()).equals(wanted)) {
        AdReport report = format.detect(preview, dates);
        if (report == null) {
          throw ExportException.ofFile(preview.file(), "the source's format is " + configured + ", but this file is"
              + " not a " + format.label() + " export: " + format.shape(), null);
        }
        return report;
      }
    }
    throw unknown(preview.file(), configured);
  }

  /**
   * The tool whose order export has this header, or null for any other file.
   *
   * @param configured the source's {@code format} setting, or null to detect; ad platform names and
   *     {@code csv} give null here
   * @throws ExportException when the setting names no known format
   */
  public OrderExportFormat detectOrders(Path file, List<String> header, String configured) throws ExportException {
    List<String> keys = header.stream().map(AdColumns::key).toList();
    if (configured == null || configured.isBlank()) {
      return orders.stream().filter(f -> f.recognises(keys)).findFirst().orElse(null);
    }
    String wanted = wanted(configured);
    for (OrderExportFormat format : orders) {
      if (wanted(format.name()).equals(wanted)) {
        return format;
      }
    }
    if (!names().stream().map(ExportFormats::wanted).toList().contains(wanted)) {
      throw unknown(file, configured);
    }
    return null;
  }

  private ExportException unknown(Path file, String configured) {
    return ExportException.ofFile(file, "the source's format '" + configured + "' is none of "
        + String.join(", ", names()), null);
  }

  /** A format's name as compared: lower case, {@code google-ads} and {@code google_ads} alike. */
  private static String wanted(String name) {
    return name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
  }
}
