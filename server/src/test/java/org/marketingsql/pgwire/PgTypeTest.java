package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.StoreFixture;

/** Values in PostgreSQL's binary forms, byte for byte. */
@ExtendWith(IsolatedHome.class)
class PgTypeTest {
  @RegisterExtension
  final StoreFixture fixture = StoreFixture.withExports("finance");

  @Test
  void aTextArrayIsSentAsArraySendWritesIt() throws Exception {
    String url = fixture.csvUrl();
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT ARRAY['ab', CAST(NULL AS VARCHAR)], ARRAY['x', 'yz']")) {
      assertTrue(rs.next());
      ByteBuffer expected = ByteBuffer.allocate(36);
      expected.putInt(1).putInt(1).putInt(25); // one dimension, has nulls, of text
      expected.putInt(2).putInt(1); // two elements from index 1
      expected.putInt(2).put("ab".getBytes(StandardCharsets.UTF_8)).putInt(-1);
      assertArrayEquals(Arrays.copyOf(expected.array(), expected.position()), PgType.TEXT_ARRAY.binary(rs, 1));
      // CHAR(n) elements lose their padding, as scalar CHAR values do
      ByteBuffer padded = ByteBuffer.wrap(PgType.TEXT_ARRAY.binary(rs, 2));
      assertEquals(1, padded.getInt());
      assertEquals(0, padded.getInt());
      padded.position(20);
      assertEquals(1, padded.getInt());
      assertEquals('x', padded.get());
    }
  }

  @Test
  void castsAndComputedStringsAreDescribedWithPostgresqlsTypesAndTableColumnsKeepTheirs(@TempDir Path temp) throws Exception {
    try (TestServer server = TestServer.finance(temp, PgLimits.defaults()); Connection c = server.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT order_id::text AS t, CAST(order_id AS text), upper(order_id), 'x', amount::int,"
            + " CAST(amount AS bigint), amount::numeric, order_date::date, CAST(order_date AS timestamp), true::boolean,"
            + " order_id FROM exports.orders LIMIT 1")) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> types = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        types.add(md.getColumnTypeName(i));
      }
      assertEquals(List.of("text", "text", "text", "text", "int4", "int8", "numeric", "date", "timestamp", "bool", "varchar"), types);
      assertTrue(rs.next());
      assertEquals("o1", rs.getString("t"));
    }
  }

  @Test
  void aSubquerysUnnamedColumnReachesTheClientWithPostgresqlsName(@TempDir Path temp) throws Exception {
    try (TestServer server = TestServer.finance(temp, PgLimits.defaults()); Connection c = server.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM (SELECT count(*), max(order_date) FROM exports.orders) s")) {
      assertEquals("count", rs.getMetaData().getColumnLabel(1));
      assertEquals("max", rs.getMetaData().getColumnLabel(2));
      assertTrue(rs.next());
      assertEquals(5, rs.getInt("count"));
    }
  }
}
