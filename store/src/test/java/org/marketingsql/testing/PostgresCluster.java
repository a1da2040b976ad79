package org.marketingsql.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A throw-away PostgreSQL server for a test: Debian's PostgreSQL binaries ({@code apt-get install postgresql})
 * run {@code initdb} into a temporary folder and {@code pg_ctl} start a server on a free port that listens on
 * 127.0.0.1 only (and on a Unix socket inside that folder); at the end it is stopped and the folder deleted.
 * PostgreSQL refuses to run as root, so when the tests run as root the folder is given to the {@code postgres}
 * user and the commands run as that user ({@code runuser -u postgres --}).
 *
 * <p>Logins are SCRAM-SHA-256 with a random password ({@link #withPassword()}) or need no password
 * ({@link #trust()}). Where the binaries are missing the tests are skipped, or fail under
 * {@code MARKETINGSQL_REQUIRE_TOOLS=1} ({@link Tools}).
 * <pre>
 * &#64;RegisterExtension
 * static final PostgresCluster postgres = PostgresCluster.withPassword(); // one server for the class
 * ...
 * try (Connection c = postgres.connection()) { ... }                     // or postgres.url(), user(), password()
 * </pre>
 * Registered on a static field it serves every test of the class; on an instance field, one test each. It
 * is also an {@link AutoCloseable} that {@link #start()} starts, for a test that wants to see it stop.
 *
 * <p>{@code initdb} runs once per JVM and kind of login, into a template folder deleted when the JVM exits; each
 * server starts from a copy of that template ({@code cp -a}, a tenth of {@code initdb}'s time), and a server
 * {@link #withPassword()} is given a random password of its own before any test logs in.
 */
public final class PostgresCluster implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
    AfterEachCallback, AutoCloseable {
  /** Debian's PostgreSQL 15; a newer major version installed beside it is used when 15 is not. */
  static final Path DEBIAN_BINARIES = Path.of("/usr/lib/postgresql/15/bin");
  private static final String SUPERUSER = "postgres";
  private static final int START_SECONDS = 60;
  /** The clusters {@code initdb} made in this JVM, one per kind of login (password or not), copied by each start. */
  private static final Template[] TEMPLATES = new Template[2];

  private final boolean password;
  private Path folder;
  private int port;
  private String secret;
  private boolean startedForClass;
  /** An address the server listens on besides 127.0.0.1, and the clients it lets in there; null for none. */
  private String otherAddress;
  private String otherClients;

  private PostgresCluster(boolean password) {
    this.password = password;
  }

  /**
   * Has the server listen on {@code address} as well as on 127.0.0.1, and let in the logins of {@code clients} (an
   * address with its prefix length, such as {@code 10.1.2.2/32}) there as it lets in local ones; before it starts.
   */
  public PostgresCluster alsoListeningOn(String address, String clients) {
    if (folder != null) {
      throw new IllegalStateException("the PostgreSQL server in " + folder + " is running already");
    }
    if (address == null || !address.matches("[0-9.]+") || clients == null || !clients.matches("[0-9.]+/[0-9]+")) {
      throw new IllegalArgumentException("an IPv4 address and clients such as 10.1.2.2/32, found " + address + " and "
          + clients);
    }
    otherAddress = address;
    otherClients = clients;
    return this;
  }

  /** A server whose superuser {@link #user()} logs in by SCRAM-SHA-256 with {@link #password()}. */
  public static PostgresCluster withPassword() {
    return new PostgresCluster(true);
  }

  /** A server that lets every local login in without a password. */
  public static PostgresCluster trust() {
    return new PostgresCluster(false);
  }

  /** The folder of the PostgreSQL server's programs ({@code initdb}, {@code pg_ctl}), or null when none is installed. */
  static Path binaries() {
    if (Files.isExecutable(DEBIAN_BINARIES.resolve("initdb"))) {
      return DEBIAN_BINARIES;
    }
    Path versions = DEBIAN_BINARIES.getParent().getParent();
    if (!Files.isDirectory(versions)) {
      return null;
    }
    try (Stream<Path> installed = Files.list(versions)) {
      return installed.map(v -> v.resolve("bin")).filter(bin -> Files.isExecutable(bin.resolve("initdb")))
          .max(Comparator.comparing(bin -> majorVersion(bin.getParent()))).orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  private static int majorVersion(Path versionFolder) {
    try {
      return Integer.parseInt(versionFolder.getFileName().toString());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException, InterruptedException {
    start();
    startedForClass = true;
  }

  @Override
  public void afterAll(ExtensionContext context) throws IOException, InterruptedException {
    startedForClass = false;
    close();
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException, InterruptedException {
    if (!startedForClass) {
      start();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException, InterruptedException {
    if (!startedForClass) {
      close();
    }
  }

  /**
   * Creates the cluster and starts its server; skips the test (or fails it under
   * {@code MARKETINGSQL_REQUIRE_TOOLS=1}) when PostgreSQL's server is not installed.
   */
  public void start() throws IOException, InterruptedException {
    if (folder != null) {
      throw new IllegalStateException("the PostgreSQL server in " + folder + " is running already");
    }
    Path bin = binaries();
    Tools.require(bin != null, "PostgreSQL's server is not installed (apt-get install postgresql; looked for "
        + DEBIAN_BINARIES.resolve("initdb") + ")");
    folder = Files.createTempDirectory("marketingsql-postgres-");
    boolean done = false;
    try {
      boolean root = isRoot();
      if (root) {
        giveToPostgres(folder);
      }
      Template template = template(bin, root);
      Path data = folder.resolve("data");
      run(root, List.of("cp", "-a", template.data().toString(), data.toString()), "copying the cluster "
          + template.data());
      secret = template.password();
      if (otherAddress != null) {
        Files.writeString(data.resolve("pg_hba.conf"), "host all all " + otherClients + " "
            + (password ? "scram-sha-256" : "trust") + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
      }
      // A free port now; another process taking it before the server binds makes pg_ctl fail, and we try again.
      for (int attempt = 1; ; attempt++) {
        port = freePort();
        String options = "-p " + port + " -c listen_addresses=127.0.0.1" + (otherAddress == null ? "" : "," + otherAddress)
            + " -k " + folder
            + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        try {
          run(root, List.of(bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-l",
              folder.resolve("server.log").toString(), "-w", "-t", String.valueOf(START_SECONDS), "-o", options, "start"),
              "pg_ctl start");
          break;
        } catch (IOException e) {
          if (attempt == 3) {
            throw e;
          }
        }
      }
      if (password) {
        // the template's password is the same for every server of this JVM: each gets one of its own
        String own = randomPassword();
        try (Connection c = connection(); Statement s = c.createStatement()) {
          s.execute("ALTER ROLE " + SUPERUSER + " PASSWORD '" + own + "'");
        } catch (SQLException e) {
          throw new IOException("setting the password of the PostgreSQL server in " + folder + " failed", e);
        }
        secret = own;
      }
      done = true;
    } finally {
      if (!done) {
        close(); // stops the server if it started, and deletes the folder
      }
    }
  }

  /**
   * A cluster made by {@code initdb} in this JVM, with the superuser's password when it has one, that {@link
   * #start()} copies.
   */
  private record Template(Path data, String password) {
  }

  /** This JVM's template for this kind of login: made by {@code initdb} on first use, deleted when the JVM exits. */
  private Template template(Path bin, boolean root) throws IOException, InterruptedException {
    synchronized (TEMPLATES) {
      int kind = password ? 1 : 0;
      if (TEMPLATES[kind] == null) {
        Path made = Files.createTempDirectory("marketingsql-postgres-template-");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
          try {
            deleteTree(made);
          } catch (IOException e) {
            // the JVM is exiting: the temporary folder is all that can be left behind
          }
        }, "delete the PostgreSQL template"));
        if (root) {
          giveToPostgres(made);
        }
        String templatePassword = password ? randomPassword() : null;
        Path data = made.resolve("data");
        List<String> initdb = new ArrayList<>(List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-U",
            SUPERUSER, "-E", "UTF8", "--locale=C", "--no-sync", "--auth=" + (password ? "scram-sha-256" : "trust")));
        Path passwordFile = made.resolve("password");
        if (password) {
          Files.writeString(passwordFile, templatePassword + "\n", StandardCharsets.UTF_8);
          if (root) {
            giveToPostgres(passwordFile);
          }
          initdb.add("--pwfile=" + passwordFile);
        }
        try {
          run(root, initdb, "initdb of the template cluster " + data);
        } finally {
          Files.deleteIfExists(passwordFile);
        }
        TEMPLATES[kind] = new Template(data, templatePassword);
      }
      return TEMPLATES[kind];
    }
  }

  /** Stops the server at once (it holds nothing worth a clean shutdown) and deletes its folder. */
  @Override
  public void close() throws IOException, InterruptedException {
    if (folder == null) {
      return;
    }
    try {
      Path data = folder.resolve("data");
      if (Files.exists(data.resolve("postmaster.pid"))) {
        run(isRoot(), List.of(binaries().resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w",
            "stop"), "pg_ctl stop");
      }
    } finally {
      deleteFolder();
    }
  }

  /** The server's port on 127.0.0.1. */
  public int port() {
    running();
    return port;
  }

  /** {@code jdbc:postgresql://127.0.0.1:PORT/postgres}: the cluster's default database. */
  public String url() {
    return url(SUPERUSER);
  }

  /** The JDBC URL of one of the cluster's databases. */
  public String url(String database) {
    running();
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** The superuser's name. */
  public String user() {
    return SUPERUSER;
  }

  /** The superuser's password; null for a {@link #trust()} cluster. */
  public String password() {
    running();
    return secret;
  }

  /** The folder of the cluster's files while it runs. */
  public Path folder() {
    running();
    return folder;
  }

  /** A new pgJDBC connection to the default database as the superuser; the caller closes it. */
  public Connection connection() throws SQLException {
    Properties login = new Properties();
    login.setProperty("user", user());
    if (secret != null) {
      login.setProperty("password", secret);
    }
    return DriverManager.getConnection(url(), login);
  }

  private void running() {
    if (folder == null) {
      throw new IllegalStateException("the PostgreSQL server is not running: register PostgresCluster with"
          + " @RegisterExtension, or call start()");
    }
  }

  /** Runs a PostgreSQL program, as the {@code postgres} user when this is root; IOException with its output when it fails. */
  private void run(boolean root, List<String> command, String what) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (root) {
      full.addAll(List.of("runuser", "-u", SUPERUSER, "--"));
    }
    full.addAll(command);
    Path output = Files.createTempFile("marketingsql-postgres-", ".out");
    try {
      ProcessBuilder builder = new ProcessBuilder(full).directory(folder.toFile()).redirectErrorStream(true)
          .redirectOutput(output.toFile());
      builder.environment().put("LC_ALL", "C");
      builder.environment().remove("PGDATA");
      Process process = builder.start();
      if (!process.waitFor(START_SECONDS + 30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(what + " in " + folder + " did not finish in " + (START_SECONDS + 30) + " s");
      }
      if (process.exitValue() != 0) {
        String log = "";
        Path serverLog = folder.resolve("server.log");
        if (Files.isReadable(serverLog)) {
          log = "\nserver log:\n" + Files.readString(serverLog, StandardCharsets.UTF_8).strip();
        }
        throw new IOException(what + " in " + folder + " failed with exit code " + process.exitValue() + ": "
            + Files.readString(output, StandardCharsets.UTF_8).strip() + log);
      }
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private void deleteFolder() throws IOException {
    Path dir = folder;
    folder = null;
    deleteTree(dir);
  }

  private static void deleteTree(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
  }

  private static boolean isRoot() throws IOException {
    return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
  }

  private static void giveToPostgres(Path path) throws IOException {
    UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
    UserPrincipal user = lookup.lookupPrincipalByName(SUPERUSER);
    GroupPrincipal group = lookup.lookupPrincipalByGroupName(SUPERUSER);
    PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class);
    view.setOwner(user);
    view.setGroup(group);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String randomPassword() {
    SecureRandom random = new SecureRandom();
    StringBuilder text = new StringBuilder();
    String letters = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    for (int i = 0; i < 24; i++) {
      text.append(letters.charAt(random.nextInt(letters.length())));
    }
    return text.toString();
  }
}
