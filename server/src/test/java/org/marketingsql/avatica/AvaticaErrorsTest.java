package org.marketingsql.avatica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.AvaticaSqlException;
import org.apache.calcite.avatica.remote.ProtobufTranslation;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.remote.Service.ErrorResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.StoreFixture;
import org.marketingsql.users.ScramVerifier;
import org.marketingsql.users.User;
import org.marketingsql.users.UsersFile;

/**
 * What an Avatica client is told of an error, through Avatica's own thin driver and as raw HTTP: the SQLSTATE and
 * one line in PostgreSQL's words, no stack frame and no class name of the server; what is left out is in the
 * server's log under the id the line names.
 */
@ExtendWith(IsolatedHome.class)
class AvaticaErrorsTest {
  /** What a stack frame or a Java class name looks like in text. */
  private static final Pattern INTERNAL = Pattern.compile(
      "\tat |\\.java:\\d|Exception|org\\.apache|org\\.marketingsql|java\\.|com\\.google|Caused by");
  private static final Pattern POINTER = Pattern.compile("\\(the server's log has the detail under error ([0-9a-f]{8})\\)$");
  @TempDir
  Path temp;
  @RegisterExtension
  final StoreFixture fixture = StoreFixture.withExports("finance");
  final PrintStream stderr = System.err;
  final ByteArrayOutputStream log = new ByteArrayOutputStream();
  final ProtobufTranslation protobuf = new ProtobufTranslationImpl();
  AvaticaServer server;

  @BeforeEach
  void start() throws Exception {
    // slf4j-simple writes to System.err as it is at the time of each line
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    Path users = temp.resolve("users");
    new UsersFile(users).add(new User("fin", ScramVerifier.create("f1n".toCharArray(), new SecureRandom()),
        List.of("finance")));
    server = AvaticaServer.start(AvaticaServerSettings.defaults(fixture.csvUrl(), users).withPort(0)
        .withFailedLoginDelayMillis(0));
  }

  @AfterEach
  void stop() {
    try {
      server.close();
    } finally {
      System.setErr(stderr);
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:avatica:remote:url=http://127.0.0.1:" + server.port()
        + ";serialization=PROTOBUF;authentication=BASIC;avatica_user=fin;avatica_password=f1n");
  }

  /** The bytes of a response as text, without the name of the protocol's message type, which the wire format carries. */
  private static String text(byte[] raw) {
    return new String(raw, StandardCharsets.ISO_8859_1).replace("org.apache.calcite.avatica.proto.Responses$", "")
        .replace("\n", " ");
  }

  private static void assertNothingInternal(String text) {
    assertFalse(INTERNAL.matcher(text).find(), "names the server's internals: " + text);
    assertFalse(text.contains("\n"), "one line: " + text);
  }

  private AvaticaSqlException failure(Statement s, String sql) {
    SQLException e = assertThrows(SQLException.class, () -> {
      try (ResultSet rs = s.executeQuery(sql)) {
        while (rs.next()) {
          rs.getObject(1);
        }
      }
    }, sql);
    AvaticaSqlException remote = assertInstanceOf(AvaticaSqlException.class, e, sql);
    assertEquals(List.of(), remote.getStackTraces(), "no stack reaches the client");
    assertNothingInternal(remote.getErrorMessage());
    return remote;
  }

  /** The thin driver puts its own words ("Error while executing SQL …: Remote driver error: ") before the server's line. */
  private static void assertSays(String expected, AvaticaSqlException e) {
    assertTrue(e.getErrorMessage().endsWith("Remote driver error: " + expected), e.getErrorMessage());
  }

  @Test
  void theThinDriverGetsTheStateAndPostgresqlsWordsInOneLineWithoutAStack() throws Exception {
    try (Connection c = connect(); Statement s = c.createStatement()) {
      AvaticaSqlException column = failure(s, "select nosuch from finance.orders");
      assertEquals("42703", column.getSQLState());
      assertSays("column \"nosuch\" does not exist at line 1, column 8", column);
      AvaticaSqlException relation = failure(s, "select * from finance.nope");
      assertEquals("42P01", relation.getSQLState());
      assertSays("relation \"finance.nope\" does not exist at line 1, column 15", relation);
      AvaticaSqlException function = failure(s, "select foo(1)");
      assertEquals("42883", function.getSQLState());
      assertSays("function foo(numeric) does not exist at line 1, column 8", function);
      AvaticaSqlException syntax = failure(s, "select * from finance.orders on x");
      assertEquals("42601", syntax.getSQLState());
      assertSays("syntax error at or near \"on\" at line 1, column 30", syntax);
      AvaticaSqlException zero = failure(s, "select 1/0");
      assertEquals("22012", zero.getSQLState());
      assertSays("division by zero", zero);
      AvaticaSqlException match = failure(s, "select * from finance.orders match_recognize (order by order_id"
          + " measures a.amount as x pattern (a b) define b as b.amount > a.amount)");
      assertEquals("0A000", match.getSQLState());
      assertSays("MATCH_RECOGNIZE is not supported", match);
      try (ResultSet rs = s.executeQuery("select count(*) from finance.orders")) {
        assertTrue(rs.next(), "the connection goes on");
      }
    }
  }

  private byte[] post(byte[] body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("fin:f1n".getBytes(StandardCharsets.UTF_8)))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray()).body();
    }
  }

  private Service.Response call(Service.Request request) throws Exception {
    return protobuf.parseResponse(post(protobuf.serializeRequest(request)));
  }

  @Test
  void aRawRequestsErrorResponseCarriesTheStateAndOneLineAndNoExceptions() throws Exception {
    String connection = UUID.randomUUID().toString();
    call(new Service.OpenConnectionRequest(connection, Map.of()));
    Service.CreateStatementResponse statement =
        (Service.CreateStatementResponse) call(new Service.CreateStatementRequest(connection));
    byte[] raw = post(protobuf.serializeRequest(new Service.PrepareAndExecuteRequest(connection, statement.statementId,
        "select nosuch from finance.orders", -1, 100)));
    assertNothingInternal(text(raw));
    ErrorResponse error = assertInstanceOf(ErrorResponse.class, protobuf.parseResponse(raw));
    assertEquals(List.of(), error.exceptions);
    assertEquals("42703", error.sqlState);
    assertEquals("column \"nosuch\" does not exist at line 1, column 8", error.errorMessage);
    assertEquals(org.apache.calcite.avatica.AvaticaSeverity.ERROR, error.severity);
  }

  @Test
  void aRequestTheServerCannotReadIsAnInternalErrorWhoseDetailIsInTheLogUnderItsId() throws Exception {
    byte[] raw = post("{\"request\":\"openConnection\",\"connectionId\":\"x\"}".getBytes(StandardCharsets.UTF_8));
    assertNothingInternal(text(raw));
    ErrorResponse error = assertInstanceOf(ErrorResponse.class, protobuf.parseResponse(raw));
    assertEquals(List.of(), error.exceptions);
    assertEquals("XX000", error.sqlState);
    Matcher pointer = POINTER.matcher(error.errorMessage);
    assertTrue(error.errorMessage.startsWith("internal error ") && pointer.find(), error.errorMessage);
    String logged = log.toString(StandardCharsets.UTF_8);
    int line = logged.indexOf("error " + pointer.group(1) + ":");
    assertTrue(line >= 0, "the log names the error: " + logged);
    assertTrue(logged.substring(line).contains("\tat "), "the log holds the stack: " + logged.substring(line));
  }

  @Test
  void anUnknownConnectionKeepsTheCodeTheThinDriverReconnectsOn() throws Exception {
    ErrorResponse error = assertInstanceOf(ErrorResponse.class,
        call(new Service.CreateStatementRequest(UUID.randomUUID().toString())));
    assertEquals(ErrorResponse.MISSING_CONNECTION_ERROR_CODE, error.errorCode);
    assertEquals(List.of(), error.exceptions);
    assertNothingInternal(error.errorMessage);
  }
}
