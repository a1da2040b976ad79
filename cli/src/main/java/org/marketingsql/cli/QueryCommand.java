package org.marketingsql.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.marketingsql.schema.Refresher;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs one SQL statement and prints its result to stdout. */
@Command(name = "query", description = "Run one SQL query and print the result.")
final class QueryCommand implements Callable<Integer> {
  @Mixin
  Target target;

  @Option(names = "--format", defaultValue = "table", description = "csv, table or json (default: ${DEFAULT-VALUE})")
  ResultPrinter.Format format;

  @Option(names = "--wait", description = "refresh the store first and answer from the new snapshot (without it,"
      + " the query answers at once from the last snapshot, and a refresh it starts finishes before the command exits)")
  boolean waitForRefresh;

  @Parameters(paramLabel = "SQL", description = "the query")
  String sql;

  @Override
  public Integer call() {
    try {
      return run();
    } finally {
      finishRefresh();
    }
  }

  /** A refresh this query started in the background runs to its end, so the next query sees its data. */
  static void finishRefresh() {
    if (Refresher.anyRunning()) {
      System.err.println("marketing-sql: the data changed since the last snapshot; finishing its refresh"
          + " (the next query sees it; query --wait answers from it)");
      Refresher.awaitAll(Duration.ofMinutes(30));
    }
  }

  private int run() {
    try (Connection connection = DriverManager.getConnection(target.url() + (waitForRefresh ? ";refresh=wait" : ""));
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      ResultPrinter.print(rs, format, System.out);
      System.out.flush();
      return 0;
    } catch (SQLException e) {
      System.err.println("marketing-sql: " + Errors.describe(e));
      return 1;
    } catch (Exception e) {
      System.err.println("marketing-sql: " + e.getMessage());
      return 1;
    }
  }
}
