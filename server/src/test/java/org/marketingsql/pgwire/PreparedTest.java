package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A prepared statement's parameters are described with the types the validator inferred, where the client named none. */
class PreparedTest {
  @RegisterExtension
  static final ClassServer server = ClassServer.finance(TestServer.ALICE);

  @Test
  void pgJdbcsParameterMetadataHasTheTypesOfTheColumnsEachParameterIsComparedWith() throws Exception {
    try (Connection c = server.connect(); PreparedStatement ps = c.prepareStatement(
        "select order_id from exports.orders where amount > ? and order_date >= ? and order_id <> ?")) {
      ParameterMetaData md = ps.getParameterMetaData();
      assertEquals(3, md.getParameterCount());
      assertEquals("numeric", md.getParameterTypeName(1));
      assertEquals(Types.NUMERIC, md.getParameterType(1));
      assertEquals("date", md.getParameterTypeName(2));
      assertTrue(md.getParameterTypeName(3).equals("varchar") || md.getParameterTypeName(3).equals("text"),
          md.getParameterTypeName(3));
    }
    try (Connection c = server.connect();
        PreparedStatement ps = c.prepareStatement("select campaign_id from exports.ad_spend where impressions > ?")) {
      String type = ps.getParameterMetaData().getParameterTypeName(1);
      assertTrue(type.equals("int4") || type.equals("int8"), type);
    }
  }

  @Test
  void aValueSentWithoutATypeIsReadAsTheInferredOne() throws Exception {
    Properties p = new Properties();
    p.setProperty("user", TestServer.USER);
    p.setProperty("password", TestServer.PASSWORD);
    p.setProperty("sslmode", "disable");
    p.setProperty("stringtype", "unspecified"); // setString sends no type: the server decides, as PostgreSQL does
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + server.port() + "/marketing", p);
        PreparedStatement ps = c.prepareStatement("select count(*) from exports.orders where amount >= ?")) {
      assertEquals("numeric", ps.getParameterMetaData().getParameterTypeName(1));
      for (int i = 0; i < 7; i++) { // past prepareThreshold: the named statement keeps its inferred types
        ps.setString(1, "100");
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(2, rs.getInt(1));
        }
      }
    }
  }
}
