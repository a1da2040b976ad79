package org.marketingsql.pgwire;

/**
 * A result column as RowDescription names it; {@code binary} when the client asked for binary values;
 * {@code tableOid} and {@code columnNumber} name the table or view column it comes straight from, as
 * pg_class and pg_attribute number them (0 when it is computed).
 */
record Column(String name, PgType type, boolean binary, int tableOid, int columnNumber) {
  Column(String name, PgType type, boolean binary) {
    this(name, type, binary, 0, 0);
  }
}
