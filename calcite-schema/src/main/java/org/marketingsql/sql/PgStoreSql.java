package org.marketingsql.sql;

import java.util.Optional;

/**
 * What the store's SQL needs of a PostgreSQL date function's literal arguments, for the store's dialect:
 * the unit's name as DuckDB knows it, and a {@code to_char} format as a {@code strftime} one.
 */
public final class PgStoreSql {
  private PgStoreSql() {
  }

  /** The unit's canonical name ({@code 'Months'} is {@code month}), or the text as it is if it names none. */
  public static String unit(String text) {
    return PgUnit.of(text).map(PgUnit::canonical).orElse(text);
  }

  /** Whether the unit is seconds, which PostgreSQL returns with their fraction and DuckDB without. */
  public static boolean isSecond(String text) {
    return PgUnit.of(text).filter(u -> u == PgUnit.SECOND).isPresent();
  }

  /** The {@code strftime} format that writes what {@code to_char} with {@code format} writes, if there is one. */
  public static Optional<String> strftime(String format) {
    return PgDateFormat.parse(format).strftime();
  }
}
