package org.marketingsql.source.export;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The first lines of an export, decoded, for recognising its format before it is read: platforms put
 * report lines above the header, so the header is not always the first line.
 *
 * @param file the export
 * @param lines the first physical lines (at most {@link #MAX_LINES}), without line ends or BOM
 * @param tabByDefault whether the file is a {@code .tsv}
 */
public record ExportPreview(Path file, List<String> lines, boolean tabByDefault) {

  /** Preambles seen in practice are under a dozen lines; this leaves room for a long filter line. */
  static final int MAX_LINES = 40;
  private static final int PREVIEW_BYTES = 64 * 1024;

  public ExportPreview {
    Objects.requireNonNull(file, "file");
    lines = List.copyOf(lines);
  }

  /** Reads the first lines of {@code file} in the charset its BOM or bytes show. */
  public static ExportPreview read(Path file) throws ExportException {
    byte[] prefix;
    boolean wholeFile;
    try (InputStream in = Files.newInputStream(file)) {
      prefix = in.readNBytes(PREVIEW_BYTES);
      wholeFile = prefix.length < PREVIEW_BYTES || in.read() < 0;
    } catch (NoSuchFileException e) {
      throw ExportException.ofFile(file, "does not exist", e);
    } catch (IOException e) {
      throw ExportException.ofFile(file, "cannot be read: " + e, e);
    }
    boolean tsv = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT).endsWith(".tsv");
    Dialect dialect = Dialect.sniff(prefix, wholeFile, tsv);
    // lenient decoding: this only recognises the format; the real read decodes strictly
    String text = new String(prefix, dialect.bomLength(), prefix.length - dialect.bomLength(), dialect.charset());
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\r\n|\n|\r", MAX_LINES + 1)) {
      if (lines.size() == MAX_LINES) {
        break;
      }
      lines.add(line);
    }
    return new ExportPreview(file, lines, tsv);
  }

  /** The physical line {@code number} (1-based), or the empty string past the preview. */
  String line(int number) {
    return number >= 1 && number <= lines.size() ? lines.get(number - 1) : "";
  }

  /**
   * The cells of line {@code number}, split at the delimiter that line uses most, quotes removed and
   * cells trimmed; a line with no delimiter is one cell.
   */
  List<String> cells(int number) {
    String line = line(number);
    if (line.isBlank()) {
      return List.of();
    }
    char delimiter = Dialect.delimiter(line, tabByDefault);
    List<String> cells = new ArrayList<>();
    try (CsvReader<CsvRecord> csv = CsvReader.builder().fieldSeparator(delimiter).ofCsvRecord(line)) {
      for (CsvRecord record : csv) {
        for (String field : record.getFields()) {
          cells.add(field.trim());
        }
        break;
      }
    } catch (IOException | RuntimeException e) {
      // an unbalanced quote: the line is not a header of any format, so it has no cells worth matching
      return List.of(line.trim());
    }
    return cells;
  }

  /** The first line, among the first {@code within}, whose cells satisfy {@code test}; 0 if none. */
  int findLine(int within, Predicate<List<String>> test) {
    for (int n = 1; n <= Math.min(within, lines.size()); n++) {
      if (test.test(cells(n))) {
        return n;
      }
    }
    return 0;
  }
}
