package org.marketingsql.metrics.ltv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTableTest {
  @Test
  void identicalTriplesBecomeOneWeightedRow() {
    List<CustomerHistory> histories =
        List.of(
            new CustomerHistory("a", 1, 2, 5, 10),
            new CustomerHistory("b", 1, 2, 5, 99),
            new CustomerHistory("c", 0, 0, 5, 0));
    HistoryTable table = HistoryTable.of(histories, h -> new double[] {h.recency(), h.age()});

    assertEquals(2, table.rows());
    assertEquals(3, table.customers);
    assertEquals(1, table.maxX);
    double weightOfRepeatRow = 0;
    for (int i = 0; i < table.rows(); i++) {
      if (table.x[i] == 1) {
        weightOfRepeatRow = table.weight[i];
      }
    }
    assertEquals(2.0, weightOfRepeatRow);
  }

  @Test
  void aggregatedLikelihoodEqualsTheSumOverCustomers() {
    List<CustomerHistory> histories = CdnowFixture.histories();
    double perCustomer = 0;
    for (CustomerHistory h : histories) {
      perCustomer += BgNbdModel.logLikelihood(0.3, 5, 0.8, 2.5, List.of(h));
    }
    assertEquals(perCustomer, BgNbdModel.logLikelihood(0.3, 5, 0.8, 2.5, histories), 1e-8);
  }
}
