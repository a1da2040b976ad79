package org.marketingsql.pgwire;

import java.util.List;

/**
 * A result the server answers itself, without Calcite: what clients ask on connect. {@code columns}
 * is empty for a command (SET, BEGIN) that returns no rows; {@code types} are the columns' types (text unless
 * said otherwise), and every value is in text form.
 */
record LocalResult(List<String> columns, List<PgType> types, List<List<String>> rows, String tag) {
  LocalResult {
    columns = List.copyOf(columns);
    types = List.copyOf(types);
    rows = List.copyOf(rows);
    if (types.size() != columns.size()) {
      throw new IllegalArgumentException(columns.size() + " columns need as many types, not " + types.size());
    }
  }

  /** A result whose columns are all text. */
  LocalResult(List<String> columns, List<List<String>> rows, String tag) {
    this(columns, java.util.Collections.nCopies(columns.size(), PgType.TEXT), rows, tag);
  }

  static LocalResult command(String tag) {
    return new LocalResult(List.of(), List.of(), tag);
  }
}
