package org.marketingsql.source.export;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.marketingsql.config.SourceType;
import org.marketingsql.source.ExportLayout;
import org.marketingsql.source.Feed;
import org.marketingsql.source.SourceColumn;
import org.marketingsql.source.SourceDescriptor;

/** The {@code csv-folder} source in the registry: a folder of exports, each file a table. */
public final class ExportFolder {
  /**
   * This source in the registry; its type is the configuration's own {@link SourceType#CSV_FOLDER}. The
   * ad platforms' and payment tools' export formats are named by their own descriptors; this one names
   * the exports of tools with no source of their own, and the finance inputs it recognises by header.
   */
  public static final SourceDescriptor DESCRIPTOR = new SourceDescriptor(SourceType.CSV_FOLDER, "Export folder",
      "A folder of CSV and Excel exports. Each file becomes a table named after it; ad platform and order exports"
          + " are recognised by their first lines and header, and they and the finance inputs feed the finance views."
          + " How files are read (locales, overlapping downloads, bad rows): [exports.md](exports.md).",
      List.of(), List.of(OrderExportFormat.shopifyOrders()),
      Stream.concat(Stream.of(ConversionReportReader.LAYOUT), Arrays.stream(InputKind.values()).map(InputKind::layout))
          .toList(), null);

  private ExportFolder() {
  }

  /**
   * The descriptions of a loaded export's columns, by column, for its REMARKS: those its layout declares.
   *
   * @param inputKind the {@link InputKind} the file was recognised as, by name; null for a generic table, and
   *     an input only API sources feed (such as reference FX rates) has no export layout either
   * @param columns the table's columns
   */
  public static Map<String, String> columnRemarks(String inputKind, List<String> columns) {
    if (Feed.Input.CONVERSIONS.kind().equals(inputKind) && columns.contains("export_format")) {
      return remarks(ConversionReportReader.LAYOUT, columns);
    }
    InputKind kind = inputKind == null ? null : Arrays.stream(InputKind.values())
        .filter(k -> k.name().equals(inputKind)).findFirst().orElse(null);
    if (kind == null) {
      return Map.of();
    }
    if (kind == InputKind.NPS_SURVEY) {
      return NpsColumns.remarks(columns);
    }
    // platform reports and order exports load under the kind they feed; their layouts hold its columns and more
    ExportLayout layout = switch (kind) {
      case AD_SPEND -> AdExportReader.LAYOUT;
      case ORDERS -> OrderExportReader.LAYOUT;
      default -> kind.layout();
    };
    return remarks(layout, columns);
  }

  private static Map<String, String> remarks(ExportLayout layout, List<String> columns) {
    Map<String, String> remarks = new LinkedHashMap<>();
    for (String name : columns) {
      SourceColumn column = layout.column(name);
      if (column != null) {
        remarks.put(name, column.description());
      }
    }
    return remarks;
  }
}
