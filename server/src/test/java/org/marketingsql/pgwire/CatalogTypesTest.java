package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class CatalogTypesTest {
  @Test
  void toRegtypeFindsATypeByItsNameOrAnotherOfItsNamesWithItsSchemaModifierOrArrayBrackets() {
    assertEquals(1700, PgFunctions.to_regtype("numeric"));
    assertEquals(1700, PgFunctions.to_regtype("pg_catalog.numeric(10,2)"));
    assertEquals(23, PgFunctions.to_regtype("INTEGER"));
    assertEquals(701, PgFunctions.to_regtype("double  precision"));
    assertEquals(1184, PgFunctions.to_regtype("timestamp with time zone"));
    assertEquals(1043, PgFunctions.to_regtype("character varying(20)"));
    assertEquals(1009, PgFunctions.to_regtype("text[]"));
    assertEquals(1009, PgFunctions.to_regtype("_text"));
    // unquoted char is character; quoted, the one-byte "char"
    assertEquals(1042, PgFunctions.to_regtype("char"));
    assertEquals(18, PgFunctions.to_regtype("\"char\""));
  }

  @Test
  void toRegtypeIsNullForATypeThisServerHasNot() {
    assertNull(PgFunctions.to_regtype("hstore"));
    assertNull(PgFunctions.to_regtype("public.numeric"));
    assertNull(PgFunctions.to_regtype("unknown[]"), "unknown has no array type");
    assertNull(PgFunctions.to_regtype(null));
  }
}
