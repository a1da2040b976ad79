package org.marketingsql.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * What a store on PostgreSQL has published, in its one-row table {@code _marketing.publications}: how many
 * refreshes so far, when the last one committed, and why the last one failed if it did, for
 * {@code finance.data_freshness} and {@code sync.sync_status} on every node.
 */
final class Publications {
  private static final String TABLE = "\"_marketing\".\"publications\"";

  private Publications() {
  }

  /** Makes the table and its row where they are missing; outside any refresh, so it never holds readers. */
  static void prepare(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE SCHEMA IF NOT EXISTS \"_marketing\"");
      s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (\"generation\" BIGINT NOT NULL, \"published_at\" TIMESTAMP,"
          + " \"failed_at\" TIMESTAMP, \"failure\" VARCHAR)");
      s.execute("INSERT INTO " + TABLE + " SELECT 0, NULL, NULL, NULL WHERE NOT EXISTS (SELECT 1 FROM " + TABLE + ")");
    }
  }

  /** Inside the refresh's transaction, last: counts it published now and clears the last failure. */
  static void published(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("UPDATE " + TABLE + " SET \"generation\" = \"generation\" + 1,"
          + " \"published_at\" = CAST(now() AT TIME ZONE 'UTC' AS TIMESTAMP), \"failed_at\" = NULL, \"failure\" = NULL");
    }
  }

  /** After a refresh was rolled back: why, for every node to show. */
  static void failed(Connection connection, Instant at, String message) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement("UPDATE " + TABLE + " SET \"failed_at\" = ?, \"failure\" = ?")) {
      s.setTimestamp(1, Timestamp.valueOf(at.atOffset(ZoneOffset.UTC).toLocalDateTime()));
      s.setString(2, message);
      s.executeUpdate();
    }
  }

  /** The last publication and failure; empty before the first refresh. */
  static Optional<Store.Published> read(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      boolean exists;
      try (ResultSet rs = s.executeQuery("SELECT to_regclass('\"_marketing\".\"publications\"') IS NOT NULL")) {
        rs.next();
        exists = rs.getBoolean(1);
      }
      if (!exists) {
        return Optional.empty();
      }
      try (ResultSet rs = s.executeQuery("SELECT \"generation\", \"published_at\", \"failed_at\", \"failure\" FROM " + TABLE)) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(new Store.Published(rs.getLong(1), instant(rs.getTimestamp(2)), instant(rs.getTimestamp(3)),
            rs.getString(4)));
      }
    }
  }

  private static Instant instant(Timestamp utc) {
    return utc == null ? null : utc.toLocalDateTime().toInstant(ZoneOffset.UTC);
  }
}
