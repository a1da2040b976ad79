package org.marketingsql.access;

import java.util.Objects;

/**
 * A statement refused because it reads something its connection may not: a table, view or table
 * function of a schema outside the connection's {@link AccessPolicy}, an internal table, or something the
 * check cannot place. Its SQLSTATE is {@link AccessPolicy#REFUSED}.
 */
public final class AccessDeniedException extends RuntimeException {
  private final String schema;
  private final String object;

  AccessDeniedException(String schema, String object, String message) {
    super(Objects.requireNonNull(message, "message"));
    this.schema = Objects.requireNonNull(schema, "schema");
    this.object = Objects.requireNonNull(object, "object");
  }

  /** The refusal of a statement that is not a query (DDL, DML, or a kind not known to be a query). */
  public static AccessDeniedException notAQuery(org.apache.calcite.sql.SqlKind kind) {
    return new AccessDeniedException("", kind.toString(), "permission denied: a " + kind.lowerName.replace('_', ' ')
        + " statement is not a query, and only queries are run");
  }

  /** The schema the refused object is in (or would be looked for in); empty when it has none. */
  public String schema() {
    return schema;
  }

  /** The refused table, view, function or statement, as named in messages. */
  public String object() {
    return object;
  }

  /** The SQLSTATE of every refusal. */
  public String sqlState() {
    return AccessPolicy.REFUSED;
  }
}
