package org.marketingsql.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.marketingsql.config.MarketingConfig;
import org.marketingsql.config.Secret;
import org.marketingsql.config.StoreLogin;
import org.marketingsql.schema.MarketingSchema;
import org.marketingsql.store.StoreCopy;
import org.marketingsql.store.StoreException;
import org.marketingsql.store.StoreFolder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What is done to the store as a whole: {@code store copy} moves a DuckDB store to PostgreSQL. */
@Command(name = "store", description = "Work on the store as a whole.", subcommands = StoreCommand.Copy.class)
final class StoreCommand {
  /**
   * Copies the configured DuckDB store's current snapshot into a PostgreSQL database, in one transaction; prints
   * each table with its rows on stdout, then the {@code store} setting to write. The password comes from an
   * environment variable and is never printed.
   */
  @Command(name = "copy", description = {
      "Copy the store's current snapshot into a PostgreSQL database, to move a DuckDB store to PostgreSQL.",
      "Copies every table (exports, API tables, sync state and cursors, load state, facts, LTV models) with its types"
          + " and rows, in one transaction: a copy that fails leaves the database as it was. Refuses a database that"
          + " holds a Marketing SQL store with data already (--replace overwrites it) or a store of another version."
          + " Then prints the store setting to write into the configuration, e.g.",
      "  store: { url: \"jdbc:postgresql://db.internal:5432/marketing\", user: marketing,"
          + " password: \"${env:MARKETING_PG_PASSWORD}\" }",
      "Example: MARKETING_PG_PASSWORD=... marketing-sql store copy --model marketing.yaml"
          + " --to jdbc:postgresql://db.internal:5432/marketing --user marketing --password-env MARKETING_PG_PASSWORD"})
  static final class Copy implements Callable<Integer> {
    @Mixin
    Target target;

    @Option(names = "--to", required = true, paramLabel = "URL",
        description = "the PostgreSQL database, jdbc:postgresql://host:port/database")
    String to;

    @Option(names = "--user", required = true, paramLabel = "NAME", description = "the PostgreSQL user to log in as")
    String user;

    @Option(names = "--password-env", paramLabel = "NAME",
        description = "the environment variable holding the user's password (never the password itself)")
    String passwordEnv;

    @Option(names = "--replace", description = "drop a Marketing SQL store the database holds already and copy this"
        + " one in its place")
    boolean replace;

    /** Where environment variables are read; tests give their own. */
    UnaryOperator<String> environment = System::getenv;

    @Override
    public Integer call() {
      try {
        return copy();
      } catch (StoreException | IllegalArgumentException | IllegalStateException e) {
        System.err.println("store copy: " + oneLine(e.getMessage()));
        return 1;
      } catch (SQLException e) {
        System.err.println("store copy: " + oneLine(Errors.describe(e)));
        return 1;
      } finally {
        QueryCommand.finishRefresh();
      }
    }

    private int copy() throws SQLException {
      if (!to.startsWith("jdbc:postgresql:")) {
        throw new IllegalArgumentException("--to takes a PostgreSQL database, jdbc:postgresql://host:port/database");
      }
      if (to.toLowerCase(java.util.Locale.ROOT).contains("password=")) {
        throw new IllegalArgumentException("the URL of --to must not carry a password: name the environment variable"
            + " that holds it with --password-env");
      }
      Secret password = null;
      if (passwordEnv != null) {
        String value = environment.apply(passwordEnv);
        if (value == null || value.isEmpty()) {
          throw new IllegalArgumentException("the environment variable " + passwordEnv + " (--password-env) is not set");
        }
        password = Secret.of("${env:" + passwordEnv + "}", value);
      }
      StoreFolder folder = sourceFolder();
      StoreCopy copy = new StoreCopy(folder, to, new StoreLogin(user, password), replace);
      StoreCopy.Result result = copy.run(table -> { });
      System.out.println("Copied snapshot " + result.snapshot() + " of " + folder.describe() + " to " + result.target() + ":");
      int width = result.tables().stream().mapToInt(t -> t.schema().length() + t.name().length() + 1).max().orElse(0);
      for (StoreCopy.Table table : result.tables()) {
        String name = table.schema() + "." + table.name();
        System.out.printf("  %-" + width + "s %,12d rows%n", name, table.rows());
      }
      System.out.printf("%d tables, %,d rows, committed in one transaction.%n", result.tables().size(), result.rows());
      folder.current().filter(g -> g.number() != result.snapshot()).ifPresent(g -> System.out.println(
          "Snapshot " + g.number() + " was published meanwhile; store copy --replace copies it too."));
      System.out.println("Write this store setting into the configuration (the operand of its schema), so that every"
          + " node reads the PostgreSQL store:");
      System.out.println("  store: { url: \"" + to + "\", user: " + user
          + (passwordEnv == null ? "" : ", password: \"${env:" + passwordEnv + "}\"") + " }");
      return 0;
    }

    /** The folder of the configured DuckDB store, or why there is none. */
    private StoreFolder sourceFolder() throws SQLException {
      if (target.model != null) {
        // read without connecting: a connection to a store on PostgreSQL would refresh it
        MarketingConfig config = CheckCommand.read(target.model);
        if (StoreFolder.of(config.store()).isEmpty()) {
          throw new IllegalArgumentException("the store of " + target.model + " is " + withoutParameters(config.store())
              + ", not a DuckDB store; store copy moves a DuckDB store to PostgreSQL");
        }
      }
      // the driver's connection builds the first snapshot where there is none yet (the demo, a new export folder)
      try (Connection connection = DriverManager.getConnection(target.url())) {
        MarketingSchema schema = RefreshCommand.schemaOf(connection);
        Optional<StoreFolder> folder = schema == null ? Optional.empty() : StoreFolder.of(schema.config().store());
        return folder.orElseThrow(() -> new IllegalArgumentException("the store of " + target.url() + " is not a"
            + " DuckDB store; store copy moves a DuckDB store to PostgreSQL"));
      }
    }

    private static String withoutParameters(String url) {
      int parameters = url.indexOf('?');
      return parameters < 0 ? url : url.substring(0, parameters);
    }

    private static String oneLine(String message) {
      return String.valueOf(message).replaceAll("\\s*\\R\\s*", " ");
    }
  }
}
