package org.marketingsql.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Callable;
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

  @Parameters(paramLabel = "SQL", description = "the query")
  String sql;

  @Override
  public Integer call() {
    try (Connection connection = DriverManager.getConnection(target.url());
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
