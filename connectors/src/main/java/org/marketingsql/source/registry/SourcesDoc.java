package org.marketingsql.source.registry;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.marketingsql.config.SourceKey;
import org.marketingsql.config.SourceKeys;
import org.marketingsql.config.SourceType;
import org.marketingsql.source.ExportFormat;
import org.marketingsql.source.ExportLayout;
import org.marketingsql.source.SourceColumn;
import org.marketingsql.source.SourceDescriptor;
import org.marketingsql.source.TableDefinition;
import org.marketingsql.source.export.ExportFormats;

/**
 * {@code docs/sources.md}, written from the registry: every source, its configuration keys (required,
 * secret, default) and its tables with their columns, types and descriptions. A test keeps the
 * committed file equal to what this writes.
 */
final class SourcesDoc {
  private SourcesDoc() {
  }

  static String render(List<SourceDescriptor> sources) {
    ExportFormats formats = ExportFormats.of(sources.stream().flatMap(s -> s.exports().stream()).toList());
    SourceDescriptor folder = sources.stream().filter(s -> s.type().equals(SourceType.CSV_FOLDER)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no export folder among the sources"));
    StringBuilder md = new StringBuilder();
    md.append("# Sources\n\n");
    md.append("This page is generated from the source registry by `SourcesDocTest` (connectors module), which"
        + " fails when the page is stale; run it with `-Dmarketingsql.docs.write=true` to rewrite it. How to write"
        + " the configuration itself is in [configuration.md](configuration.md).\n\n");
    md.append("Each entry under `sources` in the configuration takes the keys every source takes, then those of"
        + " its type. Secrets are accepted only as references: `${env:NAME}` or `${file:/run/secrets/name}`.\n\n");
    md.append("## Keys of every source\n\n");
    keys(md, SourceKeys.EVERY_SOURCE);
    md.append("\nEvery API source also takes:\n\n");
    keys(md, SourceKeys.EVERY_API);
    md.append("\nThe default look-back below is the platform's conversion window. An ad platform's `startDate` (where a"
        + " first sync starts, and the earliest day a live read asks for; without it, three years back) is refused"
        + " when further back than the history the platform keeps, below.\n");
    md.append("\n## Source types\n\n");
    md.append("| type | source | platform | look-back days | history kept | billed |\n|---|---|---|---|---|---|\n");
    for (SourceDescriptor source : sources) {
      md.append("| `").append(source.type().key()).append("` | [").append(source.title()).append("](#")
          .append(anchor(source)).append(") | ").append(source.platform().map(p -> "`" + p + "`").orElse(""))
          .append(" | ").append(source.type().defaultLookbackDays()).append(" | ")
          .append(source.history() == null ? "" : SourceDescriptor.describe(source.history())).append(" | ")
          .append(source.type().billed() ? "yes" : "no").append(" |\n");
    }
    for (SourceDescriptor source : sources) {
      md.append("\n## ").append(source.title()).append(" (`").append(source.type().key()).append("`)\n\n");
      md.append(source.description()).append("\n\n");
      if (source.type().equals(SourceType.CSV_FOLDER)) {
        md.append("Formats the `format` key may name: ")
            .append(String.join(", ", formats.names().stream().map(f -> "`" + f + "`").toList()))
            .append(". Without it, each file's format is detected from its first lines and header.\n\n");
      }
      if (!source.exports().isEmpty() && !source.equals(folder)) {
        md.append("Its export files, read by an [export folder](#").append(anchor(folder)).append("): ")
            .append(String.join("; ", source.exports().stream().map(f -> f.label() + " (format `" + f.name()
                + "`, loaded as an [" + f.layout().title() + "](#" + layoutAnchor(f.layout()) + "))").toList()))
            .append(".\n\n");
      }
      List<SourceKey> keys = source.equals(folder) ? SourceKeys.EXPORT_FOLDER : source.type().keys();
      if (!keys.isEmpty()) {
        keys(md, keys);
        md.append('\n');
      }
      if (source.isApi()) {
        md.append("```yaml\n");
        SourceExample.lines(source).forEach(line -> md.append(line).append('\n'));
        md.append("```\n");
      }
      for (TableDefinition<?> table : source.tables()) {
        md.append("\n### ").append(table.name()).append("\n\n").append(table.description()).append("\n\n");
        columns(md, table.columns());
      }
      if (source.type().equals(SourceType.CSV_FOLDER)) {
        md.append("An export folder loads each file in one of these layouts, whose columns carry these descriptions"
            + " as REMARKS; any other file is a table of its own columns, typed as their values are.\n");
        List<ExportFormat> readers = Stream.concat(formats.ads().stream(), formats.orders().stream())
            .map(ExportFormat.class::cast).toList();
        List<ExportLayout> layouts = Stream.concat(readers.stream().map(ExportFormat::layout), source.inputs().stream())
            .distinct().toList();
        for (ExportLayout layout : layouts) {
          md.append("\n### ").append(layout.title()).append(" (export layout)\n\n").append(layout.description())
              .append("\n\n");
          String readBy = String.join(", ", readers.stream().filter(f -> f.layout().equals(layout))
              .map(f -> "`" + f.name() + "`").toList());
          if (!readBy.isEmpty()) {
            md.append("Formats: ").append(readBy).append(".\n\n");
          }
          if (!layout.columns().isEmpty()) {
            columns(md, layout.columns());
          }
          if (!layout.rest().isEmpty()) {
            md.append(layout.columns().isEmpty() ? "" : "\n").append(layout.rest()).append("\n");
          }
        }
      }
    }
    return md.toString();
  }

  private static void keys(StringBuilder md, List<SourceKey> keys) {
    md.append("| key | required | secret | default | description |\n|---|---|---|---|---|\n");
    for (SourceKey key : keys) {
      md.append("| `").append(key.name()).append("` | ").append(key.required() ? "yes" : "no").append(" | ")
          .append(key.secret() ? "yes" : "no").append(" | ")
          .append(key.defaultValue() == null ? "" : cell(key.defaultValue())).append(" | ")
          .append(cell(key.description())).append(" |\n");
    }
  }

  private static void columns(StringBuilder md, List<SourceColumn> columns) {
    md.append("| column | type | description |\n|---|---|---|\n");
    for (SourceColumn column : columns) {
      md.append("| `").append(column.name()).append("` | ").append(column.sqlType()).append(" | ")
          .append(cell(column.description())).append(" |\n");
    }
  }

  /** GitHub's heading anchor of a layout's section. */
  private static String layoutAnchor(ExportLayout layout) {
    return (layout.title() + " export layout").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 -]", "").replace(' ', '-');
  }

  /** GitHub's heading anchor of a source's section. */
  private static String anchor(SourceDescriptor source) {
    return (source.title() + " " + source.type().key()).toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9 -]", "").replace(' ', '-');
  }

  private static String cell(String text) {
    return text.replace("|", "\\|").replace("\n", " ");
  }
}
