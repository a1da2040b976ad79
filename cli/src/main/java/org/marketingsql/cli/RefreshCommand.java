package org.marketingsql.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;
import org.marketingsql.schema.MarketingSchema;
import org.marketingsql.store.Store;
import org.marketingsql.store.StoreFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Runs one refresh of the store and publishes its snapshot: loads the changed exports, syncs the API
 * sources older than their {@code maxAge}, rebuilds the facts and the LTV models. Waits for a refresh
 * another process is running, then refreshes. Exit code 1, with the reason on stderr, when it fails;
 * connections then go on reading the snapshot before it.
 */
@Command(name = "refresh", description = {
    "Refresh the store once and publish the result as its next snapshot, then exit.",
    "Loads the exports that changed, syncs the API sources older than their maxAge, rebuilds the facts "
        + "and LTV models. Connections read the last published snapshot meanwhile; if the refresh fails they "
        + "keep reading it, and the error shows in sync.sync_status. Waits for a refresh another process runs."})
final class RefreshCommand implements Callable<Integer> {
  @Mixin
  Target target;

  @Override
  public Integer call() {
    long started = System.nanoTime();
    String url;
    try {
      url = target.url();
    } catch (IllegalArgumentException e) {
      System.err.println("refresh: " + e.getMessage());
      return 1;
    }
    try (Connection connection = DriverManager.getConnection(url + ";refresh=wait")) {
      MarketingSchema schema = schemaOf(connection);
      long millis = (System.nanoTime() - started) / 1_000_000;
      if (schema == null) {
        System.err.println("refreshed in " + millis + " ms");
      } else if (schema.store().snapshotGeneration() > 0) {
        String folder = StoreFolder.of(schema.config().store()).map(f -> f.dir().toString()).orElse("");
        System.err.println("refreshed " + folder + ": snapshot " + schema.store().snapshotGeneration()
            + " is current (" + millis + " ms)");
      } else if (schema.store().published().isPresent()) {
        // a PostgreSQL store: what the last refresh published, or why it failed
        Store.Published published = schema.store().published().get();
        if (published.failure() != null) {
          System.err.println("refresh failed: " + published.failure());
          return 1;
        }
        System.err.println("refreshed " + schema.store().describe() + ": refresh " + published.generation()
            + " is published (" + millis + " ms)");
      } else {
        System.err.println("refreshed " + schema.store().describe() + " (" + millis + " ms)");
      }
      return 0;
    } catch (SQLException e) {
      System.err.println("refresh failed: " + Errors.describe(e));
      return 1;
    } catch (RuntimeException e) {
      System.err.println("refresh failed: " + e.getMessage());
      return 1;
    }
  }

  /** The Marketing SQL schema behind a driver connection, or null when it has none. */
  static MarketingSchema schemaOf(Connection connection) throws SQLException {
    SchemaPlus root = connection.unwrap(CalciteConnection.class).getRootSchema();
    for (String name : root.getSubSchemaNames()) {
      SchemaPlus sub = root.getSubSchema(name);
      try {
        MarketingSchema schema = sub == null ? null : sub.unwrap(MarketingSchema.class);
        if (schema != null) {
          return schema;
        }
      } catch (ClassCastException notIt) {
        // another schema (finance, sync, a source)
      }
    }
    return null;
  }
}
