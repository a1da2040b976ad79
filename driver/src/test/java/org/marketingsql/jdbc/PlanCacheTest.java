package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.apache.calcite.runtime.Hook;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.testing.Fixtures;
import org.marketingsql.testing.StoreFixture;

/** A connection plans each SQL text once; other connections plan their own. */
@org.junit.jupiter.api.extension.ExtendWith(org.marketingsql.testing.IsolatedHome.class)
class PlanCacheTest {
  @RegisterExtension
  final StoreFixture fixture = StoreFixture.withExports("finance");
  String url;

  @BeforeEach
  void setUp() {
    url = fixture.csvUrl();
  }

  @Test
  void theSameSqlOnOneConnectionIsPlannedOnceAndStillAnswersEachTime() throws Exception {
    AtomicInteger plans = new AtomicInteger();
    String sql = "select platform, sum(spend_rc) from finance.ad_spend_daily group by platform";
    try (Hook.Closeable counting = Hook.PARSE_TREE.addThread(
            (Consumer<Object>) x -> plans.incrementAndGet());
        Connection c = DriverManager.getConnection(url)) {
      for (int i = 0; i < 3; i++) {
        assertEquals(2, rows(c, sql));
      }
      assertEquals(1, plans.get());
      try (Connection other = DriverManager.getConnection(url)) {
        assertEquals(2, rows(other, sql));
      }
      assertEquals(2, plans.get());
    }
  }

  @Test
  void aKeptPlanFiltersOnTheDayItRunsNotTheDayItWasPlanned() throws Exception {
    AtomicInteger plans = new AtomicInteger();
    String sql = "select count(*) from finance.orders"
        + " where order_date >= current_date - interval '7 days' and order_date <= current_date";
    java.util.Properties utc = new java.util.Properties();
    utc.setProperty("timeZone", "UTC");
    try (Hook.Closeable counting = Hook.PARSE_TREE.addThread((Consumer<Object>) x -> plans.incrementAndGet());
        Connection c = DriverManager.getConnection(url, utc)) {
      // orders of 2025-01-16 and 2025-01-21; then of 2025-02-05, 02-07 and 02-08
      assertEquals(2, countAt(c, sql, "2025-01-22T12:00:00Z"));
      assertEquals(3, countAt(c, sql, "2025-02-09T12:00:00Z"));
      assertEquals(0, countAt(c, sql, "2025-03-01T00:00:00Z"));
      assertEquals(1, plans.get(), "one plan, run on three days");
    }
  }

  /** The count {@code sql} answers when the statement starts at {@code instant}. */
  private static long countAt(Connection c, String sql, String instant) throws Exception {
    long millis = java.time.Instant.parse(instant).toEpochMilli();
    try (Hook.Closeable clock = Hook.CURRENT_TIME.addThread(
            (org.apache.calcite.util.Holder<Long> now) -> now.set(millis));
        Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void aStatementLongerThanTheKeptLimitIsPlannedEachTimeInsteadOfKept() throws Exception {
    AtomicInteger plans = new AtomicInteger();
    String sql = "select platform, sum(spend_rc) from finance.ad_spend_daily group by platform -- "
        + "x".repeat(PlanCache.LONGEST_KEPT_SQL) + "\n";
    try (Hook.Closeable counting = Hook.PARSE_TREE.addThread(
            (Consumer<Object>) x -> plans.incrementAndGet());
        Connection c = DriverManager.getConnection(url)) {
      for (int i = 0; i < 3; i++) {
        assertEquals(2, rows(c, sql));
      }
      assertEquals(3, plans.get());
    }
  }

  @Test
  void anUnqualifiedNameIsPlannedAgainAfterTheConnectionChangesItsSchema() throws Exception {
    // Two sources with a table of the same name: the same text means another table after setSchema.
    Path second = Fixtures.copy("finance", fixture.exports().resolveSibling("second"));
    Files.writeString(second.resolve("ad_spend.csv"), Files.readString(second.resolve("ad_spend.csv"))
        .lines().limit(2).collect(Collectors.joining("\n", "", "\n")));
    Path model = fixture.exports().resolveSibling("marketing.yaml");
    Files.writeString(model, """
        version: "1.0"
        defaultSchema: marketing
        schemas:
          - name: marketing
            type: custom
            factory: org.marketingsql.schema.MarketingSchemaFactory
            operand:
              store: "jdbc:duckdb:%s"
              sources:
                - { name: alpha, type: csv-folder, path: "%s" }
                - { name: beta, type: csv-folder, path: "%s" }
        """.formatted(fixture.file().toString().replace("\\", "/"),
        fixture.exports().toString().replace("\\", "/"), second.toString().replace("\\", "/")));
    try (Connection c = DriverManager.getConnection("jdbc:marketing:model=" + model)) {
      String sql = "select * from ad_spend";
      int all = rows(c, "select * from alpha.ad_spend");
      int one = rows(c, "select * from beta.ad_spend");
      c.setSchema("alpha");
      assertEquals(all, rows(c, sql));
      c.setSchema("beta");
      assertEquals(one, rows(c, sql), "the first schema's plan was not reused");
      assertEquals(1, one);
    }
  }

  private static int rows(Connection c, String sql) throws Exception {
    int n = 0;
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        n++;
      }
    }
    return n;
  }
}
