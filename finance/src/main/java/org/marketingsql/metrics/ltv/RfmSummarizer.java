package org.marketingsql.metrics.ltv;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.marketingsql.config.LtvTimeUnit;

/**
 * Turns a transaction log into one {@link CustomerHistory} per customer, following the conventions
 * of Fader, Hardie &amp; Lee (2005) and of the CDNOW data set they used:
 *
 * <ul>
 *   <li>all orders of one customer on the same day are one transaction, with amounts summed
 *       (the models count purchase occasions, and the data only resolves days);
 *   <li>only transactions on or before the calibration end count; customers whose first
 *       transaction is after it are not part of the calibration cohort and are left out;
 *   <li>frequency x = number of transactions − 1 (repeat transactions only: the first purchase
 *       marks the start of the relationship, not an outcome of the purchase process);
 *   <li>recency t<sub>x</sub> = time from the first to the last transaction, age T = time from
 *       the first transaction to the calibration end, in whole days divided by the unit length;
 *   <li>monetary value = mean amount of the repeat transactions (the first one is excluded, as in
 *       FHL 2005 "RFM and CLV", section 4), 0 when x = 0.
 * </ul>
 *
 * <p>Instances are immutable and can be shared.
 */
public final class RfmSummarizer {
  private final LocalDate calibrationEnd;
  private final LtvTimeUnit unit;

  /**
   * @param calibrationEnd last day (inclusive) of the calibration period
   * @param unit unit of recency and age
   */
  public RfmSummarizer(LocalDate calibrationEnd, LtvTimeUnit unit) {
    this.calibrationEnd = Objects.requireNonNull(calibrationEnd, "calibrationEnd");
    this.unit = Objects.requireNonNull(unit, "unit");
  }

  public LocalDate calibrationEnd() {
    return calibrationEnd;
  }

  public LtvTimeUnit unit() {
    return unit;
  }

  /**
   * Summarises transactions given in any order.
   *
   * @return one history per customer with a transaction on or before the calibration end, sorted
   *     by customer id
   */
  public List<CustomerHistory> summarize(Stream<Transaction> transactions) {
    Objects.requireNonNull(transactions, "transactions");
    Map<String, Map<LocalDate, BigDecimal>> byCustomer = new HashMap<>();
    transactions.forEachOrdered(
        t -> {
          Objects.requireNonNull(t, "transaction");
          if (!t.date().isAfter(calibrationEnd)) {
            byCustomer
                .computeIfAbsent(t.customerId(), k -> new HashMap<>())
                .merge(t.date(), t.amount(), BigDecimal::add);
          }
        });
    List<CustomerHistory> result = new ArrayList<>(byCustomer.size());
    for (Map.Entry<String, Map<LocalDate, BigDecimal>> e : byCustomer.entrySet()) {
      result.add(summarizeCustomer(e.getKey(), new TreeMap<>(e.getValue())));
    }
    result.sort(Comparator.comparing(CustomerHistory::customerId));
    return result;
  }

  /** Summarises transactions given in any order. */
  public List<CustomerHistory> summarize(Iterable<Transaction> transactions) {
    Objects.requireNonNull(transactions, "transactions");
    List<Transaction> copy = new ArrayList<>();
    transactions.forEach(copy::add);
    return summarize(copy.stream());
  }

  private CustomerHistory summarizeCustomer(String id, TreeMap<LocalDate, BigDecimal> days) {
    LocalDate first = days.firstKey();
    LocalDate last = days.lastKey();
    int repeats = days.size() - 1;
    double monetary = 0.0;
    if (repeats > 0) {
      BigDecimal repeatTotal = BigDecimal.ZERO;
      for (BigDecimal amount : days.tailMap(first, false).values()) {
        repeatTotal = repeatTotal.add(amount);
      }
      monetary =
          repeatTotal.divide(BigDecimal.valueOf(repeats), MathContext.DECIMAL64).doubleValue();
    }
    double recency = unit.between(first, last);
    double age = unit.between(first, calibrationEnd);
    return new CustomerHistory(id, repeats, recency, age, monetary);
  }
}
