package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Values in PostgreSQL's binary forms, byte for byte. */
class PgTypeTest {
  @RegisterExtension
  static final ClassServer server = ClassServer.finance(TestServer.ALICE);

  @Test
  void aTextArrayIsSentAsArraySendWritesIt() throws Exception {
    try (Connection c = DriverManager.getConnection(server.exportsUrl()); Statement s = c.createStatement();
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
  void castsAndComputedStringsAreDescribedWithPostgresqlsTypesAndTableColumnsKeepTheirs() throws Exception {
    try (Connection c = server.connect();
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
  void aSubquerysUnnamedColumnReachesTheClientWithPostgresqlsName() throws Exception {
    try (Connection c = server.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT * FROM (SELECT count(*), max(order_date) FROM exports.orders) s")) {
      assertEquals("count", rs.getMetaData().getColumnLabel(1));
      assertEquals("max", rs.getMetaData().getColumnLabel(2));
      assertTrue(rs.next());
      assertEquals(5, rs.getInt("count"));
    }
  }
}
