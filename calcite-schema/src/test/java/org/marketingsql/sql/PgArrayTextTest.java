package org.marketingsql.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** PostgreSQL's array text read as PostgreSQL 15's {@code '…'::text[]} reads it. */
class PgArrayTextTest {
  @Test
  void elementsAreSplitAtCommasWithBlanksAroundThemLeftOut() {
    assertEquals(List.of("a", "b"), PgArrayText.elements("{a,b}"));
    // '{ a b , c }'::text[] is {"a b",c}
    assertEquals(List.of("a b", "c"), PgArrayText.elements(" { a b , c } "));
    assertEquals(List.of("0"), PgArrayText.elements("{0}"));
  }

  @Test
  void anEmptyArrayHasNoElements() {
    assertEquals(List.of(), PgArrayText.elements("{}"));
    assertEquals(List.of(), PgArrayText.elements("{ }"));
  }

  @Test
  void quotesKeepCommasBlanksAndTheWordNullAsText() {
    assertEquals(Arrays.asList("x y", null), PgArrayText.elements("{\"x y\",NULL}"));
    assertEquals(List.of("", "a"), PgArrayText.elements("{\"\",a}"));
    assertEquals(List.of(" b ", "c,d", "e}f"), PgArrayText.elements("{\" b \",\"c,d\",\"e}f\"}"));
  }

  @Test
  void anUnquotedNullInAnyCaseIsSqlNullButAQuotedOrEscapedOneIsText() {
    // '{nuLL,"NULL",\NULL}'::text[] is {NULL,"NULL","NULL"}
    assertEquals(Arrays.asList(null, "NULL", "NULL"), PgArrayText.elements("{nuLL,\"NULL\",\\NULL}"));
  }

  @Test
  void aBackslashTakesTheNextCharacterAsItIsAndKeepsAnEscapedBlank() {
    // '{a\,b,c\"d, e\ }'::text[] is {"a,b","c\"d","e "}
    assertEquals(List.of("a,b", "c\"d", "e "), PgArrayText.elements("{a\\,b,c\\\"d, e\\ }"));
    assertEquals(List.of("x}y", "q\"r"), PgArrayText.elements("{x\\}y,\"q\\\"r\"}"));
  }

  @ParameterizedTest(name = "{0} is malformed")
  @ValueSource(strings = {"", "a", "{", "{a", "{a,}", "{,a}", "{\"a}", "{a\"b c\"d}", "{\"a\" b}", "{a} x", "{a\\"})
  void aTextThatIsNoArrayIsAMalformedArrayLiteral(String text) {
    PgSqlException e = assertThrows(PgSqlException.class, () -> PgArrayText.elements(text));
    assertEquals("22P02", e.sqlState());
    assertTrue(e.getMessage().startsWith("malformed array literal: \"" + text + "\": "), e.getMessage());
  }

  @Test
  void nestedArraysAndDimensionsAreRefusedNamingWhatIsNotSupported() {
    PgSqlException nested = assertThrows(PgSqlException.class, () -> PgArrayText.elements("{{1,2},{3,4}}"));
    assertEquals("22P02", nested.sqlState());
    assertEquals("malformed array literal: \"{{1,2},{3,4}}\": multidimensional arrays are not supported",
        nested.getMessage());
    PgSqlException dimensions = assertThrows(PgSqlException.class, () -> PgArrayText.elements("[1:2]={1,2}"));
    assertEquals("malformed array literal: \"[1:2]={1,2}\": array dimensions are not supported", dimensions.getMessage());
  }

  @Test
  void moreElementsThanAStatementSensiblyHoldsAreRefused() {
    String text = "{" + "1,".repeat(PgArrayText.MAX_ELEMENTS) + "1}";
    assertEquals("54000", assertThrows(PgSqlException.class, () -> PgArrayText.elements(text)).sqlState());
  }
}
