package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.Fixtures;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.users.ScramVerifier;
import org.marketingsql.users.User;
import org.marketingsql.users.UsersFile;

/**
 * The catalog queries BI tools send when they list a view's columns answer quickly on every new connection:
 * psqlODBC's SQLColumns and SQLPrimaryKeys (Excel, Power BI), exactly as psqlODBC sends them, and pgJDBC's
 * getTables, getColumns and getPrimaryKeys. Their joins of five and more catalog tables take hundreds of milliseconds
 * to plan, and plans are kept per connection, so the server keeps their answers for its other connections
 * ({@link CatalogAnswers}). The bound is a median of ten new connections, which a busy CI machine does not move much;
 * the measured times go to stderr.
 */
@ExtendWith(IsolatedHome.class)
class CatalogLatencyTest {
  static final String PSQLODBC_COLUMNS = "select n.nspname, c.relname, a.attname, a.atttypid, t.typname, a.attnum, a.attlen,"
      + " a.atttypmod, a.attnotnull, c.relhasrules, c.relkind, c.oid, pg_get_expr(d.adbin, d.adrelid), case t.typtype when"
      + " 'd' then t.typbasetype else 0 end, t.typtypmod, 0, attidentity, c.relhassubclass from (((pg_catalog.pg_class c"
      + " inner join pg_catalog.pg_namespace n on n.oid = c.relnamespace and c.relname like 'channel_roi' and n.nspname like"
      + " 'finance') inner join pg_catalog.pg_attribute a on (not a.attisdropped) and a.attnum > 0 and a.attrelid = c.oid)"
      + " inner join pg_catalog.pg_type t on t.oid = a.atttypid) left outer join pg_attrdef d on a.atthasdef and d.adrelid"
      + " = a.attrelid and d.adnum = a.attnum order by n.nspname, c.relname, attnum";
  static final String PSQLODBC_PRIMARY_KEYS = "select ta.attname, ia.attnum, ic.relname, n.nspname, tc.relname from"
      + " pg_catalog.pg_attribute ta, pg_catalog.pg_attribute ia, pg_catalog.pg_class tc, pg_catalog.pg_index i,"
      + " pg_catalog.pg_namespace n, pg_catalog.pg_class ic where tc.relname = 'channel_roi' AND n.nspname = 'finance' AND"
      + " tc.oid = i.indrelid AND n.oid = tc.relnamespace AND i.indisprimary = 't' AND ia.attrelid = i.indexrelid AND"
      + " ta.attrelid = i.indrelid AND ta.attnum = i.indkey[ia.attnum-1] AND (NOT ta.attisdropped) AND (NOT"
      + " ia.attisdropped) AND ic.oid = i.indexrelid order by ia.attnum";
  /** The target on a quiet machine is 200 ms (docs/performance.md); a kept answer takes a few milliseconds. */
  private static final long WARM_MEDIAN_BOUND_MS = 300;
  private static final int NEW_CONNECTIONS = 10;

  @TempDir
  Path temp;
  PgServer server;
  String url;

  @BeforeEach
  void start() throws Exception {
    Path users = temp.resolve("users");
    new UsersFile(users).add(new User("alice", ScramVerifier.create("s3cret".toCharArray(), new SecureRandom()), List.of("*")));
    String jdbcUrl = "jdbc:marketing:csv=" + Fixtures.copy("finance", temp.resolve("exports"));
    server = PgServer.start(new PgServerSettings(jdbcUrl, "127.0.0.1", 0, users, 50));
    url = "jdbc:postgresql://127.0.0.1:" + server.port() + "/marketing";
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void tenNewConnectionsListAViewsColumnsAndKeysWithAMedianUnder300Milliseconds() throws Exception {
    Map<String, Long> first = timings();
    Map<String, List<Long>> again = new LinkedHashMap<>();
    for (int i = 0; i < NEW_CONNECTIONS; i++) {
      timings().forEach((name, ms) -> again.computeIfAbsent(name, k -> new ArrayList<>()).add(ms));
    }
    Map<String, Long> medians = new LinkedHashMap<>();
    again.forEach((name, ms) -> medians.put(name, ms.stream().sorted().toList().get(ms.size() / 2)));
    System.err.println("catalog queries, first connection ms " + first + "; median of " + NEW_CONNECTIONS
        + " new connections ms " + medians + "; each " + again);
    medians.forEach((name, ms) -> assertTrue(ms < WARM_MEDIAN_BOUND_MS,
        name + " took " + ms + " ms (median of " + NEW_CONNECTIONS + " new connections): " + again));
  }

  @Test
  void psqlodbcsColumnListIsRightWithTheJoinsReordered() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      List<String> columns = new ArrayList<>();
      try (ResultSet rs = s.executeQuery(PSQLODBC_COLUMNS)) {
        while (rs.next()) {
          columns.add(rs.getString(3) + ":" + rs.getString(5) + ":" + rs.getInt(6));
        }
      }
      assertEquals("month_start:date:1", columns.get(0));
      assertTrue(columns.stream().anyMatch(x -> x.startsWith("roas:numeric:")), columns.toString());
      for (int i = 0; i < columns.size(); i++) {
        assertTrue(columns.get(i).endsWith(":" + (i + 1)), "in attnum order: " + columns);
      }
      try (ResultSet rs = s.executeQuery(PSQLODBC_PRIMARY_KEYS)) {
        assertEquals(false, rs.next());
      }
    }
  }

  /** Each catalog call's milliseconds on one new connection. */
  private Map<String, Long> timings() throws SQLException {
    Map<String, Long> ms = new LinkedHashMap<>();
    try (Connection c = connect(); Statement s = c.createStatement()) {
      DatabaseMetaData md = c.getMetaData();
      ms.put("psqlODBC SQLColumns", time(() -> drain(s.executeQuery(PSQLODBC_COLUMNS))));
      ms.put("psqlODBC SQLPrimaryKeys", time(() -> drain(s.executeQuery(PSQLODBC_PRIMARY_KEYS))));
      ms.put("pgJDBC getTables", time(() -> drain(md.getTables(null, "finance", "channel_roi", null))));
      ms.put("pgJDBC getColumns", time(() -> drain(md.getColumns(null, "finance", "channel_roi", null))));
      ms.put("pgJDBC getPrimaryKeys", time(() -> drain(md.getPrimaryKeys(null, "finance", "channel_roi"))));
    }
    return ms;
  }

  private interface Call {
    void run() throws SQLException;
  }

  private static long time(Call call) throws SQLException {
    long start = System.nanoTime();
    call.run();
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static void drain(ResultSet rs) throws SQLException {
    try (rs) {
      while (rs.next()) {
        rs.getObject(1);
      }
    }
  }

  private Connection connect() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "alice");
    p.setProperty("password", "s3cret");
    p.setProperty("sslmode", "disable");
    return DriverManager.getConnection(url, p);
  }
}
