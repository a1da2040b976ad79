package org.marketingsql.pgwire;

import java.util.List;

/**
 * A result the server answers itself, without Calcite: what clients ask on connect. {@code columns}
 * is empty for a command (SET, BEGIN) that returns no rows; every value is text.
 */
record LocalResult(List<String> columns, List<List<String>> rows, String tag) {
  LocalResult {
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  static LocalResult command(String tag) {
    return new LocalResult(List.of(), List.of(), tag);
  }
}
