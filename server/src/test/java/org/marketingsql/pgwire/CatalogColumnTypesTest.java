package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.PostgresCluster;
import org.marketingsql.testing.StoreFixture;

/**
 * Every table and view the port has in pg_catalog and information_schema, described (Parse, Describe: nothing is
 * run, so the catalogs PostgreSQL refuses to a user who is no superuser are described too) on the port as fin and on a
 * real PostgreSQL 15: each column the port has is one PostgreSQL has, with the same type OID in RowDescription
 * (information_schema's domains are sent as their base types by both: sql_identifier as name, cardinal_number as
 * int4, character_data and yes_or_no as varchar, time_stamp as timestamptz).
 */
class CatalogColumnTypesTest {
  @RegisterExtension
  static final PostgresCluster postgres = PostgresCluster.withPassword();
  @TempDir
  static Path temp;
  @RegisterExtension
  static final StoreFixture fixture = StoreFixture.withExports("finance");
  static TestServer server;

  /** The columns whose type differs from PostgreSQL's, with why: none. */
  private static final Map<String, String> EXCEPTIONS = Map.of();

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.forClass(fixture.csvUrl(), temp, TestServer.FIN);
    try (Connection pg = postgres.connection(); Statement s = pg.createStatement()) {
      s.execute("CREATE DATABASE marketing");
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A column of RowDescription: its name and its type's OID. */
  private record Described(String name, int type) {
  }

  /** The columns RowDescription gives for {@code SELECT * FROM relation}, described and not run. */
  private static List<Described> describe(RawPgClient client, String relation) throws Exception {
    byte[] sql = RawPgClient.cstring("SELECT * FROM " + relation);
    client.send(RawPgClient.typed('P', ByteBuffer.allocate(1 + sql.length + 2).put((byte) 0).put(sql).putShort((short) 0)
        .array()));
    client.send(RawPgClient.typed('D', new byte[] {'S', 0}));
    client.send(RawPgClient.typed('S', new byte[0]));
    List<Described> columns = new ArrayList<>();
    for (RawPgClient.Message m : client.untilReady()) {
      if (m.type() == 'E') {
        throw new AssertionError(relation + " is not described: " + m);
      }
      if (m.type() == 'T') {
        ByteBuffer body = ByteBuffer.wrap(m.body());
        int count = body.getShort();
        for (int i = 0; i < count; i++) {
          int start = body.position();
          while (body.get() != 0) {
            // the column's name, to its terminating zero
          }
          String name = new String(m.body(), start, body.position() - start - 1, StandardCharsets.UTF_8);
          body.getInt(); // table OID
          body.getShort(); // column number
          columns.add(new Described(name, body.getInt()));
          body.getShort(); // type length
          body.getInt(); // type modifier
          body.getShort(); // format
        }
      }
    }
    return columns;
  }

  /** The first row of {@code sql}'s result with every column asked for in binary: each value's bytes, null for NULL. */
  private static List<byte[]> binaryRow(RawPgClient client, String sql) throws Exception {
    byte[] text = RawPgClient.cstring(sql);
    client.send(RawPgClient.typed('P', ByteBuffer.allocate(1 + text.length + 2).put((byte) 0).put(text).putShort((short) 0)
        .array()));
    // Bind: unnamed portal and statement, no parameters, every result column binary
    client.send(RawPgClient.typed('B', new byte[] {0, 0, 0, 0, 0, 0, 0, 1, 0, 1}));
    client.send(RawPgClient.typed('E', new byte[] {0, 0, 0, 0, 0}));
    client.send(RawPgClient.typed('S', new byte[0]));
    List<byte[]> values = null;
    for (RawPgClient.Message m : client.untilReady()) {
      if (m.type() == 'E') {
        throw new AssertionError(sql + ": " + m);
      }
      if (m.type() == 'D' && values == null) {
        ByteBuffer body = ByteBuffer.wrap(m.body());
        values = new ArrayList<>();
        for (int i = body.getShort(); i > 0; i--) {
          int length = body.getInt();
          byte[] value = length < 0 ? null : new byte[length];
          if (value != null) {
            body.get(value);
          }
          values.add(value);
        }
      }
    }
    return values;
  }

  private static RawPgClient login(int port, String user, String password) throws Exception {
    RawPgClient client = new RawPgClient(port, 60_000);
    List<RawPgClient.Message> after = client.login(user, password);
    assertEquals('Z', after.get(after.size() - 1).type(), after.toString());
    return client;
  }

  @Test
  void everyCatalogColumnIsSentWithTheTypePostgresql15DeclaresItAs() throws Exception {
    List<String> relations = new ArrayList<>();
    try (Connection c = server.connect("fin", "f1n"); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT n.nspname, c.relname FROM pg_catalog.pg_class c"
            + " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
            + " WHERE n.nspname IN ('pg_catalog', 'information_schema') ORDER BY 1, 2")) {
      while (rs.next()) {
        relations.add(rs.getString(1) + "." + rs.getString(2));
      }
    }
    assertTrue(relations.size() > 60, relations.toString());
    List<String> differences = new ArrayList<>();
    Map<String, String> excepted = new LinkedHashMap<>();
    try (RawPgClient port = login(server.port(), "fin", "f1n");
        RawPgClient pg = login(postgres.port(), postgres.user(), postgres.password())) {
      for (String relation : relations) {
        Map<String, Integer> expected = new LinkedHashMap<>();
        describe(pg, relation).forEach(c -> expected.put(c.name(), c.type()));
        for (Described column : describe(port, relation)) {
          String where = relation + "." + column.name();
          Integer type = expected.get(column.name());
          if (type == null) {
            differences.add(where + ": PostgreSQL 15 has no such column");
          } else if (type != column.type()) {
            if (EXCEPTIONS.containsKey(where)) {
              excepted.put(where, EXCEPTIONS.get(where));
            } else {
              differences.add(where + ": type " + column.type() + ", PostgreSQL 15's " + type);
            }
          }
        }
      }
    }
    assertEquals(List.of(), differences);
    // an exception that no longer differs is taken off the list
    assertEquals(EXCEPTIONS.keySet(), excepted.keySet());
  }

  @Test
  void pgStatGetActivityHasTheColumnsOfPostgresql15sFunctionWithTheirTypesButInetAndXid() throws Exception {
    try (RawPgClient port = login(server.port(), "fin", "f1n");
        RawPgClient pg = login(postgres.port(), postgres.user(), postgres.password())) {
      List<Described> expected = new ArrayList<>();
      for (Described column : describe(pg, "pg_catalog.pg_stat_get_activity(NULL)")) {
        // pg_stat_activity's address and transaction ids, read through the function's sub-query, are sent as the
        // text and integers they are held as: only a catalog column read straight keeps inet and xid
        expected.add(switch (column.name()) {
          case "client_addr" -> new Described(column.name(), PgType.TEXT.oid());
          case "backend_xid", "backend_xmin" -> new Described(column.name(), PgType.INT4.oid());
          default -> column;
        });
      }
      assertEquals(30, expected.size(), expected.toString());
      assertEquals(expected, describe(port, "pg_catalog.pg_stat_get_activity(NULL)"));
      assertEquals(expected, describe(port, "pg_stat_get_activity(42) AS a"));
    }
  }

  @Test
  void theCatalogsOwnTypesAreSentInPostgresqlsBinaryForms() throws Exception {
    try (RawPgClient port = login(server.port(), "fin", "f1n")) {
      List<byte[]> roi = binaryRow(port, "SELECT p.prokind, p.pronargs, p.procost, p.proargtypes, p.proname,"
          + " t.typinput, t.typmodin FROM pg_catalog.pg_proc p, pg_catalog.pg_type t"
          + " WHERE p.proname = 'roi' AND t.typname = '_int4'");
      assertEquals("[102]", java.util.Arrays.toString(roi.get(0)), "\"char\": one byte, f");
      assertEquals(2, ByteBuffer.wrap(roi.get(1)).getShort(), "int2");
      assertEquals(1.0f, ByteBuffer.wrap(roi.get(2)).getFloat(), "float4");
      // oidvector: array_send of a one-dimensional oid array starting at 0
      ByteBuffer vector = ByteBuffer.wrap(roi.get(3));
      assertEquals(List.of(1, 0, 26, 2, 0, 4, 1700, 4, 1700), List.of(vector.getInt(), vector.getInt(), vector.getInt(),
          vector.getInt(), vector.getInt(), vector.getInt(), vector.getInt(), vector.getInt(), vector.getInt()));
      assertEquals("roi", new String(roi.get(4), StandardCharsets.UTF_8), "name: its text");
      assertEquals(750, ByteBuffer.wrap(roi.get(5)).getInt(), "regproc of a name: array_in's OID, PostgreSQL's own");
      assertEquals(0, ByteBuffer.wrap(roi.get(6)).getInt(), "regproc of -: no function");
      List<byte[]> session = binaryRow(port, "SELECT client_addr FROM pg_catalog.pg_stat_activity");
      assertEquals("[2, 32, 0, 4, 127, 0, 0, 1]", java.util.Arrays.toString(session.get(0)), "inet: IPv4, 32 bits");
    }
  }
}
