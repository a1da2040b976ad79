package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.pgwire.RawPgClient.Message;
import org.postgresql.PGResultSetMetaData;

/** RowDescription names the table or view column a result column comes straight from, by pg_class's and pg_attribute's numbers. */
class ResultColumnOriginsTest {
  @RegisterExtension
  static final ClassServer server = ClassServer.finance(TestServer.ALICE);

  /** A RowDescription field: name, table OID, column number. */
  record Field(String name, int tableOid, int columnNumber) {
  }

  static List<Field> fields(Message rowDescription) {
    ByteBuffer b = ByteBuffer.wrap(rowDescription.body());
    int count = b.getShort();
    List<Field> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      int start = b.position();
      while (b.get() != 0) {
        // the name's bytes
      }
      String name = new String(rowDescription.body(), start, b.position() - start - 1, StandardCharsets.UTF_8);
      int oid = b.getInt();
      int number = b.getShort();
      b.position(b.position() + 4 + 2 + 4 + 2);
      out.add(new Field(name, oid, number));
    }
    return out;
  }

  @Test
  void aColumnStraightFromATableOrViewCarriesTheOidAndNumberThatPgAttributeGivesIt() throws Exception {
    List<Field> fields;
    try (RawPgClient client = server.raw(60_000)) {
      assertTrue(RawPgClient.readyIn(client.login(TestServer.USER, TestServer.PASSWORD)));
      List<Message> got = client.query("select amount, order_id as id, amount * 2 as doubled from exports.orders");
      fields = fields(got.stream().filter(m -> m.type() == 'T').findFirst().orElseThrow());
    }
    assertEquals(0, fields.get(2).tableOid(), "a computed column has no table: " + fields);
    assertEquals(0, fields.get(2).columnNumber());
    try (Connection c = server.connect();
        PreparedStatement ps = c.prepareStatement("select c.relname, n.nspname, a.attname from pg_catalog.pg_attribute a "
            + "join pg_catalog.pg_class c on c.oid = a.attrelid join pg_catalog.pg_namespace n on n.oid = c.relnamespace "
            + "where a.attrelid = ? and a.attnum = ?")) {
      for (int i = 0; i < 2; i++) {
        Field f = fields.get(i);
        assertTrue(f.tableOid() != 0 && f.columnNumber() > 0, fields.toString());
        ps.setInt(1, f.tableOid());
        ps.setInt(2, f.columnNumber());
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next(), "pg_attribute has " + f);
          assertEquals(List.of("orders", "exports", i == 0 ? "amount" : "order_id"),
              List.of(rs.getString(1), rs.getString(2), rs.getString(3)));
        }
      }
    }
  }

  @Test
  void pgJdbcFindsTheBaseTableAndColumnOfAViewsColumn() throws Exception {
    try (Connection c = server.connect(); var s = c.createStatement();
        ResultSet rs = s.executeQuery("select order_id, amount_rc + 1 as more from finance.orders")) {
      PGResultSetMetaData md = (PGResultSetMetaData) rs.getMetaData();
      assertEquals("orders", md.getBaseTableName(1));
      assertEquals("finance", md.getBaseSchemaName(1));
      assertEquals("order_id", md.getBaseColumnName(1));
      assertEquals("", md.getBaseTableName(2));
    }
  }
}
