package org.marketingsql.cli;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.marketingsql.avatica.AvaticaServer;
import org.marketingsql.avatica.AvaticaServerSettings;
import org.marketingsql.pgwire.PgLimits;
import org.marketingsql.pgwire.PgServer;
import org.marketingsql.pgwire.PgServerSettings;
import org.marketingsql.pgwire.SettingDuration;
import org.marketingsql.portal.PortalServer;
import org.marketingsql.portal.PortalSettings;
import org.marketingsql.schema.MarketingSchema;
import org.marketingsql.schema.PostgresRefresh;
import org.marketingsql.schema.RefreshScheduler;
import org.marketingsql.store.StoreFolder;
import org.marketingsql.tls.TlsKeystore;
import org.marketingsql.users.LoginLimits;
import org.marketingsql.users.LoginThrottle;
import org.marketingsql.users.UsersFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Serves the schema to remote tools over the PostgreSQL wire protocol, and Avatica when asked, until interrupted. */
@Command(name = "serve", description = "Serve the schema over the PostgreSQL protocol (psql, DBeaver, Excel, Power BI, Superset)"
    + " and, with --jdbc-port, to JDBC thin clients over Avatica.")
final class ServeCommand implements Callable<Integer> {
  @Mixin
  Target target;

  @Option(names = "--pg-port", defaultValue = "5433", description = "PostgreSQL protocol port (default: ${DEFAULT-VALUE})")
  int pgPort;

  @Option(names = "--jdbc-port", paramLabel = "PORT",
      description = "Avatica port for JDBC thin clients (jdbc:avatica:remote:...;serialization=PROTOBUF); off unless given")
  Integer jdbcPort;

  @Option(names = "--http-port", paramLabel = "PORT",
      description = "report portal (web page: log in, pick a report, get HTML, PDF, XLSX or DOCX); off unless given")
  Integer httpPort;

  @Option(names = "--bind", defaultValue = "127.0.0.1",
      description = "address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface)")
  String bind;

  @Option(names = "--users", paramLabel = "FILE", description = "the users file (default: ~/.marketing-sql/users)")
  Path usersFile;

  @Option(names = "--tls-keystore", paramLabel = "FILE",
      description = "PKCS#12 keystore with the server's key and certificate; when given, clients must use TLS")
  Path tlsKeystore;

  @Option(names = "--tls-password-env", paramLabel = "NAME", defaultValue = "MARKETING_SQL_TLS_PASSWORD",
      description = "environment variable holding the keystore password (default: ${DEFAULT-VALUE})")
  String tlsPasswordEnv;

  @Option(names = "--login-failures", paramLabel = "N", defaultValue = "5",
      description = "failed logins a client address, and a user name, may have within --login-window before further"
          + " logins are refused (default: ${DEFAULT-VALUE})")
  int loginFailures;

  @Option(names = "--login-window", paramLabel = "DURATION", defaultValue = "60s", converter = Durations.class,
      description = "how long a failed login counts (default: ${DEFAULT-VALUE})")
  Duration loginWindow;

  @Option(names = "--portal-idle", paramLabel = "DURATION", defaultValue = "30m", converter = Durations.class,
      description = "report portal: a login ends after this long without a request (default: ${DEFAULT-VALUE})")
  Duration portalIdle;

  @Option(names = "--portal-max-age", paramLabel = "DURATION", defaultValue = "8h", converter = Durations.class,
      description = "report portal: a login ends this long after it began (default: ${DEFAULT-VALUE})")
  Duration portalMaxAge;

  @Option(names = "--log-parameters",
      description = "put bound parameter values (and report parameter values) in the query logs; off: statements"
          + " are logged with their placeholders")
  boolean logParameters;

  @Option(names = "--max-connections", paramLabel = "N", defaultValue = "100",
      description = "sessions at once, logging in or logged in; more are refused with 53300 (default: ${DEFAULT-VALUE},"
          + " PostgreSQL's max_connections)")
  int maxConnections;

  @Option(names = "--max-connections-per-user", paramLabel = "N", defaultValue = "100",
      description = "sessions at once per user name (default: ${DEFAULT-VALUE})")
  int maxConnectionsPerUser;

  @Option(names = "--authentication-timeout", paramLabel = "TIME", defaultValue = "60s",
      description = "time from connecting to a finished login, on every port: a login waiting for the throttle waits"
          + " at most this long; a bare number is seconds (default: ${DEFAULT-VALUE}, PostgreSQL's authentication_timeout)")
  String authenticationTimeout;

  @Option(names = "--max-message-size", paramLabel = "SIZE", defaultValue = "4MB",
      description = "the largest message a logged-in client may send, in bytes, kB or MB (default: ${DEFAULT-VALUE});"
          + " startup and login messages are held to 10000 bytes")
  String maxMessageSize;

  @Option(names = "--statement-timeout", paramLabel = "TIME", defaultValue = "0",
      description = "cancel a statement after this long (57014); a session may SET a shorter one; a bare number is"
          + " milliseconds, 0 is off (default: ${DEFAULT-VALUE}, PostgreSQL's statement_timeout)")
  String statementTimeout;

  @Option(names = "--idle-session-timeout", paramLabel = "TIME", defaultValue = "1h",
      description = "close a session that sent nothing for this long; a bare number is milliseconds, 0 is off"
          + " (default: ${DEFAULT-VALUE}; PostgreSQL's idle_session_timeout, whose default is off)")
  String idleSessionTimeout;

  @Option(names = "--max-prepared-statements", paramLabel = "N", defaultValue = "1000",
      description = "named prepared statements per session, for Parse and for SQL PREPARE each (default: ${DEFAULT-VALUE})")
  int maxPreparedStatements;

  @Option(names = "--max-portals", paramLabel = "N", defaultValue = "1000",
      description = "open portals (bound statements) per session (default: ${DEFAULT-VALUE})")
  int maxPortals;

  /** The limits the options ask for; IllegalArgumentException names the option that is wrong. */
  PgLimits limits() {
    atLeast("--max-connections", maxConnections, 1);
    atLeast("--max-connections-per-user", maxConnectionsPerUser, 1);
    atLeast("--max-prepared-statements", maxPreparedStatements, 1);
    atLeast("--max-portals", maxPortals, 1);
    int messageBytes = bytes("--max-message-size", maxMessageSize);
    atLeast("--max-message-size", messageBytes, PgLimits.MIN_MESSAGE_BYTES);
    Duration authentication = duration("--authentication-timeout", authenticationTimeout, "s");
    if (authentication.isZero()) {
      throw new IllegalArgumentException("--authentication-timeout must be more than 0");
    }
    return new PgLimits(maxConnections, maxConnectionsPerUser, authentication, messageBytes,
        duration("--statement-timeout", statementTimeout, "ms"), duration("--idle-session-timeout", idleSessionTimeout, "ms"),
        maxPreparedStatements, maxPortals);
  }

  private static void atLeast(String option, int value, int min) {
    if (value < min) {
      throw new IllegalArgumentException(option + " must be at least " + min + ", found " + value);
    }
  }

  private static Duration duration(String option, String text, String unit) {
    try {
      return SettingDuration.parse(text, unit);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
    }
  }

  /** A size as PostgreSQL writes one: bytes, or a number of kB or MB (1024 and 1024 * 1024 bytes). */
  private static int bytes(String option, String text) {
    Matcher m = Pattern.compile("\\s*(\\d{1,10})\\s*(B|kB|MB)?\\s*").matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(option + ": \"" + text + "\" is not a size: write a number of bytes, kB or MB");
    }
    long n = Long.parseLong(m.group(1)) * (m.group(2) == null || m.group(2).equals("B") ? 1 : m.group(2).equals("kB") ? 1024 : 1024 * 1024);
    if (n > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(option + ": " + text + " is more than 2 GB");
    }
    return (int) n;
  }

  @Override
  public Integer call() throws Exception {
    // Netty's off-heap tricks use sun.misc.Unsafe, which JDK 24+ warns about on stderr at every start;
    // the server's traffic is small enough for plain NIO buffers.
    if (System.getProperty("io.netty.noUnsafe") == null) {
      System.setProperty("io.netty.noUnsafe", "true");
    }
    UsersFile users = new UsersFile(usersFile != null ? usersFile : UsersFile.defaultPath());
    try {
      if (users.users().isEmpty()) {
        System.err.println("marketing-sql: no users in " + users.path() + ", so nobody can log in yet: add one with"
            + " marketing-sql users add NAME" + (usersFile != null ? " --users " + usersFile : ""));
      }
    } catch (IllegalArgumentException | UncheckedIOException e) {
      System.err.println("marketing-sql: " + e.getMessage());
      return 1;
    }
    String url;
    LoginThrottle throttle;
    PgServerSettings settings;
    AvaticaServerSettings avatica = null;
    PortalSettings portal = null;
    try {
      url = target.url();
      // one throttle for every protocol: a guess counts the same over PostgreSQL, Avatica and the portal
      PgLimits limits = limits();
      throttle = new LoginThrottle(new LoginLimits(loginFailures, loginWindow, limits.authenticationTimeout()),
          Clock.systemUTC());
      settings = PgServerSettings.defaults(url, users.path()).withPort(pgPort).withBindAddress(bind)
          .withLogParameters(logParameters).withLimits(limits);
      if (jdbcPort != null) {
        avatica = AvaticaServerSettings.defaults(url, users.path()).withPort(jdbcPort).withBindAddress(bind)
            .withLogParameters(logParameters);
      }
      if (httpPort != null) {
        portal = PortalSettings.defaults(url, users.path(), httpPort).withBindAddress(bind)
            .withSessions(portalIdle, portalMaxAge).withLogParameters(logParameters);
      }
      if (tlsKeystore != null) {
        // the password by reference only, like every secret of the configuration (docs/configuration.md)
        String password = System.getenv(tlsPasswordEnv);
        if (password == null) {
          throw new IllegalArgumentException("--tls-keystore needs its password in the environment variable " + tlsPasswordEnv);
        }
        TlsKeystore tls = new TlsKeystore(tlsKeystore, password.toCharArray());
        settings = settings.withTls(tls);
        avatica = avatica == null ? null : avatica.withTls(tls);
        portal = portal == null ? null : portal.withTls(tls);
      }
    } catch (IllegalArgumentException e) {
      System.err.println("marketing-sql: " + e.getMessage());
      return 2;
    }
    if (tlsKeystore == null && !bind.startsWith("127.") && !bind.equals("localhost") && !bind.equals("::1")) {
      // SCRAM never sends the password, but query results (and Avatica's BASIC passwords) travel unencrypted.
      System.err.println("marketing-sql: warning: listening on " + bind + " without TLS; results are sent unencrypted"
          + (avatica != null ? ", and Avatica's BASIC logins send passwords in the clear" : ""));
    }
    Schedule schedule;
    try {
      schedule = firstSnapshotAndSchedule(url);
    } catch (SQLException e) {
      System.err.println("marketing-sql: cannot serve " + url + ": " + Errors.describe(e));
      return 1;
    } catch (RuntimeException e) {
      System.err.println("marketing-sql: cannot serve " + url + ": " + e.getMessage());
      return 1;
    }
    try (Schedule refreshes = schedule;
        PgServer server = PgServer.start(settings, throttle);
        AvaticaServer thin = avatica == null ? null : AvaticaServer.start(avatica, throttle);
        PortalServer web = portal == null ? null : PortalServer.start(portal, throttle)) {
      if (tlsKeystore != null) {
        System.err.println("marketing-sql: TLS required (keystore " + tlsKeystore + ")");
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        if (web != null) {
          web.close();
        }
        if (thin != null) {
          thin.close();
        }
        server.close();
        if (refreshes != null) {
          refreshes.close();
        }
      }, "server-shutdown"));
      if (web != null) {
        System.err.println("marketing-sql: report portal on " + (tlsKeystore != null ? "https" : "http") + "://" + bind
            + ":" + web.port() + "/ (log in with a user of " + users.path() + ")");
      }
      if (thin != null) {
        System.err.println("marketing-sql: serving " + url + " over Avatica on " + bind + ":" + thin.port()
            + " (jdbc:avatica:remote:url=" + (tlsKeystore != null ? "https" : "http") + "://" + bind + ":" + thin.port()
            + ";serialization=PROTOBUF;authentication=BASIC)");
      }
      System.err.println("marketing-sql: serving " + url + " over the PostgreSQL protocol on " + bind + ":" + server.port()
          + " (users from " + users.path() + "); Ctrl-C stops");
      server.awaitClose();
    } catch (UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
      System.err.println("marketing-sql: " + e.getMessage());
      return 1;
    }
    return 0;
  }

  /** A refresh schedule that stops when closed: a store folder's, or a PostgreSQL store's. */
  private interface Schedule extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Opens the store once, which builds its first snapshot when there is none and waits for it, and starts
   * refreshing it on the configuration's schedule. A store on PostgreSQL has no snapshots: every node runs the
   * schedule and the one that leads refreshes ({@link PostgresRefresh}); null for any other database server,
   * which is refreshed as connections open.
   */
  private static Schedule firstSnapshotAndSchedule(String url) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url)) {
      MarketingSchema schema = RefreshCommand.schemaOf(connection);
      if (schema == null) {
        return null;
      }
      Optional<StoreFolder> folder = StoreFolder.of(schema.config().store());
      if (folder.isEmpty() && schema.store().publishesInOneTransaction()) {
        System.err.println("marketing-sql: " + schema.store().describe() + " is shared with the other nodes that"
            + " name it; the one that leads its refresh publishes it"
            + schema.store().refresher().map(holder -> " (now " + holder + ")").orElse(""));
        return PostgresRefresh.schedule(schema.config())::close;
      }
      if (folder.isEmpty()) {
        System.err.println("marketing-sql: the store " + schema.store().describe() + " has no snapshots; connections"
            + " refresh it as they open");
        return null;
      }
      RefreshScheduler schedule = RefreshScheduler.start(schema.config());
      System.err.println("marketing-sql: snapshot " + schema.store().snapshotGeneration() + " of " + folder.get().dir()
          + " is current; refreshing on a schedule: " + schedule.describe());
      return schedule::close;
    }
  }
}
