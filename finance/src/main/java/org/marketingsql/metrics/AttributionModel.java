package org.marketingsql.metrics;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How an order's revenue is shared among the customer's touchpoints up to the order
 * (ATTRIBUTED_REVENUE). Each model gives one weight per touch, in time order; the weights of an
 * order sum to 1.
 */
public enum AttributionModel {
  /** Everything to the earliest touch. */
  FIRST_TOUCH,
  /** Everything to the latest touch. */
  LAST_TOUCH,
  /** Equal shares. */
  LINEAR,
  /** Shares halving every {@code halfLifeDays} days between the touch's day and the order's day. */
  TIME_DECAY,
  /** 40 % first, 40 % last, 20 % spread over the touches between; 50/50 with two, all with one. */
  POSITION_BASED;

  /** The model a SQL argument names ({@code first_touch}, …), in any case. */
  public static AttributionModel of(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("unknown attribution model '" + name + "'; known models: "
          + Arrays.stream(values()).map(m -> m.name().toLowerCase(Locale.ROOT)).toList(), e);
    }
  }

  /**
   * Weights of the touches (sorted by time) of an order placed on {@code orderDate}.
   *
   * @param halfLifeDays used by {@link #TIME_DECAY} only; must then be positive
   */
  double[] weights(List<LocalDate> touchDays, LocalDate orderDate, Double halfLifeDays) {
    int n = touchDays.size();
    if (n == 0) {
      throw new IllegalArgumentException("an order without touches has no weights");
    }
    double[] w = new double[n];
    switch (this) {
      case FIRST_TOUCH -> w[0] = 1;
      case LAST_TOUCH -> w[n - 1] = 1;
      case LINEAR -> Arrays.fill(w, 1.0 / n);
      case TIME_DECAY -> {
        if (halfLifeDays == null || !(halfLifeDays > 0)) {
          throw new IllegalArgumentException("time_decay needs half_life_days > 0, got " + halfLifeDays);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
          w[i] = Math.pow(0.5, Math.max(0, ChronoUnit.DAYS.between(touchDays.get(i), orderDate)) / halfLifeDays);
          sum += w[i];
        }
        for (int i = 0; i < n; i++) {
          w[i] /= sum;
        }
      }
      case POSITION_BASED -> {
        if (n == 1) {
          w[0] = 1;
        } else if (n == 2) {
          w[0] = 0.5;
          w[1] = 0.5;
        } else {
          Arrays.fill(w, 0.2 / (n - 2));
          w[0] = 0.4;
          w[n - 1] = 0.4;
        }
      }
      default -> throw new IllegalStateException("unhandled model " + this);
    }
    return w;
  }
}
