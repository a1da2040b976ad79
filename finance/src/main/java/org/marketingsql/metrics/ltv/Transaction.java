package org.marketingsql.metrics.ltv;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One order of one customer, the input of {@link RfmSummarizer}.
 *
 * @param customerId customer identifier, not blank
 * @param date day of the order
 * @param amount order value; not negative because the spend model (Gamma-Gamma) describes
 *     positive transaction values and a refund is not a purchase
 */
public record Transaction(String customerId, LocalDate date, BigDecimal amount) {
  public Transaction {
    Objects.requireNonNull(customerId, "customerId");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(amount, "amount");
    if (customerId.isBlank()) {
      throw new IllegalArgumentException("customerId is blank");
    }
    if (amount.signum() < 0) {
      throw new IllegalArgumentException(
          "amount of customer " + customerId + " on " + date + " is negative: " + amount);
    }
  }
}
