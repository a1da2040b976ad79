package org.marketingsql.pgwire;

/** A result column as RowDescription names it; {@code binary} when the client asked for binary values. */
record Column(String name, PgType type, boolean binary) {
}
