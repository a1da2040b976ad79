package org.marketingsql.source.export;

import java.util.List;
import java.util.stream.Stream;
import org.marketingsql.config.SourceType;
import org.marketingsql.source.SourceDescriptor;

/** The {@code csv-folder} source in the registry: a folder of exports, each file a table. */
public final class ExportFolder {
  /** This source in the registry; its type is the configuration's own {@link SourceType#CSV_FOLDER}. */
  public static final SourceDescriptor DESCRIPTOR = new SourceDescriptor(SourceType.CSV_FOLDER, "Export folder",
      "A folder of CSV and Excel exports (key path: the folder, relative to the configuration). Each file becomes"
          + " a table named after it; ad platform and order exports are recognised by their header and feed the"
          + " finance views. Optional keys: format (one format for every file instead of detecting it), locale"
          + " (of numbers and dates, e.g. de-DE), currency (for exports that do not say it).",
      List.of(), formats(), null);

  private ExportFolder() {
  }

  /** The formats a {@code format} setting may name: {@code csv}, each ad platform, each order export. */
  private static List<String> formats() {
    return Stream.concat(Stream.of("csv"), Stream.concat(
        AdExportFormat.all().stream().map(f -> f.platform().replace('_', '-')),
        OrderExportFormat.all().stream().map(OrderExportFormat::name))).toList();
  }
}
