package org.marketingsql.source.export;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.FieldMismatchStrategy;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.CheckedInputStream;
import java.util.zip.Checksum;

/**
 * A CSV or TSV export dropped into the exports folder: its dialect, its header, and streaming
 * passes over its rows.
 *
 * <p>{@link #open} sniffs the dialect from the first megabyte: a BOM decides the charset (UTF-8,
 * UTF-16LE, UTF-16BE); without one the file is UTF-8 unless its bytes are not, then ISO-8859-1. The
 * delimiter ({@code ,}, {@code ;} or tab) is the candidate found most often outside quotes in the
 * header line; {@code .tsv} files default to tab. Blank lines are skipped everywhere.
 *
 * <p>Every pass streams the file; nothing but one record is held in memory, so exports of any size
 * load with a small heap. Line numbers are the 1-based physical lines an editor shows, also after
 * quoted fields that contain newlines.
 *
 * <p>A file whose first megabyte is plain ASCII may still hold Latin-1 bytes further down. The full
 * pass of {@link #inferColumns} notices that and switches {@link #charset()} to ISO-8859-1; a
 * {@link #read} without inference fails on such bytes instead of guessing.
 */
public final class CsvExport {

  /** Bytes read to sniff the dialect: enough for any header and a good sample of rows. */
  static final int SNIFF_BYTES = 1 << 20;

  private final Path file;
  private final int bomLength;
  private final char delimiter;
  /** Whether later non-UTF-8 bytes may switch the charset to Latin-1 without changing the header. */
  private final boolean latin1FallbackAllowed;
  private volatile Charset charset;
  private final List<String> header;
  private final List<String> columnNames;
  private final Frame frame;

  private CsvExport(Path file, Dialect dialect, boolean latin1FallbackAllowed, List<String> header, Frame frame) {
    this.file = Objects.requireNonNull(file, "file");
    this.frame = Objects.requireNonNull(frame, "frame");
    this.bomLength = dialect.bomLength();
    this.delimiter = dialect.delimiter();
    this.charset = dialect.charset();
    this.latin1FallbackAllowed = latin1FallbackAllowed;
    this.header = List.copyOf(header);
    this.columnNames = Names.columnNames(frame.camelCaseHeader() ? Names.splitCamelCase(this.header) : this.header);
  }

  /**
   * Opens an export: sniffs its charset and delimiter and reads its header line.
   *
   * @throws ExportException if the file cannot be read or has no header line
   */
  public static CsvExport open(Path file) throws ExportException {
    return open(file, Frame.PLAIN);
  }

  /**
   * Opens an export whose table is framed by report lines (see {@link Frame}): the delimiter is sniffed
   * from the header line, not from the title above it, which often has no delimiter at all.
   *
   * @throws ExportException if the file cannot be read or has no header line
   */
  public static CsvExport open(Path file, Frame frame) throws ExportException {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(frame, "frame");
    byte[] prefix;
    boolean wholeFile;
    try (InputStream in = Files.newInputStream(file)) {
      prefix = in.readNBytes(SNIFF_BYTES);
      wholeFile = prefix.length < SNIFF_BYTES || in.read() < 0;
    } catch (NoSuchFileException e) {
      throw ExportException.ofFile(file, "does not exist", e);
    } catch (IOException e) {
      throw ExportException.ofFile(file, "cannot be read: " + e, e);
    }
    String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
    Dialect dialect = Dialect.sniff(prefix, wholeFile, name.endsWith(".tsv"), frame.headerLine() - 1);
    // only a pure-ASCII prefix decodes the same in UTF-8 and Latin-1, so only then may the header stay
    boolean fallback = !wholeFile && dialect.bomLength() == 0
        && dialect.charset().equals(StandardCharsets.UTF_8) && isAscii(prefix);
    List<String> header = readHeader(file, dialect, frame.headerLine());
    return new CsvExport(file, dialect, fallback, header, frame);
  }

  /** The export file. */
  public Path file() {
    return file;
  }

  /** The charset the text is decoded with; may become ISO-8859-1 during {@link #inferColumns}. */
  public Charset charset() {
    return charset;
  }

  /** The field delimiter: {@code ,}, {@code ;} or tab. */
  public char delimiter() {
    return delimiter;
  }

  /** The header cells as written, trimmed and without a byte-order mark. */
  public List<String> header() {
    return header;
  }

  /** The header normalised to unique snake_case names (see {@link Names#snakeCase}), one per column. */
  public List<String> columnNames() {
    return columnNames;
  }

  /**
   * Infers each column's kind in one streaming pass: the narrowest kind that fits every non-empty
   * value, VARCHAR when nothing narrower fits or the column is empty. Values never fail inference;
   * only unreadable files and rows with the wrong number of fields do.
   *
   * @return one spec per column, named by {@link #columnNames()}
   */
  public List<ColumnSpec> inferColumns() throws ExportException {
    try {
      return infer(charset);
    } catch (ExportException e) {
      if (!(latin1FallbackAllowed && e.getCause() instanceof CharacterCodingException)
          || charset.equals(StandardCharsets.ISO_8859_1)) {
        throw e;
      }
      // Latin-1 decodes every byte, so the second pass cannot fail for the charset
      charset = StandardCharsets.ISO_8859_1;
      return infer(charset);
    }
  }

  private List<ColumnSpec> infer(Charset cs) throws ExportException {
    int width = header.size();
    ColumnInference[] columns = new ColumnInference[width];
    for (int i = 0; i < width; i++) {
      columns[i] = new ColumnInference();
    }
    scan(cs, null, (line, record) -> {
      char[] chars = record.chars();
      for (int i = 0; i < width; i++) {
        columns[i].accept(chars, record.start(i), record.end(i));
      }
    });
    List<ColumnSpec> specs = new ArrayList<>(width);
    for (int i = 0; i < width; i++) {
      specs.add(columns[i].result(columnNames.get(i)));
    }
    return List.copyOf(specs);
  }

  /**
   * Streams every data row converted to the given columns. Empty cells (after trimming) are
   * {@code null}; VARCHAR values are passed as written, other values are trimmed before converting.
   *
   * @param columns one spec per column of the header, in order; their names are used in messages
   * @param sink receives each row with the line it starts on
   * @return the number of rows
   * @throws ExportException on the first row with the wrong number of fields, the first value that
   *     does not convert, or when the sink fails (then with the sink's exception as cause)
   * @throws IllegalArgumentException if the number of columns differs from the header's
   */
  public long read(List<ColumnSpec> columns, RowSink sink) throws ExportException {
    Objects.requireNonNull(sink, "sink");
    return pass(columns, sink, true, null);
  }

  /**
   * {@link #read}, also updating {@code fileChecksum} with every byte of the file as it is read.
   */
  public long read(List<ColumnSpec> columns, RowSink sink, Checksum fileChecksum) throws ExportException {
    Objects.requireNonNull(sink, "sink");
    Objects.requireNonNull(fileChecksum, "fileChecksum");
    return pass(columns, sink, true, fileChecksum);
  }

  /**
   * Checks every data row as {@link #read} converts it, without making the values: the same errors
   * for the same rows, at a fraction of the cost, for when another reader stores the rows. The sink
   * sees {@link #PRESENT} for each non-empty cell and {@code null} for each empty one, in an array
   * that is reused from row to row.
   *
   * @param fileChecksum updated with every byte of the file as it is read, so a caller that also
   *     needs the file's checksum does not read it again; complete only when the pass succeeds
   * @return the number of rows
   * @throws ExportException as {@link #read} does
   */
  public long check(List<ColumnSpec> columns, RowSink sink, Checksum fileChecksum) throws ExportException {
    Objects.requireNonNull(sink, "sink");
    Objects.requireNonNull(fileChecksum, "fileChecksum");
    return pass(columns, sink, false, fileChecksum);
  }

  /** What {@link #check} passes for a non-empty cell that converts. */
  public static final Object PRESENT = new Object() {
    @Override
    public String toString() {
      return "(present)";
    }
  };

  private long pass(List<ColumnSpec> columns, RowSink sink, boolean materialize, Checksum fileChecksum)
      throws ExportException {
    List<ColumnSpec> specs = List.copyOf(columns);
    int width = header.size();
    if (specs.size() != width) {
      throw new IllegalArgumentException(
          file.getFileName() + " has " + width + " columns, got " + specs.size() + " column specs");
    }
    Kind[] kinds = new Kind[width];
    int[] scales = new int[width];
    int[] precisions = new int[width];
    String[] names = new String[width];
    for (int i = 0; i < width; i++) {
      kinds[i] = specs.get(i).kind();
      scales[i] = specs.get(i).scale();
      precisions[i] = specs.get(i).precision();
      names[i] = specs.get(i).name();
    }
    NumberShape shape = new NumberShape();
    Object[] reused = materialize ? null : new Object[width];
    return scan(charset, fileChecksum, (line, record) -> {
      Object[] values = materialize ? new Object[width] : reused;
      char[] chars = record.chars();
      for (int i = 0; i < width; i++) {
        values[i] = convert(chars, record.start(i), record.end(i), kinds[i], scales[i], precisions[i], line,
            names[i], shape, materialize);
      }
      try {
        sink.accept(line, values);
      } catch (ExportException e) {
        throw e;
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        throw ExportException.ofLine(file, line, "the row could not be stored: " + e, e);
      }
    });
  }

  private Object convert(char[] chars, int start, int end, Kind kind, int scale, int precision, long line,
      String column, NumberShape shape, boolean materialize) throws ExportException {
    int b = Values.trimStart(chars, start, end);
    int e = Values.trimEnd(chars, b, end);
    if (b == e) {
      return null;
    }
    switch (kind) {
      case VARCHAR:
        return materialize ? new String(chars, start, end - start) : PRESENT;
      case BOOLEAN: {
        Boolean value = Values.parseBoolean(chars, b, e);
        if (value == null) {
          throw badValue(chars, start, end, line, column, "is not a boolean (true or false)");
        }
        return value;
      }
      case BIGINT: {
        if (!Values.isLong(chars, b, e)) {
          throw badValue(chars, start, end, line, column, "is not a whole number in the BIGINT range");
        }
        return materialize ? Values.toLong(chars, b, e) : PRESENT;
      }
      case DECIMAL: {
        checkDecimal(chars, start, end, b, e, scale, precision, line, column, shape);
        return materialize ? Values.toDecimal(chars, b, e, shape, scale) : PRESENT;
      }
      case DATE: {
        if (!Values.isDate(chars, b, e)) {
          throw badValue(chars, start, end, line, column, "is not a date (yyyy-MM-dd)");
        }
        return materialize ? Values.toDate(chars, b) : PRESENT;
      }
      case TIMESTAMP: {
        LocalDateTime value = Values.parseTimestamp(chars, b, e);
        if (value == null) {
          // a plain date in a TIMESTAMP column is midnight, as inference allows mixing them
          LocalDate date = Values.parseDate(chars, b, e);
          if (date != null) {
            return date.atStartOfDay();
          }
          throw badValue(chars, start, end, line, column, "is not a timestamp (yyyy-MM-dd HH:mm[:ss[.fraction]])");
        }
        return value;
      }
      default:
        throw new AssertionError(kind);
    }
  }

  /** Checks that the trimmed value is a decimal that fits the column; leaves its shape in {@code shape}. */
  private void checkDecimal(char[] chars, int start, int end, int b, int e, int scale, int precision, long line,
      String column, NumberShape shape) throws ExportException {
    if (!shape.scan(chars, b, e)) {
      throw badValue(chars, start, end, line, column, "is not a decimal number");
    }
    if (shape.scale > scale) {
      // rounding would silently change amounts finance reconciles against
      throw badValue(chars, start, end, line, column,
          "has " + shape.scale + " decimals, more than the column's scale of " + scale);
    }
    if (shape.intDigits + scale > precision) {
      throw badValue(chars, start, end, line, column, "does not fit DECIMAL(" + precision + "," + scale + ")");
    }
  }

  private ExportException badValue(char[] chars, int start, int end, long line, String column, String problem) {
    return ExportException.ofValue(file, line, column, new String(chars, start, end - start), problem);
  }

  /** What a pass does with each data row. */
  private interface RowHandler {
    void handle(long line, RecordBuffer record) throws ExportException;
  }

  /**
   * Streams the data rows (after the header, without blank lines) to {@code handler}, checking each
   * has as many fields as the header; returns the number of rows.
   */
  private long scan(Charset cs, Checksum fileChecksum, RowHandler handler) throws ExportException {
    int width = header.size();
    long line = 0;
    long rows = 0;
    try (CsvReader<RecordBuffer> csv = reader(file, bomLength, cs, delimiter, fileChecksum);
        CloseableIterator<RecordBuffer> records = csv.iterator()) {
      boolean headerSeen = false;
      long footerLine = 0;
      while (records.hasNext()) {
        RecordBuffer record = records.next();
        line = record.line();
        if (record.isBlank() || line < frame.headerLine()) {
          continue;
        }
        if (!headerSeen) {
          headerSeen = true;
          continue;
        }
        // plain files skip the test: it makes a string per row, and the hot path makes none
        boolean footer = frame != Frame.PLAIN && frame.footer().test(record.field(0).trim());
        if (footerLine > 0 && !footer) {
          throw ExportException.ofLine(file, line, "a row after the report's footer, which starts on line "
              + footerLine + "; rows after totals are not read, so the export looks edited", null);
        }
        if (footer) {
          footerLine = footerLine > 0 ? footerLine : line;
          continue;
        }
        if (record.fieldCount() != width) {
          throw ExportException.ofLine(file, line,
              record.fieldCount() + " fields, but the header has " + width, null);
        }
        handler.handle(line, record);
        rows++;
      }
      return rows;
    } catch (IOException | UncheckedIOException | CsvParseException e) {
      throw readFailure(file, cs, line, e);
    }
  }

  private static List<String> readHeader(Path file, Dialect dialect, long headerLine) throws ExportException {
    long line = 0;
    try (CsvReader<RecordBuffer> csv = reader(file, dialect.bomLength(), dialect.charset(), dialect.delimiter(), null);
        CloseableIterator<RecordBuffer> records = csv.iterator()) {
      while (records.hasNext()) {
        RecordBuffer record = records.next();
        line = record.line();
        if (!record.isBlank() && line >= headerLine) {
          List<String> cells = new ArrayList<>(record.fieldCount());
          for (int i = 0; i < record.fieldCount(); i++) {
            cells.add(stripBom(record.field(i)).trim());
          }
          return cells;
        }
      }
      throw ExportException.ofFile(file, "is empty: it has no header line", null);
    } catch (IOException | UncheckedIOException | CsvParseException e) {
      throw readFailure(file, dialect.charset(), line, e);
    }
  }

  private static CsvReader<RecordBuffer> reader(Path file, int bomLength, Charset cs, char delimiter,
      Checksum fileChecksum) throws IOException {
    InputStream in = Files.newInputStream(file);
    if (fileChecksum != null) {
      in = new CheckedInputStream(in, fileChecksum);
    }
    try {
      in.skipNBytes(bomLength);
    } catch (IOException e) {
      in.close();
      throw e;
    }
    // a strict decoder: replacement characters would silently corrupt text, and inference needs to
    // know when the bytes are not the charset after all
    Reader text = new InputStreamReader(in, Dialect.strictDecoder(cs));
    return CsvReader.builder()
        .fieldSeparator(delimiter)
        .quoteCharacter('"')
        .skipEmptyLines(true)
        .detectBomHeader(false) // handled by Dialect, which also knows UTF-16
        .allowUnclosedQuote(false) // an unclosed quote would swallow the rest of the file silently
        // field counts are checked here, with a message naming file and line
        .extraFieldStrategy(FieldMismatchStrategy.IGNORE)
        .missingFieldStrategy(FieldMismatchStrategy.IGNORE)
        .build(new RecordBuffer(), text);
  }

  private static ExportException readFailure(Path file, Charset cs, long lastLine, Exception e) {
    Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
    if (cause instanceof CharacterCodingException) {
      String where = lastLine == 0 ? "at the start" : "after line " + lastLine;
      return ExportException.ofFile(file, "is not valid " + cs.name() + " text " + where, cause);
    }
    if (cause instanceof CsvParseException) {
      return parseFailure(file, lastLine, cause);
    }
    return ExportException.ofFile(file, "cannot be read: " + cause, cause);
  }

  /** FastCSV's message ends with the line the broken record starts on; that line is the one to report. */
  private static final String RECORD_LINE = " (record starting at line ";

  private static ExportException parseFailure(Path file, long lastLine, Throwable cause) {
    String message = String.valueOf(cause.getMessage());
    int at = message.lastIndexOf(RECORD_LINE);
    long line = 0;
    if (at >= 0 && message.endsWith(")")) {
      // an error path, so parsing FastCSV's wording is fine; without it the line stays approximate
      String digits = message.substring(at + RECORD_LINE.length(), message.length() - 1);
      line = digits.chars().allMatch(Character::isDigit) && !digits.isEmpty() && digits.length() < 19
          ? Long.parseLong(digits) : 0;
      if (line > 0) {
        message = message.substring(0, at);
      }
    }
    if (line == 0) {
      return ExportException.ofLine(file, lastLine, "is not valid CSV after this line: " + message, cause);
    }
    return ExportException.ofLine(file, line, "is not valid CSV: " + message, cause);
  }

  private static String stripBom(String cell) {
    return !cell.isEmpty() && cell.charAt(0) == '\uFEFF' ? cell.substring(1) : cell;
  }

  private static boolean isAscii(byte[] bytes) {
    for (byte b : bytes) {
      if (b < 0) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return "CsvExport[" + file + ", " + charset.name() + ", delimiter "
        + (delimiter == '\t' ? "tab" : String.valueOf(delimiter)) + ", " + header.size() + " columns]";
  }
}
