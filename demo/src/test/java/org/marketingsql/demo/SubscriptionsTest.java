package org.marketingsql.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.marketingsql.testing.Sql;

/** The demo's subscriptions, read back, and the MRR the finance views make of them. */
class SubscriptionsTest {
  static Path folder;
  static List<String[]> items;

  @BeforeAll
  static void generate() throws Exception {
    folder = SharedDemo.exports();
    List<String> lines = Files.readAllLines(folder.resolve(Subscriptions.FILE));
    assertEquals(Subscriptions.HEADER, lines.get(0));
    items = lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)).toList();
  }

  @Test
  void partOfTheCustomersSubscribeSomeLeaveSomeComeBackSomeAddSeatsAndSomePayYearly() {
    Set<String> customers = new HashSet<>();
    Map<String, Set<String>> subscriptionsOf = new HashMap<>();
    for (String[] i : items) {
      customers.add(i[2]);
      subscriptionsOf.computeIfAbsent(i[2], c -> new HashSet<>()).add(i[1]);
      assertTrue(i[12].isEmpty() || i[12].compareTo(i[9]) > 0, "an item ends after it was added: " + String.join(",", i));
    }
    assertTrue(customers.size() > 3_000 && customers.size() < 7_000, customers.size() + " subscribers");
    assertTrue(items.stream().anyMatch(i -> !i[12].isEmpty()), "cancellations");
    assertTrue(subscriptionsOf.values().stream().anyMatch(s -> s.size() > 1), "come-backs");
    assertTrue(items.stream().anyMatch(i -> i[0].endsWith("_2")), "seats added later");
    assertTrue(items.stream().anyMatch(i -> i[6].equals("year")), "yearly plans");
  }

  @Test
  void theDemosDecemberMrrIsWhatItsItemsBillAMonthAndEveryMonthsMovementsAddUp() throws Exception {
    BigDecimal december = BigDecimal.ZERO;
    for (String[] i : items) {
      if (i[12].isEmpty()) {
        BigDecimal amount = new BigDecimal(i[5]).multiply(new BigDecimal(i[8]));
        december = december.add(i[6].equals("year") ? amount.divide(BigDecimal.valueOf(12), 6, RoundingMode.HALF_EVEN)
            : amount);
      }
    }
    String model = SharedDemo.model();
    assertEquals(december.setScale(6, RoundingMode.HALF_EVEN), Sql.calcite(model).query(
        "SELECT mrr_rc FROM finance.subscription_mrr WHERE month_start = DATE '2025-12-01'").scalar());
    Sql.calcite(model).query("SELECT COUNT(*) AS months_off FROM finance.subscription_mrr"
        + " WHERE starting_mrr_rc + new_rc + reactivated_rc + expansion_rc - contraction_rc - churned_rc <> mrr_rc")
        .returns("months_off=0");
  }
}
