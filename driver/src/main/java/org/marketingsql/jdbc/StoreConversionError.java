package org.marketingsql.jdbc;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.marketingsql.sql.PgSqlException;
import org.marketingsql.sql.PgTextInput;

/**
 * A text the store could not cast, recognised in DuckDB's words ({@code Conversion Error: Could not convert string 'x'
 * to INT32}, {@code invalid date field format: "x"}, {@code date field value out of range: "2024-13-01"}) and told as
 * PostgreSQL tells it, with its SQLSTATE ({@link PgTextInput#error}): {@code invalid input syntax for type integer:
 * "x"} (22P02), {@code value "99999999999" is out of range for type integer} (22003), {@code date/time field value out
 * of range: "2024-13-01"} (22008). A PostgreSQL store's errors are PostgreSQL's already.
 */
final class StoreConversionError {
  private static final Pattern NOT_CONVERTED =
      Pattern.compile("Could not convert string (?:'(.*?)'|\"(.*?)\") to ([A-Z0-9_]+)");
  private static final Pattern DATE_TIME =
      Pattern.compile("(date|timestamp) field (?:format|value out of range): \"(.*?)\"");
  /** DuckDB's type names as PostgreSQL names them. */
  private static final Map<String, String> TYPES = Map.of("INT16", "smallint", "INT32", "integer", "INT64", "bigint",
      "DOUBLE", "double precision", "FLOAT", "real", "BOOL", "boolean", "DATE", "date", "TIMESTAMP", "timestamp",
      "DECIMAL", "numeric");

  private StoreConversionError() {
  }

  /** PostgreSQL's error for the conversion the store refused somewhere in {@code e}'s causes, if it refused one. */
  static Optional<PgSqlException> of(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (!message.contains("Conversion Error")) {
        continue;
      }
      Matcher converted = NOT_CONVERTED.matcher(message);
      if (converted.find()) {
        String text = converted.group(1) != null ? converted.group(1) : converted.group(2);
        String type = TYPES.getOrDefault(converted.group(3), converted.group(3).toLowerCase(Locale.ROOT));
        return Optional.of(PgTextInput.error(text, type));
      }
      Matcher dateTime = DATE_TIME.matcher(message);
      if (dateTime.find()) {
        return Optional.of(PgTextInput.error(dateTime.group(2), dateTime.group(1)));
      }
    }
    return Optional.empty();
  }
}
