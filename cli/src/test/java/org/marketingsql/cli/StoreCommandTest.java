package org.marketingsql.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.Fixtures;
import org.marketingsql.testing.PostgresCluster;
import org.marketingsql.testing.Sql;
import picocli.CommandLine;

/**
 * {@code store copy} moves a DuckDB store loaded from the finance exports to PostgreSQL: the finance views read
 * from the copy give the same numbers to the cent, a database that holds a store already is refused, and the
 * password, read from an environment variable, is never printed.
 */
class StoreCommandTest {
  private static final String PASSWORD_ENV = "MARKETING_PG_PASSWORD";
  private static final String PASSWORD = "c0py-Secret-4711";
  /** What these views show is when and how the store was loaded. */
  private static final Set<String> ABOUT_THE_LOAD = Set.of("data_freshness", "sync_status");

  @RegisterExtension
  static final PostgresCluster postgres = PostgresCluster.withPassword();
  @RegisterExtension
  final CommandRunner cli = new CommandRunner();

  @TempDir
  static Path temp;
  private static Path exports;
  private static Path model;
  private static String operand;

  @BeforeAll
  static void loadTheDuckDbStore() throws Exception {
    exports = Fixtures.copy("finance", temp.resolve("exports"));
    Files.copy(Fixtures.copy("nps-segments", temp.resolve("nps")).resolve("survey.csv"), exports.resolve("survey.csv"));
    Files.writeString(exports.resolve("touchpoints.csv"), """
        customer_id,touched_at,channel,campaign_id
        c1,2025-01-12 09:00:00,email,e1
        c2,2025-01-25 10:00:00,email,e2
        c4,2025-02-08 23:00:00,referral,
        """);
    Files.writeString(exports.resolve("subscription_items.csv"), """
        id,subscription_id,customer_id,status,currency,unit_amount,recurring_interval,interval_count,quantity,created,start_date,trial_end,ended_at
        si_1,sub_1,c1,active,USD,49.00,month,1,1,2025-01-05,2025-01-05,,
        si_2,sub_1,c1,active,USD,10.00,month,1,3,2025-03-10,2025-03-10,,
        si_3,sub_2,c2,canceled,USD,99.00,month,1,1,2025-01-20,2025-01-20,,2025-04-15
        """);
    operand = "\"grossMargin\": {\"default\": 0.5, \"hardware\": 0.3}, \"fiscalYearStartMonth\": 2";
    model = temp.resolve("marketing.json");
    Files.writeString(model, Fixtures.model(exports, temp.resolve("store.duckdb"), operand));
    assertEquals(0, Main.run("refresh", "--model", model.toString()));
    try (Connection c = postgres.connection(); Statement s = c.createStatement()) {
      s.execute("CREATE ROLE marketing LOGIN PASSWORD '" + PASSWORD + "'");
    }
  }

  @AfterEach
  void thePasswordIsNeverPrinted() {
    assertFalse(cli.out().contains(PASSWORD) || cli.err().contains(PASSWORD), cli.out() + cli.err());
  }

  private static String database(String name) throws SQLException {
    try (Connection c = postgres.connection(); Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name + " OWNER marketing");
    }
    return postgres.url(name);
  }

  /** Runs {@code marketing-sql} with these environment variables. */
  private int run(Map<String, String> environment, String... args) {
    CommandLine.IFactory factory = new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        K made = CommandLine.defaultFactory().create(type);
        if (made instanceof StoreCommand.Copy copy) {
          copy.environment = environment::get;
        }
        return made;
      }
    };
    return Main.run(factory, args);
  }

  private int copy(String url, String password, String... more) {
    List<String> args = new ArrayList<>(List.of("store", "copy", "--model", model.toString(), "--to", url, "--user",
        "marketing", "--password-env", PASSWORD_ENV));
    args.addAll(List.of(more));
    return run(Map.of(PASSWORD_ENV, password), args.toArray(String[]::new));
  }

  /** A model over the same exports whose store is the PostgreSQL database, logging in with a password from a file. */
  private static String postgresModel(String url) throws Exception {
    Path secret = temp.resolve("pg-password");
    Files.writeString(secret, PASSWORD);
    return Fixtures.modelOn(exports, "{\"url\": \"" + url + "\", \"user\": \"marketing\", \"password\": \"${file:"
        + secret.toString().replace("\\", "/") + "}\"}", operand);
  }

  private static List<String> query(String url, String sql) throws SQLException {
    Properties login = new Properties();
    login.setProperty("user", "marketing");
    login.setProperty("password", PASSWORD);
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(url, login); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rows.addAll(Sql.format(rs));
    }
    return rows;
  }

  /** Row counts of every table the store holds, and its publications, as one text. */
  private static String contents(String url) throws SQLException {
    StringBuilder text = new StringBuilder();
    for (String table : query(url, "SELECT table_schema || '.' || table_name FROM information_schema.tables"
        + " WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1")) {
      String name = table.substring(table.indexOf('=') + 1);
      String[] parts = name.split("\\.", 2);
      text.append(name).append(' ').append(query(url, "SELECT count(*) AS n FROM \"" + parts[0] + "\".\"" + parts[1]
          + "\"")).append('\n');
    }
    return text.append(query(url, "SELECT generation FROM _marketing.publications")).toString();
  }

  @Test
  void theFinanceViewsReadFromTheCopyGiveTheSameNumbersToTheCent() throws Exception {
    String url = database("moved");
    assertEquals(0, copy(url, PASSWORD), cli.err());
    String out = cli.out();
    assertTrue(out.startsWith("Copied snapshot 1 of DuckDB store " + temp.resolve("store") + " to PostgreSQL store " + url
        + " (user marketing):"), out);
    assertTrue(out.lines().anyMatch(l -> l.matches("\\s+_marketing\\.orders\\s+5 rows")), out);
    assertTrue(out.lines().anyMatch(l -> l.matches("\\s+exports\\.orders\\s+5 rows")), out);
    assertTrue(out.strip().endsWith("store: { url: \"" + url + "\", user: marketing, password: \"${env:" + PASSWORD_ENV
        + "}\" }"), out);

    String onPostgresql = postgresModel(url);
    String onDuckDb = Fixtures.model(exports, temp.resolve("store.duckdb"), operand);
    List<String> views = new ArrayList<>();
    try (Connection c = Sql.calcite(onDuckDb).connect();
        ResultSet rs = c.getMetaData().getTables(null, "finance", "%", null)) {
      while (rs.next()) {
        String name = rs.getString("TABLE_NAME");
        if (!name.startsWith("_") && !ABOUT_THE_LOAD.contains(name)) {
          views.add(name);
        }
      }
    }
    assertTrue(views.containsAll(List.of("channel_roi", "budget_vs_actual", "unit_economics", "nps", "subscription_mrr")),
        views.toString());
    List<String> differ = new ArrayList<>();
    int withRows = 0;
    try (Connection duck = Sql.calcite(onDuckDb).connect(); Connection pg = Sql.calcite(onPostgresql).connect()) {
      for (String view : views) {
        List<String> expected = rows(duck, view);
        List<String> actual = rows(pg, view);
        if (!expected.equals(actual)) {
          differ.add(view + "\n  DuckDB:     " + expected + "\n  PostgreSQL: " + actual);
        }
        withRows += expected.isEmpty() || expected.get(0).startsWith("error: ") ? 0 : 1;
      }
    }
    assertEquals("", String.join("\n", differ));
    assertTrue(withRows >= 10, withRows + " views with rows");
    // read from the copy itself: opening the store found nothing due and published no refresh of its own
    assertEquals(List.of("generation=1"), query(url, "SELECT generation FROM _marketing.publications"));
  }

  /** The view's rows as text, sorted; or {@code error: <message>} where it cannot be read (the LTV models need more customers). */
  private static List<String> rows(Connection connection, String view) {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM finance.\"" + view + "\"")) {
      List<String> rows = new ArrayList<>(Sql.format(rs));
      rows.sort(null);
      return rows;
    } catch (SQLException e) {
      return List.of("error: " + e.getMessage());
    }
  }

  @Test
  void aSecondCopyWithoutReplaceIsRefusedAndChangesNothing() throws Exception {
    String url = database("twice");
    assertEquals(0, copy(url, PASSWORD), cli.err());
    String before = contents(url);

    assertEquals(1, copy(url, PASSWORD));
    String err = cli.err().strip();
    assertEquals(1, err.lines().count(), err);
    assertTrue(err.startsWith("store copy: refusing to copy DuckDB store ") && err.contains(url)
        && err.contains("holds a Marketing SQL store with data already") && err.contains("--replace"), err);
    assertEquals(before, contents(url));

    assertEquals(0, copy(url, PASSWORD, "--replace"), cli.err());
    assertEquals(before.replace("[generation=1]", "[generation=2]"), contents(url));
  }

  @Test
  void aWrongPasswordFailsNamingTheTargetAndNeverThePassword() throws Exception {
    String url = database("wrong");
    String wrong = "not-" + PASSWORD;
    assertEquals(1, copy(url, wrong));
    String err = cli.err().strip();
    assertEquals(1, err.lines().count(), err);
    assertTrue(err.startsWith("store copy: cannot connect to PostgreSQL store " + url + " (user marketing): "), err);
    assertFalse(err.contains(wrong), err);
    assertEquals("", cli.out());
  }

  @Test
  void aStoreThatIsNotDuckDbOrAPasswordVariableThatIsNotSetIsRefused() throws Exception {
    Path onPostgresql = temp.resolve("postgres.json");
    Files.writeString(onPostgresql, postgresModel(postgres.url("postgres")));
    assertEquals(1, run(Map.of(PASSWORD_ENV, PASSWORD), "store", "copy", "--model", onPostgresql.toString(), "--to",
        postgres.url("postgres"), "--user", "marketing", "--password-env", PASSWORD_ENV));
    assertTrue(cli.err().contains("is " + postgres.url("postgres") + ", not a DuckDB store"), cli.err());

    assertEquals(1, run(Map.of(), "store", "copy", "--model", model.toString(), "--to", postgres.url("postgres"),
        "--user", "marketing", "--password-env", PASSWORD_ENV));
    assertTrue(cli.err().contains("the environment variable " + PASSWORD_ENV + " (--password-env) is not set"), cli.err());
  }

  @Test
  void storeCopyExplainsItselfInHelp() {
    assertEquals(0, cli.run("store", "copy", "--help"));
    assertTrue(cli.out().contains("--password-env") && cli.out().contains("--replace")
        && cli.out().contains("one transaction"), cli.out());
  }
}
