package org.marketingsql.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** unnest in FROM, with its columns named as PostgreSQL names them. */
class PgFromFunctionsTest {
  @Test
  void unnestsOneColumnIsNamedByTheAliasOrElseUnnest() {
    assertEquals("SELECT * FROM unnest(ARRAY[1,2]) AS \"u\" (\"u\")",
        PgFromFunctions.rewrite("SELECT * FROM unnest(ARRAY[1,2]) u"));
    assertEquals("SELECT * FROM unnest(ARRAY[1,2]) AS \"u\" (\"x\")",
        PgFromFunctions.rewrite("SELECT * FROM unnest(ARRAY[1,2]) AS u(x)"));
    assertEquals("SELECT * FROM unnest(ARRAY[1,2]) AS \"unnest\" (\"unnest\") WHERE true",
        PgFromFunctions.rewrite("SELECT * FROM unnest(ARRAY[1,2]) WHERE true"));
  }

  @Test
  void theOrdinalColumnIsNamedByTheColumnListOrElseOrdinality() {
    assertEquals("SELECT * FROM unnest(ARRAY['a','b']) WITH ORDINALITY AS \"t\" (\"v\", \"n\")",
        PgFromFunctions.rewrite("SELECT * FROM unnest(ARRAY['a','b']) WITH ORDINALITY AS t(v, n)"));
    assertEquals("SELECT * FROM unnest(ARRAY['a','b']) WITH ORDINALITY AS \"t\" (\"t\", \"ordinality\")",
        PgFromFunctions.rewrite("SELECT * FROM unnest(ARRAY['a','b']) WITH ORDINALITY t"));
  }

  @Test
  void unnestAloneInTheSelectListIsUnnestInFrom() {
    assertEquals("SELECT * FROM unnest(ARRAY[1,2]) AS \"unnest\" (\"unnest\")",
        PgFromFunctions.rewrite("SELECT unnest(ARRAY[1,2])"));
    assertEquals("SELECT * FROM unnest(ARRAY[1,2]) AS \"x\" (\"x\")", PgFromFunctions.rewrite("SELECT unnest(ARRAY[1,2]) AS x"));
    assertEquals("SELECT unnest(a) FROM t", PgFromFunctions.rewrite("SELECT unnest(a) FROM t"), "with FROM it stays");
  }

  @Test
  void unnestAfterACommaSeesTheItemsBeforeItWithoutLateral() {
    assertEquals("SELECT * FROM t, unnest(t.a) AS \"u\" (\"u\")", PgFromFunctions.rewrite("SELECT * FROM t, unnest(t.a) u"));
  }
}
