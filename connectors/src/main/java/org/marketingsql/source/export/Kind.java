package org.marketingsql.source.export;

/**
 * The SQL kind of an export column, ordered from the narrowest to the widest kind inference tries.
 */
public enum Kind {
  /** {@code true} / {@code false}, case-insensitive; read as {@link Boolean}. */
  BOOLEAN,
  /** Whole numbers that fit a {@code long}; read as {@link Long}. */
  BIGINT,
  /** Decimal numbers with a fixed scale; read as {@link java.math.BigDecimal}. */
  DECIMAL,
  /** ISO dates {@code yyyy-MM-dd}; read as {@link java.time.LocalDate}. */
  DATE,
  /** ISO timestamps {@code yyyy-MM-dd HH:mm[:ss[.fraction]]} (or with {@code T}); read as {@link java.time.LocalDateTime}. */
  TIMESTAMP,
  /** Anything else; read as {@link String}. */
  VARCHAR
}
