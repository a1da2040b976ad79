package org.marketingsql.jdbc;

import java.sql.SQLWarning;
import java.util.List;

/**
 * A statement's warnings from the live reads of its planning ({@code LiveReadWarnings}): a live read that
 * failed means the result came from the store as it was, which the user should see, not only the log.
 * They come first in {@code getWarnings}, before the statement's own.
 */
final class StatementWarnings {
  /** SQLSTATE class 01, warning, with the subclass for "data may be stale" that PostgreSQL does not use. */
  static final String STALE = "01M01";

  private volatile List<String> messages;

  StatementWarnings(List<String> messages) {
    this.messages = List.copyOf(messages);
  }

  /** What the last planning of the statement left. */
  void replace(List<String> latest) {
    messages = List.copyOf(latest);
  }

  void clear() {
    messages = List.of();
  }

  /** These warnings, then {@code own} (may be null); null when there are none. */
  SQLWarning chain(SQLWarning own) {
    SQLWarning first = null;
    SQLWarning last = null;
    for (String message : messages) {
      SQLWarning warning = new SQLWarning(message, STALE);
      if (first == null) {
        first = warning;
      } else {
        last.setNextWarning(warning);
      }
      last = warning;
    }
    if (first == null) {
      return own;
    }
    if (own != null) {
      last.setNextWarning(own);
    }
    return first;
  }
}
