package org.marketingsql.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.StoreFixture;

/** The command line: results on stdout in the chosen format, errors on stderr with a non-zero exit. */
@ExtendWith(IsolatedHome.class)
class MainTest {
  @RegisterExtension
  final StoreFixture fixture = StoreFixture.withExports("finance");
  @RegisterExtension
  final CommandRunner cli = new CommandRunner();
  @TempDir
  Path temp;
  Path exports;

  @BeforeEach
  void setUp() {
    exports = fixture.exports();
  }

  private String out() {
    return cli.out();
  }

  @Test
  void versionPrintsTheProjectsVersion() {
    assertEquals(0, cli.run("--version"));
    assertEquals("marketing-sql " + System.getProperty("marketingsql.projectVersion") + "\n", out());
  }

  @Test
  void queryPrintsCsvWithAHeaderPlainDecimalsAndIsoDates() {
    int code = cli.run("query", "--csv", exports.toString(), "--format", "csv",
        "SELECT month_start, channel, spend_rc FROM finance.channel_roi WHERE channel = 'meta_ads' ORDER BY 1");
    assertEquals(0, code, cli.err());
    assertEquals("month_start,channel,spend_rc\n2025-01-01,meta_ads,220.000000\n2025-02-01,meta_ads,120.000000\n", out());
  }

  @Test
  void queryPrintsJsonWithNumbersAsNumbers() {
    assertEquals(0, cli.run("query", "--csv", exports.toString(), "--format", "json",
        "SELECT channel, roi FROM finance.channel_roi WHERE channel = 'google_ads' ORDER BY month_start"));
    assertEquals("[{\"channel\":\"google_ads\",\"roi\":2.333333},{\"channel\":\"google_ads\",\"roi\":null}]\n", out());
  }

  @Test
  void queryPrintsAnAlignedTableForPeople() {
    assertEquals(0, cli.run("query", "--csv", exports.toString(), "--format", "table",
        "SELECT channel, SUM(spend_rc) AS spend FROM finance.channel_roi GROUP BY channel ORDER BY 1"));
    assertTrue(out().startsWith("channel      | spend\n-------------+-----------\ngoogle_ads   | 150.000000\n"), out());
    assertTrue(out().endsWith("(4 rows)\n"), out());
  }

  @Test
  void aSqlErrorGoesToStderrWithItsSqlStateAndExitsNonZero() {
    assertEquals(1, cli.run("query", "--csv", exports.toString(), "SELECT nope FROM finance.orders"));
    assertEquals("", out());
    assertTrue(cli.err().contains("[42703]") && cli.err().contains("nope"), cli.err());
  }

  @Test
  void initWritesAStarterThatCheckAccepts() throws Exception {
    Path model = temp.resolve("marketing.yaml");
    assertEquals(0, cli.run("init", "--out", model.toString()));
    Files.createDirectories(temp.resolve("exports"));
    assertEquals(0, cli.run("check", "--model", model.toString()), out());
    assertTrue(out().contains("OK"), out());
    assertTrue(out().contains("warning: grossMargin is not set"), out());
    assertTrue(out().contains("note: exports sets no billing, so finance.marketing_cash_schedule takes its ad accounts"
        + " to be invoiced monthly on the 1st, net 30"), out());
    assertEquals(1, cli.run("init", "--out", model.toString()), "init never overwrites without --force");
  }

  @Test
  void checkListsTheEntriesItSkipsWithTheReasonAndTheirTablesDoNotExist() throws Exception {
    Path secret = Files.writeString(temp.resolve("secret.csv"), "v\nsecret\n");
    Files.createSymbolicLink(exports.resolve("leak.csv"), secret);
    Files.createDirectories(exports.resolve("folder.csv"));
    Path model = exports.resolveSibling("marketing.yaml"); // init's starter reads ./exports
    assertEquals(0, cli.run("init", "--out", model.toString()));
    assertEquals(0, cli.run("check", "--model", model.toString()), out());
    assertTrue(out().contains("exports/leak.csv: skipped: a symbolic link to " + secret.toRealPath()
        + ", outside the folder"), out());
    assertTrue(out().contains("exports/folder.csv: skipped: a directory"), out());
    assertEquals(1, cli.run("query", "--csv", exports.toString(), "SELECT * FROM exports.leak"));
  }

  @Test
  void checkSaysWhatEachExportWouldBeReadAsAndRefusesAHalfMatch() throws Exception {
    Files.writeString(exports.resolve("crm_dump.csv"), "id,name\n1,Ann\n");
    Path model = exports.resolveSibling("marketing.yaml"); // init's starter reads ./exports
    assertEquals(0, cli.run("init", "--out", model.toString()));
    assertEquals(0, cli.run("check", "--model", model.toString()), out());
    assertTrue(out().contains("exports/crm_dump.csv: no known format: a generic table of 2 columns"), out());
    assertTrue(out().contains("exports/orders.csv: orders (finance input)"), out());
    Files.writeString(exports.resolve("half.csv"), "order_id,amount\no1,5\n");
    assertEquals(1, cli.run("check", "--model", model.toString()));
    assertTrue(out().contains("exports/half.csv: refused: half.csv: looks like orders"), out());
  }

  @Test
  void aPostgresqlStoreThatCannotBeReachedIsReportedByCheckAndAtConnectWithoutItsPassword() throws Exception {
    String password = "pg-Secret-4711";
    Path secret = Files.writeString(temp.resolve("pg-password"), password + "\n");
    Path model = exports.resolveSibling("marketing.yaml"); // its source reads ./exports
    Files.writeString(model, """
        version: "1.0"
        defaultSchema: marketing
        schemas:
          - name: marketing
            type: custom
            factory: org.marketingsql.schema.MarketingSchemaFactory
            operand:
              store: { url: "jdbc:postgresql://127.0.0.1:1/marketing", user: marketing, password: "${file:%s}" }
              sources:
                - { name: exports, type: csv-folder, path: ./exports }
        """.formatted(secret));
    String notAvailable = "cannot connect to PostgreSQL store jdbc:postgresql://127.0.0.1:1/marketing (user marketing)";
    assertEquals(1, cli.run("check", "--model", model.toString()), out());
    assertTrue(out().contains("store: FAILED: " + notAvailable), out());
    assertEquals(1, cli.run("query", "--model", model.toString(), "SELECT COUNT(*) FROM finance.orders"));
    assertTrue(cli.err().contains(notAvailable), cli.err());
    assertTrue(!out().contains(password) && !cli.err().contains(password),
        out() + cli.err());
  }

  @Test
  void checkReadsTheFxRatesFileAndRefusesOneWithoutTheFxHeader() throws Exception {
    Path model = exports.resolveSibling("marketing.yaml"); // init's starter reads ./exports
    assertEquals(0, cli.run("init", "--out", model.toString()));
    Path rates = Files.writeString(model.resolveSibling("treasury.csv"), "date,currency,rate_to_reporting\n2026-11-20,EUR,1.08\n");
    Files.writeString(model, Files.readString(model).replace("      reportingCurrency: USD",
        "      fxRates: treasury.csv\n      reportingCurrency: USD"));
    assertEquals(0, cli.run("check", "--model", model.toString()), out());
    assertTrue(out().contains("fxRates: " + rates + ": 1 FX rates"), out());
    Files.writeString(rates, "day,currency,rate\n2026-11-20,EUR,1.08\n");
    assertEquals(1, cli.run("check", "--model", model.toString()));
    assertTrue(out().contains("fxRates: refused: ") && out().contains("is not an FX file"), out());
  }

  @Test
  void checkNamesEveryProblemWithItsKeyPathAndNeverEchoesASecret() throws Exception {
    Path model = temp.resolve("bad.yaml");
    Files.writeString(model, """
        version: "1.0"
        defaultSchema: marketing
        schemas:
          - name: marketing
            type: custom
            factory: org.marketingsql.schema.MarketingSchemaFactory
            operand:
              fiscalYearStartMonth: 13
              colour: blue
              sources:
                - { name: exports, type: csv-folder, path: ./nowhere }
                - { name: ads, type: csv-folder, path: ., apiKey: sk_live_123456 }
        """);
    assertEquals(1, cli.run("check", "--model", model.toString()));
    String report = out();
    assertTrue(report.contains("operand.fiscalYearStartMonth: must be a month number 1..12"), report);
    assertTrue(report.contains("operand.colour: unknown key"), report);
    assertTrue(report.contains("operand.sources[0].path: folder"), report);
    assertTrue(report.contains("operand.sources[1].apiKey: credentials must not be written into the configuration"), report);
    assertTrue(!report.contains("sk_live_123456"), report);
  }

  @Test
  void everySubcommandAnswersHelpWithItsUsageOnStdoutAndExitsZero() {
    for (String[] command : new String[][] {{"demo"}, {"query"}, {"shell"}, {"init"}, {"check"}, {"bench"}, {"sync"},
        {"serve"}, {"users"}, {"users", "add"}, {"report"}, {"store"}, {"store", "copy"}}) {
      cli.resetOut();
      String[] args = Arrays.copyOf(command, command.length + 1);
      args[command.length] = "--help";
      assertEquals(0, cli.run(args), String.join(" ", args) + ": " + cli.err());
      assertTrue(out().startsWith("Usage: marketing-sql " + String.join(" ", command)), String.join(" ", args) + ": " + out());
    }
  }
}
