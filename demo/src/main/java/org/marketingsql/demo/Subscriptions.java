package org.marketingsql.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The software side of the demo company sold as subscriptions: one customer in four subscribes on the
 * day of their first order to Starter (29 USD a month), Team (99 USD a month per seat, one to five
 * seats) or Business (990 USD a year). Each month a subscriber leaves with a small chance; a quarter of
 * those come back one to six months later on a new subscription; some Starter subscribers add two
 * extra seats (10 USD each a month) months after they started. All in USD, so the demo's MRR needs no
 * FX beyond what it already has.
 */
final class Subscriptions {
  static final String FILE = "subscription_items.csv";
  static final String HEADER = "id,subscription_id,customer_id,status,currency,unit_amount,recurring_interval,"
      + "interval_count,quantity,created,start_date,trial_end,ended_at";
  private static final double MONTHLY_CHURN = 0.04;
  private static final double COME_BACK = 0.25;
  private static final double ADD_SEATS = 0.15;

  private record Item(String id, String subscription, String customer, boolean ended, long cents, String interval,
      int quantity, LocalDate created, LocalDate start, LocalDate end) {}

  private Subscriptions() {}

  static void write(Path file, List<Orders.Purchase> purchases, DemoRandom random) throws IOException {
    List<Item> items = new ArrayList<>();
    int subscriptions = 0;
    for (Orders.Purchase p : purchases) {
      if (p.sequence() != 0 || p.customer() % 4 != 1) {
        continue;
      }
      String customer = Orders.customerId(p.customer());
      LocalDate start = AdSpend.day(p.day());
      while (start != null && !start.isAfter(DemoCompany.LAST_DAY)) {
        String subscription = "sub_" + (++subscriptions);
        int plan = random.below(20);
        LocalDate end = null;
        for (LocalDate month = start.plusMonths(1); !month.isAfter(DemoCompany.LAST_DAY); month = month.plusMonths(1)) {
          if (random.chance(MONTHLY_CHURN)) {
            end = month;
            break;
          }
        }
        if (plan < 10) {
          items.add(new Item("si_" + subscription + "_1", subscription, customer, end != null, 2900, "month", 1, start,
              start, end));
          if (random.chance(ADD_SEATS)) {
            LocalDate added = start.plusMonths(1 + random.below(9));
            if (!added.isAfter(DemoCompany.LAST_DAY) && (end == null || added.isBefore(end))) {
              items.add(new Item("si_" + subscription + "_2", subscription, customer, end != null, 1000, "month", 2,
                  added, start, end));
            }
          }
        } else if (plan < 17) {
          items.add(new Item("si_" + subscription + "_1", subscription, customer, end != null, 9900, "month",
              1 + random.below(5), start, start, end));
        } else {
          items.add(new Item("si_" + subscription + "_1", subscription, customer, end != null, 99000, "year", 1, start,
              start, end));
        }
        start = end != null && random.chance(COME_BACK) ? end.plusMonths(1 + random.below(6)) : null;
      }
    }
    try (BufferedWriter out = Csv.open(file)) {
      out.write(HEADER);
      out.write('\n');
      StringBuilder line = new StringBuilder(160);
      for (Item i : items) {
        line.setLength(0);
        line.append(i.id()).append(',').append(i.subscription()).append(',').append(i.customer()).append(',')
            .append(i.ended() ? "canceled" : "active").append(",USD,");
        Csv.decimal(line, i.cents(), 2).append(',').append(i.interval()).append(",1,").append(i.quantity()).append(',')
            .append(i.created()).append(" 10:00:00,").append(i.start()).append(" 10:00:00,,");
        if (i.end() != null) {
          line.append(i.end()).append(" 10:00:00");
        }
        out.append(line.append('\n'));
      }
    }
  }
}
