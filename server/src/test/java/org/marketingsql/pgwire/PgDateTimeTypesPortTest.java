package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL 15's types of EXTRACT, date_part, to_timestamp, a date plus an interval and bytea on the port, with
 * pgJDBC in text and in binary and with psql, whose output is compared with a PostgreSQL 15 server's, line for line.
 */
class PgDateTimeTypesPortTest {
  private static final String SELECT = "SELECT extract(epoch from timestamp '2025-01-01'),"
      + " date_part('year', date '2024-01-01'), to_timestamp(1.5), date '2024-01-31' + interval '1 month', '\\x41'::bytea";
  @TempDir
  Path temp;
  @RegisterExtension
  static final ClassServer server = ClassServer.finance(TestServer.ALICE);
  Connection connection;

  @BeforeEach
  void connect() throws SQLException {
    connection = server.connectInUtc();
  }

  @AfterEach
  void disconnect() throws SQLException {
    connection.close();
  }

  @Test
  void eachResultIsSentWithPostgresqlsTypeAndText() throws Exception {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(SELECT)) {
      List<String> types = new ArrayList<>();
      for (int i = 1; i <= 5; i++) {
        types.add(rs.getMetaData().getColumnTypeName(i));
      }
      assertEquals(List.of("numeric", "float8", "timestamptz", "timestamp", "bytea"), types);
      assertTrue(rs.next());
      assertEquals("1735689600.000000|2024|1970-01-01 00:00:01.5+00|2024-02-29 00:00:00|\\x41",
          rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4) + "|" + rs.getString(5));
      assertArrayEquals(new byte[] {0x41}, rs.getBytes(5));
    }
  }

  @Test
  void theSameValuesArriveInBinary() throws Exception {
    try (Connection binary = server.connectInBinary();
         PreparedStatement ps = binary.prepareStatement(SELECT + ", decode('00ff41', 'hex')"
             + " FROM (VALUES (1)) AS t(x) WHERE x = ?")) {
      ps.setInt(1, 1);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(new BigDecimal("1735689600.000000"), rs.getBigDecimal(1));
        assertEquals(2024d, rs.getDouble(2));
        assertEquals(OffsetDateTime.parse("1970-01-01T00:00:01.5Z").toInstant(),
            rs.getObject(3, OffsetDateTime.class).toInstant());
        assertEquals(LocalDateTime.parse("2024-02-29T00:00:00"), rs.getObject(4, LocalDateTime.class));
        assertArrayEquals(new byte[] {0x41}, rs.getBytes(5));
        assertArrayEquals(new byte[] {0, (byte) 0xff, 0x41}, rs.getBytes(6));
      }
    }
  }

  @Test
  void psqlPrintsWhatPostgresqlPrints() throws Exception {
    Path psql = PsqlTest.psql();
    assumeTrue(psql != null, "psql is not installed");
    List<String> command = List.of(psql.toString(), "-h", "127.0.0.1", "-p", String.valueOf(server.port()), "-U",
        TestServer.USER, "-d", "marketing", "-X", "-A", "-F", "|", "-c", "SET TimeZone = 'UTC'", "-c", SELECT
            + ", encode('\\x41'::bytea, 'base64'), md5('\\x41'::bytea), length(decode('4142', 'hex'))");
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().put("PGPASSWORD", TestServer.PASSWORD);
    pb.environment().put("PGCONNECT_TIMEOUT", "120");
    Path out = temp.resolve("psql.txt");
    pb.redirectErrorStream(true).redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process process = pb.start();
    assertTrue(process.waitFor(180, TimeUnit.SECONDS), "psql did not finish");
    // PostgreSQL 15's psql -A output of the same statements
    assertEquals(List.of("SET", "extract|date_part|to_timestamp|?column?|bytea|encode|md5|length",
        "1735689600.000000|2024|1970-01-01 00:00:01.5+00|2024-02-29 00:00:00|\\x41|QQ==|7fc56270e7a70fa81a5935b72eacbe29|2",
        "(1 row)"), Files.readAllLines(out, StandardCharsets.UTF_8));
  }
}
