package org.marketingsql.store;

/** Small helpers for SQL text the store writes itself. */
public final class Sql {
  private Sql() {
  }

  /** Quotes an identifier with double quotes, doubling any inside. */
  public static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  /** A string literal, quotes doubled. */
  public static String literal(String value) {
    return '\'' + value.replace("'", "''") + '\'';
  }
}
