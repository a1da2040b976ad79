package org.marketingsql.source;

import java.util.Objects;

/**
 * One column a source declares, of a synced API table or of an export layout.
 *
 * @param name the column's name, snake_case
 * @param type its SQL type
 * @param description what it holds, in the users' words: the column's REMARKS and its line in the docs
 */
public record SourceColumn(String name, SqlType type, String description) {
  public SourceColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(description, "description");
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("column name '" + name + "' must be snake_case");
    }
    if (description.isBlank()) {
      throw new IllegalArgumentException("column " + name + " needs a description");
    }
  }

  /** This column with another type, e.g. an export's wider money type. */
  public SourceColumn withType(SqlType other) {
    return new SourceColumn(name, other, description);
  }

  /** The portable SQL type as written in {@code CREATE TABLE}: VARCHAR, BIGINT, BOOLEAN, DATE, TIMESTAMP or DECIMAL(18,6). */
  public String sqlType() {
    return type.sql();
  }
}
