package org.marketingsql.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.junit.jupiter.api.Test;

/** Calcite's parser errors read as PostgreSQL's syntax errors: the token, where, and no list of expected tokens. */
class PgSyntaxErrorTest {
  private static PgSyntaxError parsing(String sql) {
    SqlParseException e = assertThrows(SqlParseException.class, () -> SqlParser.create(sql).parseQuery());
    // as the driver reports it: wrapped, the parser's error a cause
    return PgSyntaxError.in(new SQLException("Error while executing SQL", new RuntimeException(e))).orElseThrow();
  }

  @Test
  void anUnexpectedKeywordIsNamedWithItsLineAndColumn() {
    PgSyntaxError e = parsing("select *\nfrom on t");
    assertEquals("on", e.token());
    assertEquals(2, e.line());
    assertEquals(6, e.column());
    assertEquals("syntax error at or near \"on\"", e.message());
    assertEquals("syntax error at or near \"on\" at line 2, column 6", e.located());
  }

  @Test
  void anUnexpectedWordIsNamedAsWritten() {
    PgSyntaxError e = parsing("select a b c from t");
    assertEquals("c", e.token());
    assertEquals(12, e.column());
  }

  @Test
  void aStatementThatEndsEarlyIsAnErrorAtTheEndOfTheInput() {
    PgSyntaxError e = parsing("select a from t where");
    assertTrue(e.atEnd());
    assertEquals("syntax error at end of input", e.message());
    assertFalse(e.located().contains("Was expecting"), e.located());
  }

  @Test
  void anErrorThatIsNoParsersIsNotASyntaxError() {
    assertTrue(PgSyntaxError.in(new SQLException("no such column", "42703")).isEmpty());
  }
}
