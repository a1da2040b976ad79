package org.marketingsql.config;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * When an ad account's spend turns into cash leaving the company (configuration key {@code billing}). The
 * schedule built from these terms is {@code finance.marketing_cash_schedule}; see
 * {@code org.marketingsql.metrics.CashSchedule} for how each kind of terms dates the cash.
 */
public sealed interface BillingTerms {
  /** Monthly invoicing on the 1st, net 30: the terms of an account whose configuration says nothing. */
  BillingTerms DEFAULT = new Invoice(1, 30, true);

  /** How the terms read in {@code billing_terms}: {@code prepaid}, {@code threshold 500}, {@code invoice day 1, net 30}. */
  String describe();

  /** Cash is paid before the ads run; the schedule dates it on the day the spend accrues. */
  record Prepaid() implements BillingTerms {
    @Override
    public String describe() {
      return "prepaid";
    }
  }

  /**
   * The platform charges the payment method each time the unbilled spend reaches {@code amount}, and
   * the rest on its monthly billing date.
   *
   * @param amount the payment threshold, in the account's own currency (as the platform sets it); positive
   */
  record Threshold(BigDecimal amount) implements BillingTerms {
    public Threshold {
      Objects.requireNonNull(amount, "amount");
      if (amount.signum() <= 0) {
        throw new IllegalArgumentException("a billing threshold must be positive: " + amount);
      }
    }

    @Override
    public String describe() {
      return "threshold " + amount.stripTrailingZeros().toPlainString();
    }
  }

  /**
   * A calendar month's spend is invoiced on {@code day} of the following month and paid {@code netDays} later.
   *
   * @param day day of the month the invoice is issued, 1..31 (beyond the month's length: its last day)
   * @param netDays days from the invoice to payment, ≥ 0
   * @param assumed true when the configuration set no terms and these are the default
   */
  record Invoice(int day, int netDays, boolean assumed) implements BillingTerms {
    public Invoice {
      if (day < 1 || day > 31) {
        throw new IllegalArgumentException("an invoice day must be 1..31: " + day);
      }
      if (netDays < 0) {
        throw new IllegalArgumentException("net days must not be negative: " + netDays);
      }
    }

    @Override
    public String describe() {
      return "invoice day " + day + ", net " + netDays + (assumed ? " (default)" : "");
    }
  }
}
