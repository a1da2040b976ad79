package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.sql.SQLException;
import org.apache.calcite.plan.RelOptPlanner;
import org.junit.jupiter.api.Test;

/** How an error's place in the statement Calcite parsed is found in the client's text, and Calcite's words in PostgreSQL's. */
class StatementErrorsTest {
  @Test
  void aPositionInTheTranslationIsFoundInTheClientsMultiLineText() {
    String sql = "SELECT order_id,\n  amount::numeric\nFROM finance.orders\nWHERE nope > 1";
    String calcite = PgDialect.toCalcite(sql);
    int column = calcite.indexOf("nope") + 1;
    assertEquals(sql.indexOf("nope") + 1, StatementErrors.position(sql, calcite, 1, column));
  }

  @Test
  void aTokenThatOccursTwiceIsCountedAmongItsEquals() {
    String sql = "select a,  b,\n a from t";
    String calcite = "select a , b , a from t";
    // the second "a": character 2 of the client's second line, after 15 characters of the first
    assertEquals(sql.indexOf("\n a") + 3, StatementErrors.position(sql, calcite, 1, calcite.indexOf(" a from") + 2));
  }

  @Test
  void aStringWrittenOtherwiseThanItReadsMovesNoLaterPosition() {
    String sql = "select E'it\\'s', $$a 'b'$$, nope from t";
    String calcite = PgDialect.toCalcite(sql);
    assertEquals(sql.indexOf("nope") + 1, StatementErrors.position(sql, calcite, 1, calcite.indexOf("nope") + 1));
  }

  @Test
  void aTokenTheTranslationMadeHasNoPosition() {
    String sql = "select col_description(1, 2)";
    String calcite = PgDialect.toCalcite(sql);
    assertEquals(0, StatementErrors.position(sql, calcite, 1, calcite.indexOf("pgd_") + 1));
  }

  @Test
  void positionsCountCharactersNotBytes() {
    String sql = "select 'héllo', nope";
    assertEquals(17, StatementErrors.position(sql, sql, 1, 17));
  }

  @Test
  void calcitesWordsBecomePostgresqls() {
    assertEquals("column \"nope\" does not exist", StatementErrors.pgMessage("Column 'nope' not found in any table"));
    assertEquals("column o.nope does not exist", StatementErrors.pgMessage("Column 'nope' not found in table 'o'"));
    assertEquals("relation \"finance.nope\" does not exist",
        StatementErrors.pgMessage("Object 'nope' not found within 'finance'"));
    assertEquals("column \"order_id\" must appear in the GROUP BY clause or be used in an aggregate function",
        StatementErrors.pgMessage("Expression 'order_id' is not being grouped"));
    assertEquals("function nope(numeric, text) does not exist",
        StatementErrors.pgMessage("No match found for function signature nope(<NUMERIC>, <CHARACTER>)"));
    assertEquals("anything else", StatementErrors.pgMessage("anything else"));
  }

  @Test
  void aPlannerFailureIsOneLineWithoutThePlanAndNamesTheSessionForTheLog() {
    String plan = "There are not enough rules to produce a node with desired properties: convention=ENUMERABLE.\n"
        + "Missing conversion is LogicalProject[convention: NONE -> ENUMERABLE]\n"
        + "rel#42:LogicalTableScan.NONE(table=[finance, _facts, monthly_spend])";
    SQLException e = new SQLException("Error while executing SQL \"select 1\": " + plan,
        new RelOptPlanner.CannotPlanException(plan));
    PgException sent = StatementErrors.of(e, "select 1", "select 1", 1234);
    assertEquals("XX000", sent.sqlState());
    assertEquals("internal error: the statement could not be planned (the server's log has the detail under process 1234)",
        sent.getMessage());
    assertSame(e, sent.getCause(), "the log gets the whole error");
  }

  @Test
  void aStoresRefusalQuotesNoneOfTheStoresStatement() {
    SQLException e = new SQLException("Error while executing SQL \"select x from t tablesample system(1)\"",
        new RuntimeException("While executing SQL [SELECT \"x\"\nFROM \"_facts\".\"t\" TABLESAMPLE SYSTEM(1)]",
            new SQLException("Parser Error: syntax error at or near \"TABLESAMPLE\"")));
    PgException sent = StatementErrors.of(e, "select x from t tablesample system(1)", "select x from t", 7);
    assertEquals("0A000", sent.sqlState());
    assertEquals("TABLESAMPLE is not supported", sent.getMessage());
    PgException other = StatementErrors.of(e, "select x from t", "select x from t", 7);
    assertEquals("XX000", other.sqlState());
    assertFalse(other.getMessage().contains("_facts"), other.getMessage());
  }

  @Test
  void anAssertionOfTheServersCodeIsOneLineNamingNoClass() {
    PgException sent = StatementErrors.internal(new AssertionError("rel#7 has no convention"), null, 99);
    assertEquals("XX000", sent.sqlState());
    assertFalse(sent.getMessage().contains("rel#") || sent.getMessage().contains("java."), sent.getMessage());
  }

  @Test
  void onlyTheFeaturesKnownNotToBePlannedAreNamed() {
    assertEquals("TABLESAMPLE", StatementErrors.feature("select * from t tablesample bernoulli(5)"));
    assertNull(StatementErrors.feature("select 'tablesample' from t"));
    assertNull(StatementErrors.feature("select * from t"));
  }
}
