package org.marketingsql.source.export;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One FX file named by the configuration's {@code fxRates} key, read as an export folder reads a file
 * with the FX header ({@code date,currency,rate_to_reporting}, found by its header): the same
 * detection, conversions and messages naming the file, line and column.
 */
public final class FxRatesFile {
  private FxRatesFile() {
  }

  /** One row: {@code rate} units of the reporting currency per one unit of {@code currency} on {@code date}. */
  public record Rate(LocalDate date, String currency, BigDecimal rate) {
    public Rate {
      Objects.requireNonNull(date, "date");
      Objects.requireNonNull(currency, "currency");
      Objects.requireNonNull(rate, "rate");
    }
  }

  /**
   * Every rate of the file, currency codes upper-cased.
   *
   * @throws ExportException when the file cannot be read, has no FX header, or a row does not convert
   */
  public static List<Rate> read(Path file) throws ExportException {
    Objects.requireNonNull(file, "file");
    CsvExport csv = CsvExport.open(file, Frame.PLAIN);
    InputKind kind = InputKind.detect(file, csv.columnNames());
    if (kind != InputKind.FX_RATES) {
      throw ExportException.ofFile(file, "is not an FX file: its header must be "
          + String.join(",", InputKind.FX_RATES.columns().keySet())
          + (kind == null ? "" : ", but it reads as " + kind.label()), null);
    }
    List<ColumnSpec> columns = new ArrayList<>();
    for (ColumnSpec inferred : csv.inferColumns()) {
      columns.add(kind.spec(inferred));
    }
    List<String> names = columns.stream().map(ColumnSpec::name).toList();
    int date = names.indexOf("date");
    int currency = names.indexOf("currency");
    int rate = names.indexOf("rate_to_reporting");
    List<Rate> rates = new ArrayList<>();
    csv.read(columns, (line, values) -> {
      for (int position : new int[] {date, currency, rate}) {
        if (values[position] == null) {
          throw ExportException.ofValue(file, line, names.get(position), "",
              "is empty, but every row of " + kind.label() + " needs it");
        }
      }
      BigDecimal value = (BigDecimal) values[rate];
      if (value.signum() <= 0) {
        throw ExportException.ofValue(file, line, "rate_to_reporting", value.toPlainString(), "is not a positive rate");
      }
      rates.add(new Rate((LocalDate) values[date], values[currency].toString().trim().toUpperCase(Locale.ROOT), value));
    });
    return rates;
  }
}
