package org.marketingsql.metrics.ltv;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.marketingsql.config.LtvTimeUnit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;


class RfmSummarizerTest {
  private static final LocalDate END = LocalDate.of(2024, 3, 31);

  private static Transaction tx(String id, String date, String amount) {
    return new Transaction(id, LocalDate.parse(date), new BigDecimal(amount));
  }

  /** Two orders on 1 March (one transaction), then 8 and 15 March; one order after the end. */
  private static List<Transaction> handMadeHistory() {
    return List.of(
        tx("alice", "2024-03-01", "10.00"),
        tx("alice", "2024-03-01", "5.00"),
        tx("alice", "2024-03-08", "20.00"),
        tx("alice", "2024-03-15", "40.00"),
        tx("alice", "2024-04-02", "999.00"),
        tx("bob", "2024-03-10", "7.50"),
        tx("carol", "2024-04-01", "12.00"));
  }

  @Test
  void summaryFollowsTheFaderHardieLeeConventionsInWeeks() {
    List<CustomerHistory> result =
        new RfmSummarizer(END, LtvTimeUnit.WEEK).summarize(handMadeHistory().stream());

    assertEquals(2, result.size(), "carol starts after the calibration end and is excluded");
    CustomerHistory alice = result.get(0);
    assertEquals("alice", alice.customerId());
    assertEquals(2.0, alice.frequency(), "3 distinct days = 1 first + 2 repeat transactions");
    assertEquals(14.0 / 7, alice.recency(), 1e-12);
    assertEquals(30.0 / 7, alice.age(), 1e-12);
    assertEquals(30.0, alice.monetaryValue(), 1e-12, "mean of the repeat amounts 20 and 40");
    assertEquals(new CustomerHistory("bob", 0, 0, 21.0 / 7, 0), result.get(1));
  }

  @Test
  void sameDayOrdersAreMergedIntoOneRepeatTransaction() {
    List<Transaction> log =
        List.of(
            tx("dan", "2024-01-01", "1"),
            tx("dan", "2024-01-05", "3"),
            tx("dan", "2024-01-05", "4"));
    CustomerHistory dan = new RfmSummarizer(END, LtvTimeUnit.DAY).summarize(log).get(0);
    assertEquals(1.0, dan.frequency());
    assertEquals(7.0, dan.monetaryValue(), 1e-12);
    assertEquals(4.0, dan.recency());
    assertEquals(90.0, dan.age());
  }

  @Test
  void theOrderOfTheInputDoesNotMatter() {
    List<Transaction> shuffled = new ArrayList<>(handMadeHistory());
    Collections.shuffle(shuffled, new Random(42));
    RfmSummarizer summarizer = new RfmSummarizer(END, LtvTimeUnit.WEEK);
    assertEquals(summarizer.summarize(handMadeHistory()), summarizer.summarize(shuffled));
  }

  @Test
  void aTransactionOnTheCalibrationEndCounts() {
    List<Transaction> log = List.of(tx("eve", "2024-03-01", "1"), tx("eve", "2024-03-31", "2"));
    CustomerHistory eve = new RfmSummarizer(END, LtvTimeUnit.DAY).summarize(log).get(0);
    assertEquals(1.0, eve.frequency());
    assertEquals(eve.age(), eve.recency());
  }

  @Test
  void monthsAreMeanJulianMonths() {
    List<Transaction> log = List.of(tx("fay", "2023-03-31", "1"));
    CustomerHistory fay = new RfmSummarizer(END, LtvTimeUnit.MONTH).summarize(log).get(0);
    assertEquals(366 / (365.25 / 12), fay.age(), 1e-12);
  }

  @Test
  void cdnowCalibrationDataMatchesThePaper() {
    // FHL (2005) section 4: 2,357 customers making 2,457 repeat purchases in weeks 1-39
    List<CustomerHistory> histories = CdnowFixture.histories();
    assertEquals(2357, histories.size());
    assertEquals(2457.0, histories.stream().mapToDouble(CustomerHistory::frequency).sum());
    assertEquals(946, histories.stream().filter(h -> h.frequency() > 0).count());
  }

  @Test
  void constructorRejectsMissingArguments() {
    assertThrows(NullPointerException.class, () -> new RfmSummarizer(null, LtvTimeUnit.DAY));
    assertThrows(NullPointerException.class, () -> new RfmSummarizer(END, null));
  }
}
