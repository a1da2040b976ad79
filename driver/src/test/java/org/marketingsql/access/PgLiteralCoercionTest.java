package org.marketingsql.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.StoreFixture;

/** A boolean or an array compared with a string literal, as PostgreSQL compares them, through the driver. */
class PgLiteralCoercionTest {
  /** One home and one store for the class: its tests only read them. */
  @RegisterExtension
  static final IsolatedHome home = IsolatedHome.perClass();
  @RegisterExtension
  static final StoreFixture fixture = StoreFixture.withExports("finance");
  Connection connection;

  @BeforeEach
  void connect() throws SQLException {
    connection = fixture.connection();
  }

  @Test
  void everyWayPostgresqlSpellsTrueOrFalseSelectsTheSameRowsAsTheBooleanLiteral() throws Exception {
    long all = count("SELECT count(*) FROM finance.ad_spend_daily");
    long provisional = count("SELECT count(*) FROM finance.ad_spend_daily WHERE is_provisional = TRUE");
    long settled = count("SELECT count(*) FROM finance.ad_spend_daily WHERE is_provisional = FALSE");
    assertEquals(all, provisional + settled);
    assertTrue(all > 0);
    for (String t : List.of("t", "true", "TRUE", "yes", "y", "on", "1", " tr ")) {
      assertEquals(provisional, count("SELECT count(*) FROM finance.ad_spend_daily WHERE is_provisional = '" + t + "'"), t);
      assertEquals(provisional, count("SELECT count(*) FROM finance.ad_spend_daily WHERE '" + t + "' = is_provisional"), t);
    }
    for (String f : List.of("f", "false", "no", "n", "off", "0")) {
      assertEquals(settled, count("SELECT count(*) FROM finance.ad_spend_daily WHERE is_provisional = '" + f + "'"), f);
    }
    assertEquals(settled, count("SELECT count(*) FROM finance.ad_spend_daily WHERE is_provisional <> 't'"));
  }

  @Test
  void aLiteralThatIsNoBooleanIsInvalidTextRepresentation() throws Exception {
    for (String bad : List.of("maybe", "o", "", "2")) {
      SQLException e = assertThrows(SQLException.class,
          () -> count("SELECT count(*) FROM finance.ad_spend_daily WHERE is_provisional = '" + bad + "'"), bad);
      assertEquals("22P02", e.getSQLState(), e.getMessage());
      assertTrue(e.getMessage().contains("invalid input syntax for type boolean: \"" + bad + "\""), e.getMessage());
    }
  }

  @Test
  void anArrayComparedWithArrayTextComparesWithThoseElementsInItsElementType() throws Exception {
    assertEquals(1, count("SELECT count(*) FROM (VALUES (ARRAY['0'])) v(roles) WHERE roles = '{0}'"));
    assertEquals(0, count("SELECT count(*) FROM (VALUES (ARRAY['0'])) v(roles) WHERE roles = '{1}'"));
    assertEquals(1, count("SELECT count(*) FROM (VALUES (ARRAY['a b', 'c\"d'])) v(x) WHERE '{\"a b\", \"c\\\"d\"}' = x"));
    assertEquals(1, count("SELECT count(*) FROM (VALUES (ARRAY[1, 2])) v(x) WHERE x = '{1,2}'"));
    assertEquals(1, count("SELECT count(*) FROM (VALUES (ARRAY[1, 2])) v(x) WHERE x <> '{2,1}'"));
    SQLException e = assertThrows(SQLException.class,
        () -> count("SELECT count(*) FROM (VALUES (ARRAY[1])) v(x) WHERE x = '1'"));
    assertEquals("22P02", e.getSQLState(), e.getMessage());
    assertTrue(e.getMessage().contains("malformed array literal: \"1\""), e.getMessage());
  }

  @Test
  void aLiteralOrATextComparedWithAnyElementOfAnArrayTakesTheElementsType() throws Exception {
    assertEquals(1, count("SELECT count(*) FROM (VALUES ('a,d')) v(x) WHERE 'd' = any(string_to_array(x, ','))"));
    assertEquals(0, count("SELECT count(*) FROM (VALUES ('a,d')) v(x) WHERE 'dd' = any(string_to_array(x, ','))"));
    assertEquals(1, count("SELECT count(*) FROM (VALUES ('a,d')) v(x) WHERE 'b' <> all(string_to_array(x, ','))"));
    assertEquals(1, count("SELECT count(*) FROM (VALUES (ARRAY[1, 2])) v(x) WHERE '2' = any(x)"));
  }

  @Test
  void booleanInputIsReadAsPostgresqlReadsIt() {
    assertEquals(Optional.of(true), PgLiteralCoercion.parse("Yes"));
    assertEquals(Optional.of(false), PgLiteralCoercion.parse("of"));
    assertEquals(Optional.empty(), PgLiteralCoercion.parse("truth"));
    assertEquals(Optional.empty(), PgLiteralCoercion.parse("10"));
  }

  private long count(String sql) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
