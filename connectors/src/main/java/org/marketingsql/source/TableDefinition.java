package org.marketingsql.source;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * An API table as declared: its name, what it holds, and each column with how its value is read from
 * one record of the API's answer. Rows are built from these declarations, column by column, so a
 * value cannot land in another column's place.
 *
 * @param <R> one record of the API's answer (a JSON object, or a platform's own record of several)
 * @param name the table's name in the source's schema
 * @param description what one row is, for the docs
 * @param fields the columns in order, the key first, each with its reader
 */
public record TableDefinition<R>(String name, String description, List<Field<R>> fields) {
  public TableDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(description, "description");
    fields = List.copyOf(fields);
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("table " + name + " needs at least its key column");
    }
    Set<String> names = new HashSet<>();
    for (Field<R> field : fields) {
      if (!names.add(field.column().name())) {
        throw new IllegalArgumentException("table " + name + " declares column " + field.column().name() + " twice");
      }
    }
  }

  /** One column and how its value is read from a record; the reader returns null for SQL NULL. */
  public record Field<R>(SourceColumn column, Function<? super R, ?> read) {
    public Field {
      Objects.requireNonNull(column, "column");
      Objects.requireNonNull(read, "read");
    }
  }

  /** Starts the declaration of a table. */
  public static <R> Builder<R> table(String name, String description) {
    return new Builder<>(name, description);
  }

  /** The columns, in order. */
  public List<SourceColumn> columns() {
    return fields.stream().map(Field::column).toList();
  }

  /** One row: each column's value read from {@code record}, in column order. */
  public Object[] row(R record) {
    Object[] row = new Object[fields.size()];
    for (int i = 0; i < row.length; i++) {
      row[i] = fields.get(i).read().apply(record);
    }
    return row;
  }

  /** Collects the columns of a table in order. */
  public static final class Builder<R> {
    private final String name;
    private final String description;
    private final List<Field<R>> fields = new ArrayList<>();

    private Builder(String name, String description) {
      this.name = name;
      this.description = description;
    }

    /** Adds the next column. */
    public Builder<R> column(String column, SqlType type, String columnDescription, Function<? super R, ?> read) {
      fields.add(new Field<>(new SourceColumn(column, type, columnDescription), read));
      return this;
    }

    /** Adds, in order, the columns of a block several tables share (say a platform's metrics). */
    public Builder<R> with(UnaryOperator<Builder<R>> block) {
      return Objects.requireNonNull(block.apply(this), "block");
    }

    public TableDefinition<R> build() {
      return new TableDefinition<>(name, description, fields);
    }
  }
}
