package org.marketingsql.source;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The columns an export file is loaded with, declared as an API table's are: each with its name, SQL
 * type and description, which become the column's REMARKS and its line in the docs.
 *
 * @param title what the layout is, e.g. {@code ad report}
 * @param description which files load this way and what one row is, for the docs
 * @param columns the declared columns, in table order
 * @param rest what follows the declared columns, for the docs (e.g. the export's other columns, as
 *     text); empty when nothing does
 */
public record ExportLayout(String title, String description, List<SourceColumn> columns, String rest) {
  public ExportLayout {
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(rest, "rest");
    columns = List.copyOf(columns);
    Set<String> names = new HashSet<>();
    for (SourceColumn column : columns) {
      if (!names.add(column.name())) {
        throw new IllegalArgumentException("layout " + title + " declares column " + column.name() + " twice");
      }
    }
  }

  /** The declared column named {@code name}, or null. */
  public SourceColumn column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
  }
}
