package org.marketingsql.access;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;

/**
 * The {@link AccessPolicy} of each open driver connection, found again when one of its statements is
 * prepared. A connection is known by its root schema object, which lives exactly as long as it (the
 * CalciteSchema wrappers around it come and go). A connection nobody restricted reads every schema but
 * the internal ones.
 */
public final class ConnectionPolicies {
  /** Weak keys: a closed connection's root goes, and its policy with it. */
  private static final Map<Object, AccessPolicy> POLICIES = Collections.synchronizedMap(new WeakHashMap<>());

  private ConnectionPolicies() {
  }

  /** Gives {@code connection} {@code policy}; a connection that has one already keeps what both allow. */
  public static void attach(Connection connection, AccessPolicy policy) throws SQLException {
    Objects.requireNonNull(policy, "policy");
    Object root = identity(connection);
    POLICIES.merge(root, policy, AccessPolicy::narrowedBy);
  }

  /** The policy of the connection {@code connection}. */
  public static AccessPolicy of(Connection connection) throws SQLException {
    return POLICIES.getOrDefault(identity(connection), AccessPolicy.all());
  }

  /** The policy of the connection a statement is being prepared for. */
  public static AccessPolicy of(CalcitePrepare.Context context) {
    Objects.requireNonNull(context, "context");
    return POLICIES.getOrDefault(context.getRootSchema().schema, AccessPolicy.all());
  }

  private static Object identity(Connection connection) throws SQLException {
    Objects.requireNonNull(connection, "connection");
    return CalciteSchema.from(connection.unwrap(CalciteConnection.class).getRootSchema()).schema;
  }
}
