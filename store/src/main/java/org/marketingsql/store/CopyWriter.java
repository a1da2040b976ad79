package org.marketingsql.store;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Bulk load for DuckDB: rows already parsed and checked by our readers are written as plain CSV
 * ({@link CsvLine}) to a temporary file beside the
 * store, then copied in with one {@code COPY} inside the caller's transaction. DuckDB's appender
 * crosses JNI once per value, which caps a load far below what the parser delivers.
 */
final class CopyWriter implements RowWriter {
  private final Connection connection;
  private final String target;
  private final Path file;
  private final Writer out;
  private final StringBuilder line = new StringBuilder(256);
  private char[] chars = new char[256];
  private long rows;

  CopyWriter(Connection connection, String schema, String table, Path folder) throws SQLException {
    this.connection = connection;
    this.target = Sql.quote(schema) + "." + Sql.quote(table);
    try {
      Files.createDirectories(folder);
      this.file = Files.createTempFile(folder, "load-", ".csv");
      this.out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16);
    } catch (IOException e) {
      throw new SQLException("cannot create a temporary load file in " + folder + " for " + target, e);
    }
  }

  @Override
  public void write(Object[] row) throws SQLException {
    rows++;
    line.setLength(0);
    CsvLine.append(line, row);
    try {
      // Through a reused array: Writer.append(CharSequence) would copy every line into a new String.
      int length = line.length();
      if (chars.length < length) {
        chars = new char[Math.max(length, chars.length * 2)];
      }
      line.getChars(0, length, chars, 0);
      out.write(chars, 0, length);
    } catch (IOException e) {
      throw new SQLException("cannot write the temporary load file " + file + " for " + target, e);
    }
  }

  @Override
  public void close() throws SQLException {
    try {
      out.close();
      if (rows == 0) {
        return; // DuckDB cannot sniff an empty file; nothing to copy anyway
      }
      try (Statement copy = connection.createStatement()) {
        copy.execute("COPY " + target + " FROM " + Sql.literal(DuckDbPaths.exact(file))
            + " (FORMAT csv, HEADER false, DELIMITER ',', QUOTE '\"', ESCAPE '\"', NULL '')");
      }
    } catch (IOException e) {
      throw new SQLException("cannot finish the temporary load file " + file + " for " + target, e);
    } catch (IllegalArgumentException e) {
      throw new SQLException("cannot copy the temporary load file " + file + " into " + target + ": " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete the temporary load file " + file, e);
      }
    }
  }
}
