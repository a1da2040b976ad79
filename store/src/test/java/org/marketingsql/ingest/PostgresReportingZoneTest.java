package org.marketingsql.ingest;

import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.config.Secret;
import org.marketingsql.config.StoreLogin;
import org.marketingsql.store.Store;
import org.marketingsql.testing.PostgresCluster;

/** The re-day of stored orders on a change of the reporting time zone, on a PostgreSQL store. */
class PostgresReportingZoneTest extends ReportingZoneTest {
  @RegisterExtension
  static final PostgresCluster postgres = PostgresCluster.withPassword();
  private static final AtomicInteger DATABASES = new AtomicInteger();

  @Override
  Store open() {
    String database = "reporting_zone_" + DATABASES.incrementAndGet();
    try (Connection c = postgres.connection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    } catch (Exception e) {
      throw new IllegalStateException("creating database " + database, e);
    }
    return Store.open(postgres.url(database),
        new StoreLogin(postgres.user(), Secret.of("${env:MARKETING_PG_PASSWORD}", postgres.password())));
  }
}
