package org.marketingsql.source.export;

/** Receives the converted rows of an export, one call per data row, in file order. */
@FunctionalInterface
public interface RowSink {

  /**
   * Takes one row.
   *
   * @param line the 1-based physical line in the file where the row starts
   * @param values one value per column, {@code null} for empty cells; a fresh array the sink may keep
   * @throws Exception when the row cannot be stored; {@link CsvExport#read} wraps it in an {@link ExportException}
   */
  void accept(long line, Object[] values) throws Exception;
}
