package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;

/** SET, SHOW and RESET of the settings clients send, through pgJDBC. */
class SessionSettingsTest {
  @RegisterExtension
  static final ClassServer server = ClassServer.finance(TestServer.ALICE);

  private static String show(Statement s, String name) throws SQLException {
    try (ResultSet rs = s.executeQuery("SHOW " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static String state(Statement s, String sql) {
    return assertThrows(SQLException.class, () -> s.execute(sql), sql).getSQLState();
  }

  @Test
  void setIsReadInEachOfPostgresqlsForms() throws Exception {
    assertEquals(new SessionSettings.Assignment("datestyle", Optional.of("ISO, MDY"), false),
        SessionSettings.assignment("SET SESSION DateStyle TO ISO, MDY"));
    assertEquals(new SessionSettings.Assignment("extra_float_digits", Optional.of("-2"), true),
        SessionSettings.assignment("set local extra_float_digits = -2"));
    assertEquals(new SessionSettings.Assignment("TimeZone", Optional.of("Europe/Berlin"), false),
        SessionSettings.assignment("SET TIME ZONE 'Europe/Berlin'"));
    assertEquals(new SessionSettings.Assignment("client_encoding", Optional.of("UTF8"), false),
        SessionSettings.assignment("SET NAMES 'UTF8'"));
    assertEquals(new SessionSettings.Assignment("myapp.tenant", Optional.empty(), false),
        SessionSettings.assignment("SET myapp.tenant TO DEFAULT"));
    assertEquals(new SessionSettings.Assignment("work_mem", Optional.of("64MB"), false),
        SessionSettings.assignment("SET work_mem = 64MB"));
  }

  @Test
  void settingsClientsSendAreSetShownAndResetWithPostgresqlsDefaults() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      String startupZone = ((PGConnection) c).getParameterStatus("TimeZone");
      assertEquals(startupZone, show(s, "TimeZone"), "pgJDBC's startup TimeZone (its JVM's) is the session's");
      s.execute("SET extra_float_digits = 3");
      assertEquals("3", show(s, "extra_float_digits"));
      s.execute("SET application_name TO 'Tableau 2024.1'");
      assertEquals("Tableau 2024.1", show(s, "application_name"));
      assertEquals("Tableau 2024.1", ((PGConnection) c).getParameterStatus("application_name"), "reported as ParameterStatus");
      s.execute("SET DateStyle = ISO, DMY");
      assertEquals("ISO, DMY", show(s, "datestyle"));
      s.execute("SET TIME ZONE 'Europe/Berlin'");
      assertEquals("Europe/Berlin", show(s, "TimeZone"));
      s.execute("SET lock_timeout = '10s'");
      assertEquals("10s", show(s, "lock_timeout"));
      s.execute("SET client_encoding TO 'UTF8'");
      s.execute("SET myapp.tenant = 'acme'");
      assertEquals("acme", show(s, "myapp.tenant"));
      assertEquals("150000", show(s, "server_version_num"));
      assertEquals("on", show(s, "integer_datetimes"));
      assertEquals("63", show(s, "max_identifier_length"));
      assertEquals("hex", show(s, "bytea_output"));
      assertEquals("on", show(s, "standard_conforming_strings"));
      assertEquals("0", show(s, "idle_in_transaction_session_timeout"));
      assertEquals("read committed", show(s, "transaction_isolation"));
      assertEquals("on", show(s, "transaction_read_only"));
      s.execute("RESET extra_float_digits");
      assertEquals("1", show(s, "extra_float_digits"));
      s.execute("RESET ALL");
      assertEquals("", show(s, "application_name"));
      assertEquals(startupZone, show(s, "TimeZone"), "RESET goes back to the startup TimeZone");
      assertEquals("ISO, MDY", show(s, "DateStyle"));
    }
  }

  private static LocalDateTime timestamp(Statement s, String sql) throws SQLException {
    try (ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return LocalDateTime.parse(rs.getString(1).substring(0, 19).replace(' ', 'T'));
    }
  }

  private static void assertAbout(LocalDateTime expected, LocalDateTime actual, String what) {
    long minutes = Math.abs(Duration.between(expected, actual).toMinutes());
    assertTrue(minutes < 5, what + ": expected about " + expected + ", found " + actual);
  }

  @Test
  void setTimeZoneMovesNowAndCurrentTimestampToThatZoneAndIsReportedToTheClient() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      s.execute("SET TimeZone = 'Europe/Berlin'");
      assertEquals("Europe/Berlin", show(s, "TimeZone"));
      assertEquals("Europe/Berlin", ((PGConnection) c).getParameterStatus("TimeZone"), "reported as ParameterStatus");
      LocalDateTime berlin = LocalDateTime.now(ZoneId.of("Europe/Berlin"));
      assertAbout(berlin, timestamp(s, "SELECT now()"), "now()");
      assertAbout(berlin, timestamp(s, "SELECT current_timestamp"), "current_timestamp");
      s.execute("SET TIME ZONE 'America/Los_Angeles'");
      assertAbout(LocalDateTime.now(ZoneId.of("America/Los_Angeles")), timestamp(s, "SELECT now()"), "now() in Los Angeles");
      s.execute("SET TimeZone = 'UTC'");
      assertAbout(LocalDateTime.now(ZoneOffset.UTC), timestamp(s, "SELECT current_timestamp"), "current_timestamp in UTC");
    }
  }

  @Test
  void theStartupTimeZoneIsTheSessionsAndIsReportedOnLogin() throws Exception {
    try (RawPgClient client = server.raw(60_000)) {
      List<RawPgClient.Message> login = client.login(TestServer.USER, TestServer.PASSWORD, "TimeZone", "Asia/Tokyo");
      assertTrue(RawPgClient.readyIn(login), login.toString());
      assertTrue(login.stream().anyMatch(m -> m.type() == 'S'
          && new String(m.body(), StandardCharsets.UTF_8).equals("TimeZone\0Asia/Tokyo\0")), "ParameterStatus TimeZone");
      List<String> now = client.query("SELECT now()").stream().filter(m -> m.type() == 'D')
          .map(m -> new String(m.body(), 6, 19, StandardCharsets.UTF_8)).toList();
      assertEquals(1, now.size());
      assertAbout(LocalDateTime.now(ZoneId.of("Asia/Tokyo")), LocalDateTime.parse(now.get(0).replace(' ', 'T')), "now() in Tokyo");
    }
  }

  @Test
  void unknownReadOnlyAndUnsupportedSettingsFailWithPostgresqlsSqlstates() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      assertEquals("42704", state(s, "SET no_such_setting = 1"));
      assertEquals("42704", state(s, "SHOW no_such_setting"));
      assertEquals("42704", state(s, "SHOW myapp.never_set"));
      assertEquals("55P02", state(s, "SET server_version = '16.0'"));
      assertEquals("22023", state(s, "SET extra_float_digits = 9"));
      assertEquals("22023", state(s, "SET DateStyle = 'SQL, DMY'"));
      assertEquals("22023", state(s, "SET TimeZone = 'Mars/Olympus'"));
      assertEquals("22023", state(s, "SET client_encoding = 'LATIN1'"));
      assertEquals("42501", state(s, "SET SESSION AUTHORIZATION bob"));
      s.execute("SET SESSION AUTHORIZATION DEFAULT");
      s.execute("SET ROLE alice");
      assertEquals("42501", state(s, "SET ROLE postgres"), "another role's access is never taken");
      assertEquals("42501", state(s, "SET LOCAL ROLE bob"));
      s.execute("SET ROLE NONE");
      s.execute("RESET ROLE");
      s.execute("SET NAMES 'UTF8'");
    }
  }

  @Test
  void aSetInsideARolledBackBlockIsUndoneAndSetLocalEndsWithTheBlock() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      String before = show(s, "application_name"); // pgJDBC sets its own name after login
      c.setAutoCommit(false);
      s.execute("SET application_name = 'rolled back'");
      c.rollback();
      assertEquals(before, show(s, "application_name"));
      s.execute("SET LOCAL extra_float_digits = 2");
      s.execute("SET application_name = 'kept'");
      assertEquals("2", show(s, "extra_float_digits"));
      c.commit();
      assertEquals("1", show(s, "extra_float_digits"));
      assertEquals("kept", show(s, "application_name"));
      c.setAutoCommit(true);
      s.execute("BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ");
      assertEquals("repeatable read", show(s, "transaction_isolation"));
      s.execute("COMMIT");
    }
  }

  @Test
  void customSettingsAreBoundedInNumberAndLengthAndTheSessionGoesOnAfterARefusal() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      assertEquals("54000", state(s, "SET myapp.big = '" + "x".repeat(SessionSettings.MAX_CUSTOM_VALUE_CHARS + 1) + "'"));
      for (int i = 0; i < SessionSettings.MAX_CUSTOM_SETTINGS; i++) {
        s.execute("SET myapp.k" + i + " = 'v'");
      }
      assertEquals("54000", state(s, "SET myapp.one_more = 'v'"));
      s.execute("SET myapp.k0 = 'changed'"); // a setting already held may change
      assertEquals("changed", show(s, "myapp.k0"));
      s.execute("RESET ALL");
      s.execute("SET myapp.one_more = 'v'");
      assertEquals("v", show(s, "myapp.one_more"));
    }
  }
}
