package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.marketingsql.testing.Tools.require;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.marketingsql.testing.StoreFixture;

/** The server as libpq's psql sees it; skipped where psql is not installed (apt-get install postgresql-client). */
class PsqlTest {
  /** The class's folder: its home, the users file, the exports and what psql prints. */
  @TempDir
  static Path temp;
  /** The finance exports, loaded once: every test only reads them through one server. */
  @RegisterExtension
  static final StoreFixture fixture = StoreFixture.withExports("finance");
  static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    require(psql() != null, "psql is not installed");
    String jdbcUrl = fixture.csvUrl();
    server = TestServer.forClass(jdbcUrl, temp, TestServer.ALICE, TestServer.FIN);
    // load the export folder into the store now, so the client's login is not timed against the first load
    try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
      s.executeQuery("select count(*) from finance.orders").close();
    }
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static Path psql() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
      Path p = Path.of(dir, "psql");
      if (Files.isExecutable(p)) {
        return p;
      }
    }
    return null;
  }

  record Run(int exit, String out, String err) {
  }

  Run psql(String password, String sql) throws IOException, InterruptedException {
    return psql(password, sql, "-A", "-t", "-F", "|");
  }

  /** psql with {@code sql} as its command and {@code options} (e.g. unaligned, tuples only). */
  Run psql(String password, String sql, String... options) throws IOException, InterruptedException {
    return psqlAs("alice", password, sql, options);
  }

  /** As {@link #psql(String, String, String...)}, logged in as {@code user}. */
  Run psqlAs(String user, String password, String sql, String... options) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(psql().toString(), "-h", "127.0.0.1", "-p",
        String.valueOf(server.port()), "-U", user, "-d", "marketing", "-X"));
    command.addAll(List.of(options));
    command.addAll(List.of("-c", sql));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("PGPASSWORD", password);
    pb.environment().put("PGSSLMODE", "prefer"); // exercises the SSLRequest that is answered 'N'
    pb.environment().put("PGCONNECT_TIMEOUT", "120"); // logins open a driver connection: slow on a busy CI machine
    Path stdout = temp.resolve("out.txt");
    Path stderr = temp.resolve("err.txt");
    pb.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process p = pb.start();
    assertTrue(p.waitFor(180, TimeUnit.SECONDS), "psql did not finish");
    return new Run(p.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8).strip(),
        Files.readString(stderr, StandardCharsets.UTF_8).strip());
  }

  @Test
  void psqlsDfListsTheFunctionsTheUserMayCallWithTheirArgumentsAndResults() throws Exception {
    Run schema = psql("s3cret", "\\df finance.*");
    assertEquals(0, schema.exit(), schema.err());
    assertTrue(schema.out().lines().anyMatch(line -> line.matches("finance\\|attributed_revenue\\|"
        + "TABLE\\(channel character varying, revenue_rc numeric\\)\\|"
        + "model character varying, half_life_days integer\\|func")), schema.out());
    Run roi = psql("s3cret", "\\df roi");
    assertEquals(0, roi.exit(), roi.err());
    assertEquals("pg_catalog|roi|numeric|gain numeric, cost numeric|func", roi.out());
    Run verbose = psql("s3cret", "\\df+ roi");
    assertEquals(0, verbose.exit(), verbose.err());
    assertTrue(verbose.out().startsWith("pg_catalog|roi|numeric|gain numeric, cost numeric|func|"), verbose.out());
    Run fiscal = psql("s3cret", "select p.proname, p.prorettype::regtype, p.pronargs, p.prokind from pg_catalog.pg_proc p"
        + " where p.proname in ('fiscal_year', 'regclass_oid', 'pg_get_userbyid') order by 1");
    assertEquals("fiscal_year|integer|1|f", fiscal.out(), "the port's own catalog functions are not listed");
  }

  @Test
  void psqlLogsInWithScramAndReadsAFinanceView() throws Exception {
    Run run = psql("s3cret", "select order_id, order_date, amount_rc from finance.orders where order_id = 'o1'");
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().matches("o1\\|2025-01-16\\|500\\.0+"), run.out());
  }

  @Test
  void psqlHeadsUnnamedColumnsAsPostgresqlDoes() throws Exception {
    Run run = psql("s3cret", "select count(*), count(*), 1 + 1 from finance.orders", "-A", "-F", "|");
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().startsWith("count|count|?column?\n5|5|2"), run.out());
  }

  @Test
  void psqlGetsJsonCastsAndLogarithmsAsPostgresqlPrintsThem() throws Exception {
    Run run = psql("s3cret", "select json_build_object('id', order_id, 'day', order_date), amount_rc::numeric(12,2),"
        + " log(100.0), regexp_match('foobarbequebaz', '(bar)(beque)') from finance.orders where order_id = 'o1'");
    assertEquals(0, run.exit(), run.err());
    assertEquals("{\"id\" : \"o1\", \"day\" : \"2025-01-16\"}|500.00|2.0000000000000000|{bar,beque}", run.out());
  }

  @Test
  void psqlSeesProgramLimitExceededForAStringAggOverTheLimit() throws Exception {
    Run run = psql("s3cret", "select string_agg(repeat('x', 8000000), ',') from (values (1), (2), (3)) as t(i)",
        "-A", "-t", "-v", "VERBOSITY=verbose");
    assertTrue(run.err().contains("54000") && run.err().contains("string_agg() would build a text of"), run.err());
  }

  @Test
  void psqlPrintsATimestamptzAndATimestampWithTheirFractionsAsPostgresqlDoes() throws Exception {
    // PostgreSQL 15 prints the same in Berlin
    Run run = psql("s3cret", "set timezone = 'Europe/Berlin'; select timestamptz '2024-03-01 10:15:30.123+01',"
        + " timestamptz '2024-03-01 10:15:30.500+01', timestamptz '2024-03-01 10:15:30+01', timestamp '2024-03-01 10:15:30.5',"
        + " pg_typeof(now()), pg_typeof(clock_timestamp())");
    assertEquals(0, run.exit(), run.err());
    assertEquals("SET\n2024-03-01 10:15:30.123+01|2024-03-01 10:15:30.5+01|2024-03-01 10:15:30+01|2024-03-01 10:15:30.5"
        + "|timestamp with time zone|timestamp with time zone", run.out());
  }

  @Test
  void psqlDrawsItsCaretUnderTheTokenOfASyntaxError() throws Exception {
    Run run = psql("s3cret", "select * from on finance.orders");
    assertEquals(List.of("ERROR:  syntax error at or near \"on\"", "LINE 1: select * from on finance.orders",
        "                      ^"), run.err().lines().toList());
  }

  @Test
  void psqlShowsAValidationErrorWithItsHintAndCaretAndNoCalcitePrefix() throws Exception {
    Run run = psql("s3cret", "select order_id,\n  to_char(amount_rc, 'x', 1) from finance.orders");
    List<String> lines = run.err().lines().toList();
    assertTrue(lines.get(0).matches("ERROR:  function to_char\\(.*\\) does not exist"), run.err());
    assertEquals("LINE 2:   to_char(amount_rc, 'x', 1) from finance.orders", lines.get(1), run.err());
    assertEquals("          ^", lines.get(2), run.err());
    assertEquals("HINT:  " + StatementErrors.NO_FUNCTION_HINT, lines.get(3), run.err());
  }

  @Test
  void psqlRunsEveryStatementOfOneCommand() throws Exception {
    Run run = psql("s3cret", "set search_path = finance; select 1 as a; select 'two' as b");
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().endsWith("two"), run.out());
  }

  @Test
  void psqlWithFetchCountReadsAResultThroughACursorInBatches() throws Exception {
    // psql runs BEGIN, DECLARE _psql_cursor NO SCROLL CURSOR FOR …, FETCH FORWARD 2 FROM _psql_cursor …, CLOSE, COMMIT
    Run run = psql("s3cret", "select order_id from exports.orders order by order_id", "-A", "-t", "-v", "FETCH_COUNT=2");
    assertEquals(0, run.exit(), run.err());
    assertEquals("o1\no2\no3\no4\no5", run.out());
    Run failing = psql("s3cret", "select order_id from exports.no_such_table", "-A", "-t", "-v", "FETCH_COUNT=2");
    assertTrue(failing.err().contains("no_such_table"), failing.err());
  }

  @Test
  void psqlsApplicationNameFromItsStartupMessageIsTheSessionsUntilItIsSet() throws Exception {
    Run run = psql("s3cret", "show application_name; set application_name = 'report'; show application_name; "
        + "reset application_name; show application_name");
    assertEquals(0, run.exit(), run.err());
    assertEquals("psql\nSET\nreport\nRESET\npsql", run.out());
  }

  @Test
  void psqlWithAWrongPasswordIsToldSo() throws Exception {
    Run run = psql("wrong", "select 1");
    assertEquals(2, run.exit());
    assertTrue(run.err().contains("password authentication failed"), run.err());
  }

  @Test
  void psqlIsRefusedAWrite() throws Exception {
    Run run = psql("s3cret", "drop table exports.orders");
    assertEquals(1, run.exit());
    assertTrue(run.err().contains("read-only"), run.err());
  }

  @Test
  void psqlSeesItsLoginAsCurrentUserAndItsSessionInPgStatActivity() throws Exception {
    Run run = psql("s3cret", "select current_user, session_user, 1; select * from current_schema();"
        + " select usename, state, application_name from pg_stat_activity where pid = pg_backend_pid()");
    assertEquals(0, run.exit(), run.err());
    assertEquals("alice|alice|1\nmarketing\nalice|active|psql", run.out());
  }

  @Test
  void backslashDuListsTheOwnerAndTheLogin() throws Exception {
    Run run = psql("s3cret", "\\du");
    assertEquals(0, run.exit(), run.err());
    assertEquals(List.of("alice", "marketing"), run.out().lines().map(l -> l.substring(0, l.indexOf('|'))).toList(),
        run.out());
  }

  @Test
  void backslashDnListsTheSchemas() throws Exception {
    Run run = psql("s3cret", "\\dn");
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().lines().anyMatch(l -> l.startsWith("finance|")), run.out());
    assertTrue(run.out().lines().anyMatch(l -> l.startsWith("exports|")), run.out());
  }

  @Test
  void backslashDvListsTheFinanceViews() throws Exception {
    Run run = psql("s3cret", "\\dv finance.*");
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().lines().anyMatch(l -> l.equals("finance|channel_roi|view|marketing")), run.out());
    assertTrue(run.out().lines().allMatch(l -> l.startsWith("finance|") && l.contains("|view|")), run.out());
  }

  @Test
  void backslashDpAndSvAnswerWithPostgresqlsColumns() throws Exception {
    Run privileges = psql("s3cret", "\\dp finance.channel_roi", "-A", "-F", "|");
    assertEquals(0, privileges.exit(), privileges.err());
    assertEquals("Schema|Name|Type|Access privileges|Column privileges|Policies", privileges.out().lines().skip(1)
        .findFirst().orElse(""), privileges.out());
    assertTrue(privileges.out().lines().anyMatch(l -> l.startsWith("finance|channel_roi|view|")), privileges.out());
    Run source = psql("s3cret", "\\sv finance.channel_roi", "-A");
    assertEquals(0, source.exit(), source.err());
    assertTrue(source.out().startsWith("CREATE OR REPLACE VIEW finance.channel_roi AS"), source.out());
  }

  @Test
  void backslashDPlusShowsTheColumnsWithTheirFormulas() throws Exception {
    Run run = psql("s3cret", "\\d+ finance.channel_roi", "-A", "-F", "|");
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().startsWith("View \"finance.channel_roi\""), run.out());
    assertTrue(run.out().lines().anyMatch(l -> l.startsWith("spend_rc|numeric(") && l.contains("|not null|")), run.out());
    // the description is the metric's formula, from the column's REMARKS
    assertTrue(run.out().lines().anyMatch(l -> l.startsWith("roas|") && l.contains("attributed_revenue_rc / spend_rc")), run.out());
    // and the view's own SQL, from pg_get_viewdef
    assertTrue(run.out().contains("View definition:"), run.out());
    assertTrue(run.out().lines().dropWhile(l -> !l.startsWith("View definition:"))
        .anyMatch(l -> l.contains("FULL OUTER JOIN")), run.out());
  }

  @Test
  void backslashSvPrintsAViewsSourceAndFindsNoViewOutsideTheUsersSchemas() throws Exception {
    Run run = psqlAs(TestServer.FIN.user(), TestServer.FIN.password(), "\\sv finance.channel_roi", "-A");
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().startsWith("CREATE OR REPLACE VIEW finance.channel_roi AS"), run.out());
    assertTrue(run.out().contains("FULL OUTER JOIN"), run.out());
    // with line numbers
    run = psqlAs(TestServer.FIN.user(), TestServer.FIN.password(), "\\sv+ finance.orders", "-A");
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().matches("(?s)1\\s+CREATE OR REPLACE VIEW finance\\.orders AS\n2\\s+.*"), run.out());
    // alice's exports are no relation of fin's, as a relation that does not exist
    run = psqlAs(TestServer.FIN.user(), TestServer.FIN.password(), "\\sv exports.orders", "-A");
    assertEquals(1, run.exit(), run.out());
    assertEquals("ERROR:  relation \"exports.orders\" does not exist", run.err());
  }

  @Test
  void backslashDvPlusAndDnPlusListOnlyTheUsersViewsAndSchemasWithTheirDescriptions() throws Exception {
    Run run = psqlAs(TestServer.FIN.user(), TestServer.FIN.password(), "\\dv+", "-A", "-t", "-F", "|");
    assertEquals(0, run.exit(), run.err());
    // schema|name|type|owner|persistence|size|description
    assertTrue(run.out().lines().anyMatch(l -> l.startsWith("finance|channel_roi|view|marketing|permanent|0 bytes|Return on")),
        run.out());
    assertTrue(run.out().lines().allMatch(l -> l.startsWith("finance|")), run.out());
    run = psqlAs(TestServer.FIN.user(), TestServer.FIN.password(), "\\dn+", "-A", "-t", "-F", "|");
    assertEquals(0, run.exit(), run.err());
    assertEquals(List.of("finance|marketing||"), run.out().lines().toList());
    run = psqlAs(TestServer.FIN.user(), TestServer.FIN.password(), "\\d+ finance.orders", "-A", "-F", "|");
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().startsWith("View \"finance.orders\""), run.out());
    assertTrue(run.out().lines().anyMatch(l -> l.startsWith("order_id|character varying|")), run.out());
    assertTrue(run.out().contains("View definition:"), run.out());
  }

  @Test
  void backslashDOfATableShowsItsColumnsAfterPsqlsPolicyStatisticsAndPublicationQueries() throws Exception {
    Run run = psql("s3cret", "\\d exports.orders", "-A", "-F", "|");
    assertEquals(0, run.exit(), run.err());
    assertTrue(run.out().startsWith("Table \"exports.orders\""), run.out());
    assertTrue(run.out().lines().anyMatch(l -> l.startsWith("order_id|")), run.out());
  }

  @ParameterizedTest(name = "psql {0}")
  @ValueSource(strings = {"\\dt", "\\dt+ exports.*", "\\di", "\\ds", "\\dv+ finance.*", "\\dm", "\\dE", "\\l+",
      "\\dp exports.orders", "\\z", "\\dx", "\\dT", "\\dD", "\\dc", "\\dC", "\\do", "\\dRp", "\\dRs", "\\dy",
      "\\des", "\\dew", "\\deu", "\\dF", "\\db", "\\dg", "\\drds", "\\dconfig", "\\dAc", "\\ddp", "\\dO",
      "\\dX", "\\da", "\\dn+"})
  void psqlsDescribeCommandsAnswerWithoutAnError(String command) throws Exception {
    Run run = psql("s3cret", command);
    assertEquals(0, run.exit(), run.err());
    // psql says "Did not find any relations." on stderr when a list is empty; no error
    assertTrue(!run.err().contains("ERROR"), run.err());
  }

  @Test
  void psqlsDlListsTheLanguagesThroughTheHiddenTableoidColumn() throws Exception {
    Run run = psqlAs("fin", "f1n", "\\dL", "-A", "-t", "-F", "|");
    assertEquals(0, run.exit(), run.err());
    // psql lists the procedural languages (lanplcallfoid != 0): PostgreSQL's own are internal, c and sql, none of them
    assertEquals("", run.out());
    Run all = psqlAs("fin", "f1n", "select l.lanname, l.tableoid = 'pg_catalog.pg_language'::regclass"
        + " from pg_catalog.pg_language l order by 1", "-A", "-t", "-F", "|");
    assertEquals(List.of("c|t", "internal|t", "sql|t"), all.out().lines().toList(), all.err());
    Run star = psqlAs("fin", "f1n", "select * from pg_catalog.pg_language where lanname = 'sql'", "-A", "-F", "|");
    assertTrue(star.out().startsWith("oid|lanname|") && !star.out().contains("tableoid"), star.out());
  }

  @Test
  void psqlExplainsAQueryAsPostgresqlShapesAPlanAndShowsOnlyWhatTheViewsDefinitionsName() throws Exception {
    Run run = psqlAs("fin", "f1n", "explain select * from finance.channel_roi", "-A", "-F", "|");
    assertEquals(0, run.exit(), run.err());
    List<String> lines = run.out().lines().toList();
    assertEquals("QUERY PLAN", lines.get(0));
    assertTrue(lines.size() > 3 && lines.get(lines.size() - 1).matches("\\(\\d+ rows\\)"), run.out());
    // every table the plan reads is one a definition of the user's views names (pg_views shows them too)
    String definitions;
    try (Connection c = server.connect("fin", "f1n"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select string_agg(definition, ' ') from pg_catalog.pg_views")) {
      rs.next();
      definitions = rs.getString(1).replace("\"", "");
    }
    java.util.regex.Matcher scanned = java.util.regex.Pattern.compile("table=\\[\\[([^]]+)]]").matcher(run.out());
    int tables = 0;
    while (scanned.find()) {
      tables++;
      String[] path = scanned.group(1).split(",\\s*");
      assertTrue(definitions.contains(path[path.length - 1]), scanned.group(1) + " is in no definition of fin's views");
    }
    assertTrue(tables > 0, run.out());
    Run analyzed = psqlAs("fin", "f1n", "explain analyze select * from finance.channel_roi", "-A", "-t");
    assertEquals(0, analyzed.exit(), analyzed.err());
    List<String> plan = analyzed.out().lines().toList();
    assertTrue(plan.get(0).contains("(actual rows=") && plan.get(plan.size() - 2).matches("Planning Time: [0-9.]+ ms")
        && plan.get(plan.size() - 1).matches("Execution Time: [0-9.]+ ms"), analyzed.out());
    Run json = psqlAs("fin", "f1n", "explain (format json) select 1", "-A", "-t");
    assertEquals(0, json.exit(), json.err());
    assertTrue(json.out().startsWith("{") && json.out().endsWith("}"), json.out());
    Run xml = psqlAs("fin", "f1n", "explain (format xml) select 1");
    assertTrue(xml.err().contains("EXPLAIN format xml is not supported"), xml.err());
    Run other = psqlAs("fin", "f1n", "explain select * from exports.orders");
    assertEquals(1, other.exit());
    assertTrue(other.err().contains("permission denied") && other.out().isEmpty(), other.err() + other.out());
  }

  @Test
  void aQueryWithAParameterRunsThroughPrepareAndExecute() throws Exception {
    // psql 15 has no \\bind: PREPARE/EXECUTE is its way to send a parameter. Only a read can be prepared.
    Run run = psql("s3cret", "PREPARE since(date) AS SELECT order_id, amount_rc FROM finance.orders WHERE order_date >= $1"
        + " ORDER BY order_id; EXECUTE since('2025-02-01'); DEALLOCATE since");
    assertEquals(0, run.exit(), run.err());
    assertEquals(List.of("o3|50.000000", "o4|80.000000", "o5|12.000000"), run.out().lines().filter(l -> l.startsWith("o")).toList());
    Run write = psql("s3cret", "PREPARE w AS DELETE FROM exports.orders");
    assertEquals(1, write.exit());
    assertTrue(write.err().contains("read-only"), write.err());
  }
}
