package org.marketingsql.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Monthly recurring revenue from subscriptions as they are now, month by month. A month's MRR is what
 * is in force at the very end of its last day (UTC): items whose start (their {@code created}, not
 * before the subscription's start nor its trial's end) is before the next month's first instant, of
 * subscriptions that had not ended before it. Each item counts {@code unit_amount × quantity}
 * normalised to a month: as it is a month, ÷ 12 a year, × 52 ÷ 12 a week, × 365 ÷ 12 a day, each
 * divided by its {@code interval_count}. A subscription's discounts in force then are taken off
 * its sum: percentages first (added up), then amounts off, normalised from the subscription's billing
 * interval like its price; never below zero; {@code once} coupons, which discount one invoice only, are
 * no recurring discount. Per customer the month's MRR is rounded half-even to six decimals in its
 * currency, then converted at the rate of the month's first day and rounded again.
 *
 * <p>Movements are per customer, at the month's rate on both sides (so exchange rates move no
 * money between them): from nothing to something is new, or reactivated when the customer had MRR at
 * the end of an earlier month; from something to nothing is churned; a rise is expansion, a fall
 * contraction. Starting MRR + new + reactivated + expansion − contraction − churned = MRR.
 */
final class RecurringRevenue {
  private static final int EXACT = 12;
  static final int SCALE = 6;
  /** Statuses of subscriptions that never started billing. */
  private static final Set<String> NEVER_BILLED = Set.of("incomplete", "incomplete_expired");

  /** One subscription item of a synced source. */
  record Item(String source, String subscriptionId, String customerId, String status, String currency,
      BigDecimal unitAmount, String interval, long intervalCount, long quantity, LocalDateTime created,
      LocalDateTime startDate, LocalDateTime trialEnd, LocalDateTime endedAt) {
    Item {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(subscriptionId, "subscriptionId");
      Objects.requireNonNull(currency, "currency");
      Objects.requireNonNull(unitAmount, "unitAmount");
      Objects.requireNonNull(interval, "interval");
      if (intervalCount < 1) {
        throw new IllegalArgumentException("subscription " + subscriptionId + ": interval_count " + intervalCount
            + " is not positive");
      }
      perYear(interval, subscriptionId);
    }

    /** From when the item bills: not before it was added, the subscription started or its trial ended. */
    LocalDateTime from() {
      LocalDateTime from = created;
      for (LocalDateTime t : new LocalDateTime[] {startDate, trialEnd}) {
        if (t != null && (from == null || t.isAfter(from))) {
          from = t;
        }
      }
      return from;
    }

    boolean inForceAt(LocalDateTime end) {
      LocalDateTime from = from();
      return !NEVER_BILLED.contains(status == null ? "" : status.toLowerCase(Locale.ROOT)) && customerId != null
          && from != null && from.isBefore(end) && (endedAt == null || !endedAt.isBefore(end));
    }

    /** unit_amount × quantity per month, unrounded. */
    BigDecimal monthly() {
      return perMonth(unitAmount.multiply(BigDecimal.valueOf(quantity)), interval, intervalCount, subscriptionId);
    }
  }

  /** One discount of a subscription. */
  record Discount(String source, String subscriptionId, BigDecimal percentOff, BigDecimal amountOff, String currency,
      String duration, LocalDateTime start, LocalDateTime end) {
    Discount {
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(subscriptionId, "subscriptionId");
      if (percentOff == null && amountOff == null) {
        throw new IllegalArgumentException("a discount of subscription " + subscriptionId
            + " has neither percent_off nor amount_off");
      }
    }

    boolean inForceAt(LocalDateTime t) {
      return !"once".equals(duration) && (start == null || start.isBefore(t)) && (end == null || !end.isBefore(t));
    }
  }

  /** One customer's month: its MRR at the start and end at the month's rate, and how it moved. */
  record CustomerMonth(LocalDate monthStart, String source, String customerId, LocalDate cohortMonth,
      BigDecimal startingMrr, BigDecimal mrr, BigDecimal newMrr, BigDecimal expansion, BigDecimal contraction,
      BigDecimal churned, BigDecimal reactivated, BigDecimal cohortMrr) {
  }

  private final List<Item> items;
  private final Map<String, List<Discount>> discounts = new LinkedHashMap<>();

  RecurringRevenue(List<Item> items, List<Discount> discounts) {
    this.items = List.copyOf(items);
    for (Discount d : discounts) {
      this.discounts.computeIfAbsent(d.source() + "\u0000" + d.subscriptionId(), k -> new ArrayList<>()).add(d);
    }
  }

  /** The first month any item bills in, or null without items. */
  LocalDate firstMonth() {
    return items.stream().map(Item::from).filter(Objects::nonNull).min(LocalDateTime::compareTo)
        .map(t -> t.toLocalDate().withDayOfMonth(1)).orElse(null);
  }

  /**
   * Each customer's MRR in its currencies at the end of the instant before {@code end}.
   *
   * @return by source and customer, by currency, rounded to {@value #SCALE} decimals
   */
  Map<List<String>, Map<String, BigDecimal>> mrrAt(LocalDateTime end) {
    Map<List<String>, BigDecimal> bySubscription = new LinkedHashMap<>();
    Map<List<String>, Item> firstItem = new LinkedHashMap<>();
    for (Item item : items) {
      if (item.inForceAt(end)) {
        List<String> key = List.of(item.source(), item.subscriptionId(), item.customerId(), item.currency());
        bySubscription.merge(key, item.monthly(), BigDecimal::add);
        firstItem.putIfAbsent(key, item);
      }
    }
    Map<List<String>, Map<String, BigDecimal>> byCustomer = new TreeMap<>(RecurringRevenue::compareKeys);
    bySubscription.forEach((key, gross) -> {
      Item item = firstItem.get(key);
      BigDecimal net = discounted(gross, item, end);
      byCustomer.computeIfAbsent(List.of(key.get(0), key.get(2)), k -> new TreeMap<>()).merge(key.get(3), net,
          BigDecimal::add);
    });
    byCustomer.values().forEach(m -> m.replaceAll((c, v) -> v.setScale(SCALE, RoundingMode.HALF_EVEN)));
    return byCustomer;
  }

  private BigDecimal discounted(BigDecimal gross, Item item, LocalDateTime end) {
    BigDecimal percent = BigDecimal.ZERO;
    BigDecimal amount = BigDecimal.ZERO;
    for (Discount d : discounts.getOrDefault(item.source() + "\u0000" + item.subscriptionId(), List.of())) {
      if (!d.inForceAt(end)) {
        continue;
      }
      if (d.percentOff() != null) {
        percent = percent.add(d.percentOff());
      } else {
        if (d.currency() != null && !d.currency().equalsIgnoreCase(item.currency())) {
          throw new IllegalStateException("subscription " + item.subscriptionId() + " of " + item.source()
              + " bills in " + item.currency() + " but its discount takes off " + d.currency());
        }
        amount = amount.add(perMonth(d.amountOff(), item.interval(), item.intervalCount(), item.subscriptionId()));
      }
    }
    BigDecimal net = gross.multiply(BigDecimal.ONE.subtract(percent.movePointLeft(2))).subtract(amount);
    return net.signum() < 0 ? BigDecimal.ZERO : net;
  }

  /**
   * Every customer's months from {@code first} to {@code last}, from the customer's first month with MRR
   * on (months before it have none), with the rate of each month's first day.
   *
   * @param rate the reporting-currency units per unit of a currency on a day; never null (the caller fails
   *     when it has none)
   */
  List<CustomerMonth> months(LocalDate first, LocalDate last, BiFunction<String, LocalDate, BigDecimal> rate) {
    List<CustomerMonth> rows = new ArrayList<>();
    if (first == null) {
      return rows;
    }
    Map<List<String>, Map<String, BigDecimal>> before = Map.of();
    Map<List<String>, LocalDate> cohort = new TreeMap<>(RecurringRevenue::compareKeys);
    Map<List<String>, Map<String, BigDecimal>> cohortMrr = new TreeMap<>(RecurringRevenue::compareKeys);
    for (LocalDate month = first; !month.isAfter(last); month = month.plusMonths(1)) {
      LocalDate m = month;
      Map<List<String>, Map<String, BigDecimal>> now = mrrAt(month.plusMonths(1).atTime(LocalTime.MIDNIGHT));
      for (List<String> customer : now.keySet()) {
        if (!cohort.containsKey(customer) && now.get(customer).values().stream().anyMatch(v -> v.signum() > 0)) {
          cohort.put(customer, month);
          cohortMrr.put(customer, now.get(customer));
        }
      }
      for (Map.Entry<List<String>, LocalDate> c : cohort.entrySet()) {
        List<String> customer = c.getKey();
        BigDecimal start = converted(before.get(customer), m, rate);
        BigDecimal end = converted(now.get(customer), m, rate);
        boolean earlier = c.getValue().isBefore(m);
        BigDecimal zero = BigDecimal.ZERO.setScale(SCALE);
        BigDecimal newMrr = zero;
        BigDecimal reactivated = zero;
        BigDecimal expansion = zero;
        BigDecimal contraction = zero;
        BigDecimal churned = zero;
        if (start.signum() == 0 && end.signum() > 0) {
          if (earlier) {
            reactivated = end;
          } else {
            newMrr = end;
          }
        } else if (start.signum() > 0 && end.signum() == 0) {
          churned = start;
        } else if (end.compareTo(start) > 0) {
          expansion = end.subtract(start);
        } else {
          contraction = start.subtract(end);
        }
        rows.add(new CustomerMonth(m, customer.get(0), customer.get(1), c.getValue(), start, end, newMrr, expansion,
            contraction, churned, reactivated, converted(cohortMrr.get(customer), m, rate)));
      }
      before = now;
    }
    return rows;
  }

  private static BigDecimal converted(Map<String, BigDecimal> byCurrency, LocalDate month,
      BiFunction<String, LocalDate, BigDecimal> rate) {
    BigDecimal sum = BigDecimal.ZERO.setScale(SCALE);
    if (byCurrency != null) {
      for (Map.Entry<String, BigDecimal> e : byCurrency.entrySet()) {
        sum = sum.add(e.getValue().multiply(rate.apply(e.getKey(), month)).setScale(SCALE, RoundingMode.HALF_EVEN));
      }
    }
    return sum;
  }

  /** An amount per interval as an amount per month, unrounded (twelve decimals). */
  static BigDecimal perMonth(BigDecimal amount, String interval, long intervalCount, String subscriptionId) {
    return amount.multiply(BigDecimal.valueOf(perYear(interval, subscriptionId)))
        .divide(BigDecimal.valueOf(12L * intervalCount), EXACT, RoundingMode.HALF_EVEN);
  }

  private static int perYear(String interval, String subscriptionId) {
    return switch (interval) {
      case "day" -> 365;
      case "week" -> 52;
      case "month" -> 12;
      case "year" -> 1;
      default -> throw new IllegalArgumentException("subscription " + subscriptionId + " bills every '" + interval
          + "', not a day, week, month or year");
    };
  }

  private static int compareKeys(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}
