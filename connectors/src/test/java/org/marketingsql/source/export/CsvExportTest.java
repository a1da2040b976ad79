package org.marketingsql.source.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvExportTest {

  @TempDir
  Path dir;

  private static Path fixture(String name) throws URISyntaxException {
    return Path.of(CsvExportTest.class.getResource("/fixtures/export/" + name).toURI());
  }

  private Path write(String name, String text) throws IOException {
    return write(name, text, StandardCharsets.UTF_8);
  }

  private Path write(String name, String text, Charset charset) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text, charset);
    return file;
  }

  private static List<Object[]> readAll(CsvExport export, List<ColumnSpec> columns) throws ExportException {
    List<Object[]> rows = new ArrayList<>();
    export.read(columns, (line, values) -> rows.add(values));
    return rows;
  }

  private static List<Long> lines(CsvExport export) throws ExportException {
    List<Long> lines = new ArrayList<>();
    export.read(export.inferColumns(), (line, values) -> lines.add(line));
    return lines;
  }

  private static ColumnSpec col(String name, Kind kind) {
    return new ColumnSpec(name, kind, 0);
  }

  @Test
  void inferColumnsFindsEveryKindInAnOrdersExport() throws Exception {
    CsvExport export = CsvExport.open(fixture("orders.csv"));
    assertEquals(List.of(
        col("order_id", Kind.BIGINT),
        col("customer_name", Kind.VARCHAR),
        new ColumnSpec("amount", Kind.DECIMAL, 2),
        col("paid", Kind.BOOLEAN),
        col("ordered_on", Kind.DATE),
        col("shipped_at", Kind.TIMESTAMP),
        col("zip", Kind.VARCHAR),
        col("note", Kind.VARCHAR)), export.inferColumns());
  }

  @Test
  void readConvertsEveryKindAndGivesNullForEmptyCells() throws Exception {
    CsvExport export = CsvExport.open(fixture("orders.csv"));
    List<Object[]> rows = readAll(export, export.inferColumns());
    assertEquals(3, rows.size());
    assertArrayEquals(new Object[] {1L, "Alice", new BigDecimal("12.50"), true, LocalDate.of(2024, 1, 31),
        LocalDateTime.of(2024, 2, 1, 8, 15), "01234", "plain"}, rows.get(0));
    assertArrayEquals(new Object[] {2L, "Bob", new BigDecimal("3.00"), false, LocalDate.of(2024, 2, 29),
        LocalDateTime.of(2024, 2, 29, 23, 59), "98765", "two\nlines"}, rows.get(1));
    assertArrayEquals(new Object[] {3L, "Smith, Carol", null, true, LocalDate.of(2024, 3, 1),
        LocalDateTime.of(2024, 3, 2, 0, 0), "10115", null}, rows.get(2));
  }

  @Test
  void readReturnsTheNumberOfRows() throws Exception {
    CsvExport export = CsvExport.open(fixture("orders.csv"));
    assertEquals(3, export.read(export.inferColumns(), (line, values) -> { }));
  }

  @Test
  void readGivesThePhysicalLineOfEachRowAfterMultiLineFieldsAndBlankLines() throws Exception {
    assertEquals(List.of(2L, 3L, 6L), lines(CsvExport.open(fixture("orders.csv"))));
  }

  @Test
  void openReadsTheHeaderAsWrittenAndNormalisesColumnNames() throws Exception {
    CsvExport export = CsvExport.open(fixture("orders.csv"));
    assertEquals(',', export.delimiter());
    assertEquals(StandardCharsets.UTF_8, export.charset());
    assertEquals("Customer Name", export.header().get(1));
    assertEquals("customer_name", export.columnNames().get(1));
    assertEquals(fixture("orders.csv"), export.file());
  }

  @Test
  void openRemovesAUtf8BomAndNamesDuplicateAndBlankHeaders() throws Exception {
    CsvExport export = CsvExport.open(fixture("campaigns_bom.csv"));
    assertEquals(StandardCharsets.UTF_8, export.charset());
    assertEquals(';', export.delimiter());
    assertEquals(List.of("Campaign", "Cost (€)", "cost", "", "2024 Budget"), export.header());
    assertEquals(List.of("campaign", "cost", "cost_2", "column_4", "c_2024_budget"), export.columnNames());
    assertEquals(new ColumnSpec("cost", Kind.DECIMAL, 1), export.inferColumns().get(1));
  }

  @Test
  void openReadsUtf16LeTabSeparatedExports() throws Exception {
    CsvExport export = CsvExport.open(fixture("keywords_utf16le.tsv"));
    assertEquals(StandardCharsets.UTF_16LE, export.charset());
    assertEquals('\t', export.delimiter());
    assertEquals(List.of("keyword", "clicks", "cost"), export.columnNames());
    List<Object[]> rows = readAll(export, export.inferColumns());
    assertArrayEquals(new Object[] {"schuhe günstig", 120L, new BigDecimal("35.20")}, rows.get(0));
    assertArrayEquals(new Object[] {"laufschuhe", 7L, new BigDecimal("1.05")}, rows.get(1));
  }

  @Test
  void openFallsBackToLatin1WhenTheBytesAreNotUtf8() throws Exception {
    CsvExport export = CsvExport.open(fixture("survey_latin1.csv"));
    assertEquals(StandardCharsets.ISO_8859_1, export.charset());
    assertEquals(';', export.delimiter());
    assertEquals("Größe", export.header().get(2));
    List<Object[]> rows = readAll(export, export.inferColumns());
    assertEquals("Köln", rows.get(1)[1]);
    assertEquals("1,5", rows.get(0)[2]);
  }

  @Test
  void inferColumnsSwitchesToLatin1WhenNonUtf8BytesComeAfterTheSniffedPrefix() throws Exception {
    Path file = dir.resolve("late_latin1.csv");
    StringBuilder text = new StringBuilder("city,n\n");
    while (text.length() < CsvExport.SNIFF_BYTES + 10) {
      text.append("Berlin,1\n");
    }
    text.append("Köln,2\n");
    Files.write(file, text.toString().getBytes(StandardCharsets.ISO_8859_1));
    CsvExport export = CsvExport.open(file);
    assertEquals(StandardCharsets.UTF_8, export.charset());
    assertEquals(List.of(col("city", Kind.VARCHAR), col("n", Kind.BIGINT)), export.inferColumns());
    assertEquals(StandardCharsets.ISO_8859_1, export.charset());
    List<Object> last = new ArrayList<>();
    export.read(export.inferColumns(), (line, values) -> {
      last.clear();
      last.add(values[0]);
    });
    assertEquals(List.of("Köln"), last);
  }

  @Test
  void readWithoutInferenceRejectsNonUtf8BytesAfterTheSniffedPrefix() throws Exception {
    Path file = dir.resolve("late_latin1.csv");
    StringBuilder text = new StringBuilder("city\n");
    while (text.length() < CsvExport.SNIFF_BYTES + 10) {
      text.append("Berlin\n");
    }
    text.append("Köln\n");
    Files.write(file, text.toString().getBytes(StandardCharsets.ISO_8859_1));
    CsvExport export = CsvExport.open(file);
    ExportException e = assertThrows(ExportException.class,
        () -> export.read(List.of(col("city", Kind.VARCHAR)), (line, values) -> { }));
    assertTrue(e.getMessage().startsWith("late_latin1.csv: is not valid UTF-8 text after line "), e.getMessage());
    assertTrue(e.getCause() instanceof CharacterCodingException);
  }

  @Test
  void openDetectsSemicolonAndTabDelimiters() throws Exception {
    assertEquals(';', CsvExport.open(write("a.csv", "a;b;c\n1;2;3\n")).delimiter());
    assertEquals('\t', CsvExport.open(write("b.csv", "a\tb\tc\n1\t2\t3\n")).delimiter());
    assertEquals('\t', CsvExport.open(write("c.tsv", "single\nx\n")).delimiter());
    assertEquals(',', CsvExport.open(write("d.csv", "single\nx\n")).delimiter());
  }

  @Test
  void openSkipsBlankLinesBeforeTheHeader() throws Exception {
    CsvExport export = CsvExport.open(write("blank.csv", "\n  \n\na,b\n\n1,2\n   \n3,4\n"));
    assertEquals(List.of("a", "b"), export.header());
    assertEquals(List.of(6L, 8L), lines(export));
  }

  @Test
  void aQuotedEmptyFieldIsANullRowNotABlankLine() throws Exception {
    CsvExport export = CsvExport.open(write("one.csv", "a\n1\n\"\"\n  \n3\n"));
    List<Object[]> rows = readAll(export, export.inferColumns());
    assertEquals(3, rows.size());
    assertNull(rows.get(1)[0]);
  }

  @Test
  void readUnescapesDoubledQuotes() throws Exception {
    CsvExport export = CsvExport.open(write("q.csv", "a,b\n\"say \"\"hi\"\"\",1\n"));
    assertEquals("say \"hi\"", readAll(export, export.inferColumns()).get(0)[0]);
  }

  @Test
  void readKeepsLongRecordsIntact() throws Exception {
    String big = "x".repeat(100_000);
    CsvExport export = CsvExport.open(write("big.csv", "a,b,c\n" + big + ",\"" + big + "\n" + big + "\",2\n"));
    Object[] row = readAll(export, export.inferColumns()).get(0);
    assertEquals(big, row[0]);
    assertEquals(big + "\n" + big, row[1]);
    assertEquals(2L, row[2]);
  }

  @Test
  void openRejectsAnEmptyFile() throws Exception {
    Path file = write("empty.csv", "\n\n");
    ExportException e = assertThrows(ExportException.class, () -> CsvExport.open(file));
    assertEquals("empty.csv: is empty: it has no header line", e.getMessage());
  }

  @Test
  void openRejectsAMissingFile() {
    ExportException e = assertThrows(ExportException.class, () -> CsvExport.open(dir.resolve("gone.csv")));
    assertEquals("gone.csv: does not exist", e.getMessage());
    assertTrue(e.getCause() instanceof NoSuchFileException);
  }

  @Test
  void readNamesFileLineColumnAndValueOfABadValueAfterAMultiLineField() throws Exception {
    CsvExport export = CsvExport.open(fixture("orders_bad_amount.csv"));
    List<ColumnSpec> columns = List.of(col("order_id", Kind.BIGINT), new ColumnSpec("amount", Kind.DECIMAL, 2),
        col("note", Kind.VARCHAR));
    ExportException e = assertThrows(ExportException.class, () -> export.read(columns, (line, values) -> { }));
    assertEquals("orders_bad_amount.csv line 5, column amount: '12,3x' is not a decimal number", e.getMessage());
    assertEquals(5, e.line());
    assertEquals("amount", e.column());
    assertEquals("12,3x", e.value());
    assertEquals(fixture("orders_bad_amount.csv"), e.file());
  }

  @Test
  void checkRefusesABadValueWithTheSameMessageAsRead() throws Exception {
    CsvExport export = CsvExport.open(fixture("orders_bad_amount.csv"));
    List<ColumnSpec> columns = List.of(col("order_id", Kind.BIGINT), new ColumnSpec("amount", Kind.DECIMAL, 2),
        col("note", Kind.VARCHAR));
    ExportException e = assertThrows(ExportException.class,
        () -> export.check(columns, (line, values) -> { }, new CRC32C()));
    assertEquals("orders_bad_amount.csv line 5, column amount: '12,3x' is not a decimal number", e.getMessage());
    CsvExport cost = CsvExport.open(write("cost.csv", "cost,day\n1.25,2024-02-29\n1.255,2024-02-30\n"));
    ExportException scale = assertThrows(ExportException.class, () -> cost.check(
        List.of(new ColumnSpec("cost", Kind.DECIMAL, 2), col("day", Kind.VARCHAR)), (line, values) -> { }, new CRC32C()));
    assertEquals("cost.csv line 3, column cost: '1.255' has 3 decimals, more than the column's scale of 2",
        scale.getMessage());
    ExportException date = assertThrows(ExportException.class, () -> cost.check(
        List.of(col("cost", Kind.VARCHAR), col("day", Kind.DATE)), (line, values) -> { }, new CRC32C()));
    assertEquals("cost.csv line 3, column day: '2024-02-30' is not a date (yyyy-MM-dd)", date.getMessage());
  }

  @Test
  void checkMarksEachCellPresentOrEmptyAndFeedsEveryByteOfTheFileToTheChecksum() throws Exception {
    Path file = write("c.csv", "\uFEFFn,s,d\n7,x,2024-01-31\n ,\"\",\n");
    CsvExport export = CsvExport.open(file);
    List<String> seen = new ArrayList<>();
    CRC32C checksum = new CRC32C();
    long rows = export.check(List.of(col("n", Kind.BIGINT), col("s", Kind.VARCHAR), col("d", Kind.DATE)),
        (line, values) -> seen.add(line + ":" + Arrays.toString(values)), checksum);
    assertEquals(2, rows);
    assertEquals(List.of("2:[(present), (present), (present)]", "3:[null, null, null]"), seen);
    CRC32C whole = new CRC32C();
    whole.update(Files.readAllBytes(file));
    assertEquals(whole.getValue(), checksum.getValue());
  }

  @Test
  void readRejectsADecimalWithMoreDecimalsThanTheScaleInsteadOfRounding() throws Exception {
    CsvExport export = CsvExport.open(write("cost.csv", "cost\n1.25\n1.255\n"));
    ExportException e = assertThrows(ExportException.class,
        () -> export.read(List.of(new ColumnSpec("cost", Kind.DECIMAL, 2)), (line, values) -> { }));
    assertEquals("cost.csv line 3, column cost: '1.255' has 3 decimals, more than the column's scale of 2",
        e.getMessage());
  }

  @Test
  void readRejectsARowWithTheWrongNumberOfFields() throws Exception {
    CsvExport export = CsvExport.open(write("short.csv", "a,b,c\n1,2,3\n4,5\n"));
    ExportException e = assertThrows(ExportException.class, () -> export.inferColumns());
    assertEquals("short.csv line 3: 2 fields, but the header has 3", e.getMessage());
    assertEquals(3, e.line());
    assertNull(e.column());
    ExportException tooMany = assertThrows(ExportException.class, () -> CsvExport.open(
        write("long.csv", "a,b\n1,2,3\n")).read(List.of(col("a", Kind.VARCHAR), col("b", Kind.VARCHAR)),
            (line, values) -> { }));
    assertEquals("long.csv line 2: 3 fields, but the header has 2", tooMany.getMessage());
  }

  @Test
  void readNamesTheKindAValueFailedToConvertTo() throws Exception {
    CsvExport export = CsvExport.open(write("k.csv", "b,n,d,t\nyes,1.5,31.01.2024,noon\n"));
    List<ColumnSpec> text = List.of(col("b", Kind.VARCHAR), col("n", Kind.VARCHAR), col("d", Kind.VARCHAR),
        col("t", Kind.VARCHAR));
    String[] expected = {
        "k.csv line 2, column b: 'yes' is not a boolean (true or false)",
        "k.csv line 2, column n: '1.5' is not a whole number in the BIGINT range",
        "k.csv line 2, column d: '31.01.2024' is not a date (yyyy-MM-dd)",
        "k.csv line 2, column t: 'noon' is not a timestamp (yyyy-MM-dd HH:mm[:ss[.fraction]])"};
    Kind[] kinds = {Kind.BOOLEAN, Kind.BIGINT, Kind.DATE, Kind.TIMESTAMP};
    for (int i = 0; i < kinds.length; i++) {
      List<ColumnSpec> columns = new ArrayList<>(text);
      columns.set(i, col(columns.get(i).name(), kinds[i]));
      ExportException e = assertThrows(ExportException.class, () -> export.read(columns, (line, values) -> { }));
      assertEquals(expected[i], e.getMessage());
    }
  }

  @Test
  void readTrimsValuesButKeepsTextAsWritten() throws Exception {
    CsvExport export = CsvExport.open(write("t.csv", "n,s\n 7 , padded \n  ,   \n"));
    List<Object[]> rows = readAll(export, List.of(col("n", Kind.BIGINT), col("s", Kind.VARCHAR)));
    assertArrayEquals(new Object[] {7L, " padded "}, rows.get(0));
    assertArrayEquals(new Object[] {null, null}, rows.get(1));
  }

  @Test
  void readWrapsAFailingSinkWithTheLine() throws Exception {
    CsvExport export = CsvExport.open(write("s.csv", "a\n1\n"));
    IllegalStateException boom = new IllegalStateException("store is full");
    ExportException e = assertThrows(ExportException.class,
        () -> export.read(List.of(col("a", Kind.BIGINT)), (line, values) -> { throw boom; }));
    assertEquals(2, e.line());
    assertSame(boom, e.getCause());
  }

  @Test
  void readRejectsColumnsThatDoNotMatchTheHeader() throws Exception {
    CsvExport export = CsvExport.open(write("m.csv", "a,b\n1,2\n"));
    assertThrows(IllegalArgumentException.class, () -> export.read(List.of(col("a", Kind.BIGINT)), (l, v) -> { }));
  }

  @Test
  void readRejectsAnUnclosedQuoteInsteadOfSwallowingTheRest() throws Exception {
    CsvExport export = CsvExport.open(write("q.csv", "a,b\n1,2\n3,\"oops\n4,5\n"));
    ExportException e = assertThrows(ExportException.class, () -> export.inferColumns());
    assertEquals("q.csv line 3: is not valid CSV: Unclosed quoted field at end of input", e.getMessage());
    assertEquals(3, e.line());
  }

  @Test
  void readRejectsTextAfterAClosingQuote() throws Exception {
    CsvExport export = CsvExport.open(write("x.csv", "a,b\n1,2\n\n3,\"ok\"x\n"));
    ExportException e = assertThrows(ExportException.class, () -> export.inferColumns());
    assertEquals(4, e.line());
    assertTrue(e.getMessage().startsWith("x.csv line 4: is not valid CSV: "), e.getMessage());
  }
}
