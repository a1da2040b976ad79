package org.marketingsql.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The configuration's {@code fxRates}: one FX file ({@code date,currency,rate_to_reporting}) or one table
 * of the store with those columns ({@code schema.table}), whose rates win over every other FX input.
 *
 * @param file the FX file, resolved against the configuration's folder; null for a table
 * @param schema the table's schema; null for a file
 * @param table the table's name; null for a file
 */
public record FxRatesSetting(Path file, String schema, String table) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  public FxRatesSetting {
    if ((file == null) == (schema == null || table == null) || (schema == null) != (table == null)) {
      throw new IllegalArgumentException("fxRates names either a file or a schema and table");
    }
    if (schema != null && !(NAME.matcher(schema).matches() && NAME.matcher(table).matches())) {
      throw new IllegalArgumentException("fxRates: '" + schema + "." + table + "' is not a table name such as finance.fx_rates");
    }
  }

  public static FxRatesSetting ofFile(Path file) {
    return new FxRatesSetting(Objects.requireNonNull(file, "file"), null, null);
  }

  public static FxRatesSetting ofTable(String schema, String table) {
    return new FxRatesSetting(null, Objects.requireNonNull(schema, "schema"), Objects.requireNonNull(table, "table"));
  }

  /**
   * Reads the key's value: {@code schema.table} (two names joined by a dot, not ending in a file
   * extension such as {@code .csv}) is a table; anything else a file path.
   */
  static FxRatesSetting parse(String value, Path baseDirectory) {
    String text = value.trim();
    int dot = text.indexOf('.');
    boolean table = dot > 0 && text.indexOf('.', dot + 1) < 0 && NAME.matcher(text.substring(0, dot)).matches()
        && NAME.matcher(text.substring(dot + 1)).matches() && !text.substring(dot + 1).matches("(?i)csv|tsv|txt");
    return table ? ofTable(text.substring(0, dot), text.substring(dot + 1))
        : ofFile(baseDirectory.resolve(text).normalize());
  }

  /** The file's path or {@code schema.table}, for messages. */
  public String describe() {
    return file != null ? file.toString() : schema + "." + table;
  }
}
