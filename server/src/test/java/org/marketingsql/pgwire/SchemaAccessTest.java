package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.marketingsql.users.ScramVerifier;
import org.marketingsql.users.User;

/** The users file's schema list, checked on the tables a statement names. */
class SchemaAccessTest {
  static SchemaAccess only(String... schemas) {
    return new SchemaAccess(new User("fin", ScramVerifier.create("pw".toCharArray(), new SecureRandom()), List.of(schemas)));
  }

  @Test
  void tablesOfAllowedSchemasPassAtAnyDepth() throws Exception {
    SchemaAccess access = only("finance");
    access.check("select * from finance.orders o join finance.customers c on o.customer_id = c.customer_id");
    access.check("with x as (select * from finance.orders) select * from x where customer_id in (select customer_id from finance.customers)");
    access.check("select * from information_schema.tables");
    access.check("EXPLAIN PLAN FOR select * from finance.orders");
  }

  @Test
  void aTableOfAnotherSchemaIsRefusedWith42501WhereverItHides() {
    SchemaAccess access = only("finance");
    for (String sql : List.of("select * from exports.orders",
        "select * from finance.orders where customer_id in (select customer_id from \"stripe\".\"payments\")",
        "select * from finance.orders union all select * from exports.orders",
        "with x as (select * from exports.orders) select * from x",
        "select * from finance.orders o, lateral (select * from sync.sync_status) s",
        "select * from orders")) {
      assertEquals("42501", assertThrows(PgException.class, () -> access.check(sql), sql).sqlState(), sql);
    }
  }

  @Test
  void aUserWithStarReadsEverything() throws Exception {
    only("*").check("select * from exports.orders");
  }
}
