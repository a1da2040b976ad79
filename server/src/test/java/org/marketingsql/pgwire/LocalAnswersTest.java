package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The SELECTs of session functions answered without the driver, item by item; anything else goes to the driver. */
class LocalAnswersTest {
  private final LocalAnswers answers = new LocalAnswers("ann", new SearchPath("finance"),
      new SessionSettings("ann", new TransactionBlock()));

  @Test
  void aSelectOfSessionFunctionsIsAnsweredWithOneColumnPerItem() throws PgException {
    LocalResult result = answers.answer("SELECT current_user, current_schema() AS s, pg_catalog.current_database()")
        .orElseThrow();
    assertEquals(List.of("current_user", "s", "current_database"), result.columns());
    assertEquals(List.of(List.of("ann", "finance", "marketing")), result.rows());
  }

  @Test
  void emptyItemsAtTheEndAreLeftOutAndEmptyItemsBeforeAnotherAreNot() throws PgException {
    assertEquals(List.of(List.of("ann")), answers.answer("select current_user,").orElseThrow().rows());
    assertEquals(List.of(List.of("ann", "marketing")), answers.answer("select user, current_catalog,,").orElseThrow().rows());
    assertTrue(answers.answer("select user,, version()").isEmpty());
    assertTrue(answers.answer("select , user").isEmpty());
    assertTrue(answers.answer("select user, \t, version()").isEmpty(), "a blank item is an item");
  }

  @Test
  void aQueryOfTheDataIsLeftToTheDriverWhateverItsOtherItems() throws PgException {
    assertTrue(answers.answer("SELECT channel, current_user FROM finance.channel_roi").isEmpty());
    assertTrue(answers.answer("SELECT current_user, channel FROM finance.channel_roi").isEmpty());
    assertTrue(answers.answer("SELECT version() FROM finance.channel_roi").isEmpty());
  }
}
