package org.marketingsql.source.registry;

import java.util.List;
import java.util.Locale;
import org.marketingsql.config.SourceKey;
import org.marketingsql.source.ApiColumn;
import org.marketingsql.source.SourceDescriptor;
import org.marketingsql.source.TableDefinition;

/**
 * {@code docs/sources.md}, written from the registry: every source, its configuration keys (required,
 * secret, default) and its tables with their columns, types and descriptions. A test keeps the
 * committed file equal to what this writes.
 */
final class SourcesDoc {
  private SourcesDoc() {
  }

  static String render(List<SourceDescriptor> sources) {
    StringBuilder md = new StringBuilder();
    md.append("# Sources\n\n");
    md.append("This page is generated from the source registry by `SourcesDocTest` (connectors module), which"
        + " fails when the page is stale; run it with `-Dmarketingsql.docs.write=true` to rewrite it. How to write"
        + " the configuration itself is in [configuration.md](configuration.md).\n\n");
    md.append("Each entry under `sources` in the configuration has a `name` (its schema),"
        + " a `type` from the list below and the keys of that type. Every API source also takes `endpoint` (the"
        + " API's host root, for proxies and tests), `maxAge` (sync on connect when the last sync is older,"
        + " e.g. `6h`), `offline` (never call out), `lookbackDays` (days re-read on every sync because the"
        + " platform restates them; the default below is the platform's conversion window) and `startDate` (where a"
        + " first sync starts; refused when further back than the history the platform keeps, below)."
        + " A billed source also takes `billing`, its accounts'"
        + " billing terms for the cash schedule (`prepaid`, `{ threshold: 500 }` or `{ invoice: { day: 1, netDays: 30 } }`,"
        + " for the whole source or by platform or account id). Secrets are accepted only as references: `${env:NAME}` or"
        + " `${file:/run/secrets/name}`.\n\n");
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
      if (!source.formats().isEmpty()) {
        md.append("Formats the `format` key may name: ")
            .append(String.join(", ", source.formats().stream().map(f -> "`" + f + "`").toList())).append(".\n\n");
      }
      if (!source.type().keys().isEmpty()) {
        md.append("| key | required | secret | default | description |\n|---|---|---|---|---|\n");
        for (SourceKey key : source.type().keys()) {
          md.append("| `").append(key.name()).append("` | ").append(key.required() ? "yes" : "no").append(" | ")
              .append(key.secret() ? "yes" : "no").append(" | ")
              .append(key.defaultValue() == null ? "" : cell(key.defaultValue())).append(" | ")
              .append(cell(key.description())).append(" |\n");
        }
        md.append('\n');
      }
      if (source.isApi()) {
        md.append("```yaml\n");
        SourceExample.lines(source).forEach(line -> md.append(line).append('\n'));
        md.append("```\n");
      }
      for (TableDefinition<?> table : source.tables()) {
        md.append("\n### ").append(table.name()).append("\n\n").append(table.description()).append("\n\n");
        md.append("| column | type | description |\n|---|---|---|\n");
        for (ApiColumn column : table.columns()) {
          md.append("| `").append(column.name()).append("` | ").append(column.sqlType()).append(" | ")
              .append(cell(column.description())).append(" |\n");
        }
      }
    }
    return md.toString();
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
