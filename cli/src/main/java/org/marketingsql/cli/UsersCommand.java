package org.marketingsql.cli;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.marketingsql.users.ScramVerifier;
import org.marketingsql.users.ServerSecret;
import org.marketingsql.users.User;
import org.marketingsql.users.UsersFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Manages the users file that every login of {@code serve} checks (see docs/security.md). */
@Command(name = "users", description = "Manage the logins of marketing-sql serve.", subcommands = UsersCommand.Add.class)
final class UsersCommand {
  /** Adds a user, or replaces one of the same name; the password never reaches the file, only its verifier. */
  @Command(name = "add", description = "Add a user (or replace one of that name); asks for the password.")
  static final class Add implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "the login name")
    String name;

    @Option(names = "--schemas", defaultValue = "*", paramLabel = "LIST",
        description = "schemas the user may read, comma separated, or * for all (default: ${DEFAULT-VALUE})")
    String schemas;

    @Option(names = "--users", paramLabel = "FILE", description = "the users file (default: ~/.marketing-sql/users)")
    Path usersFile;

    @Override
    public Integer call() {
      char[] password = null;
      try {
        password = readPassword();
        if (password.length == 0) {
          System.err.println("marketing-sql: an empty password is not accepted");
          return 1;
        }
        UsersFile file = new UsersFile(usersFile != null ? usersFile : UsersFile.defaultPath());
        file.add(new User(name, ScramVerifier.create(password, new SecureRandom()), User.schemas(schemas)));
        ServerSecret.beside(file.path()); // made now, owner-only, unless it exists: serve reads it
        System.err.println("marketing-sql: user " + name + " saved in " + file.path());
        return 0;
      } catch (IllegalArgumentException | IOException | UncheckedIOException e) {
        System.err.println("marketing-sql: " + e.getMessage());
        return 1;
      } finally {
        if (password != null) {
          Arrays.fill(password, '\0');
        }
      }
    }

    /** From the terminal, asked twice; from stdin (one line) when there is no terminal, e.g. in scripts. */
    private char[] readPassword() throws IOException {
      Console console = System.console();
      if (console != null && isTerminal(console)) {
        char[] first = console.readPassword("Password for %s: ", name);
        char[] second = console.readPassword("Again: ");
        if (first == null || second == null || !Arrays.equals(first, second)) {
          throw new IllegalArgumentException("the passwords do not match");
        }
        Arrays.fill(second, '\0');
        return first;
      }
      String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      return line == null ? new char[0] : line.toCharArray();
    }

    /**
     * Since JDK 22 {@code System.console()} exists even when stdin is a pipe; {@code isTerminal()} tells
     * them apart but is not in the release-21 API this module compiles against, so it is looked up.
     */
    private static boolean isTerminal(Console console) {
      try {
        return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
      } catch (ReflectiveOperationException e) {
        return true; // JDK 21: a console exists only for a terminal
      }
    }
  }

}
