package org.marketingsql.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Customers and their orders. New customers arrive per channel and day: ad channels in proportion
 * to that day's spend (so the cost per acquisition, and hence ROI, differs by channel), the others
 * with general demand. Repeat purchases follow the BG/NBD story: each customer buys at a personal
 * Poisson rate and, after every purchase, becomes inactive with a personal probability.
 */
final class Orders {
  static final List<String> CHANNELS = List.of(Campaign.GOOGLE, Campaign.META, Campaign.LINKEDIN,
      Campaign.MICROSOFT, "organic", "email", "referral");
  /** Expected customers per channel over the two years, in {@link #CHANNELS} order. Google is
   * cheap per customer (clearly profitable), LinkedIn very expensive (clearly unprofitable). */
  private static final double[] CUSTOMERS = {8_000, 4_000, 300, 1_400, 3_700, 1_400, 1_200};
  static final List<String> PRODUCT_LINES = List.of("hardware", "software", "services");
  /** Primary product line mix per channel, in {@link #PRODUCT_LINES} order. */
  private static final double[][] LINE_MIX = {
      {0.50, 0.35, 0.15}, {0.55, 0.35, 0.10}, {0.10, 0.30, 0.60}, {0.50, 0.35, 0.15},
      {0.40, 0.40, 0.20}, {0.35, 0.45, 0.20}, {0.35, 0.35, 0.30}};
  /** Median order value per product line in USD. */
  private static final double[] MEDIAN_USD = {220, 110, 520};
  private static final double EUR_CUSTOMER_SHARE = 0.30;
  /** Shape and scale (per day) of the Gamma-distributed purchase rates. */
  private static final double RATE_SHAPE = 0.9;
  private static final double RATE_SCALE = 0.02;
  /** Beta parameters of the dropout probability. */
  private static final double DROPOUT_A = 1.0;
  private static final double DROPOUT_B = 3.5;

  /** One order, with the day as index from {@link DemoCompany#FIRST_DAY}. */
  private record Order(int day, int customer, int sequence, long cents, int productLine) {
    Order {
      if (day < 0 || day >= AdSpend.DAYS || cents <= 0) {
        throw new IllegalArgumentException("order outside the data range or free");
      }
    }
  }

  /** A customer's fixed traits. */
  private record Customer(int channel, String currency, int firstDay) {}

  private final List<Customer> customers = new ArrayList<>();
  private final List<Order> orders = new ArrayList<>();
  private final FxRates fx;

  private Orders(FxRates fx) {
    this.fx = fx;
  }

  static Orders simulate(double[][] platformSpendUsd, FxRates fx, DemoRandom random) {
    Orders book = new Orders(fx);
    double[][] expected = new double[CHANNELS.size()][AdSpend.DAYS];
    for (int ch = 0; ch < CHANNELS.size(); ch++) {
      double total = 0;
      for (int d = 0; d < AdSpend.DAYS; d++) {
        expected[ch][d] = ch < platformSpendUsd.length
            ? platformSpendUsd[ch][d] : DemoCalendar.demand(AdSpend.day(d));
        total += expected[ch][d];
      }
      for (int d = 0; d < AdSpend.DAYS; d++) {
        expected[ch][d] *= CUSTOMERS[ch] / total;
      }
    }
    for (int d = 0; d < AdSpend.DAYS; d++) {
      for (int ch = 0; ch < CHANNELS.size(); ch++) {
        int arrivals = random.poisson(expected[ch][d]);
        for (int i = 0; i < arrivals; i++) {
          book.acquire(ch, d, random);
        }
      }
    }
    // files list orders by date like a shop export; ties keep customer and purchase order
    book.orders.sort(Comparator.comparingInt(Order::day).thenComparingInt(Order::customer)
        .thenComparingInt(Order::sequence));
    return book;
  }

  private void acquire(int channel, int firstDay, DemoRandom random) {
    int id = customers.size();
    String currency = random.chance(EUR_CUSTOMER_SHARE) ? FxRates.EUR : DemoCompany.REPORTING_CURRENCY;
    customers.add(new Customer(channel, currency, firstDay));
    int primary = pick(LINE_MIX[channel], random);
    double spendLevel = random.noise(0.3); // some customers simply buy bigger baskets
    double rate = random.gamma(RATE_SHAPE) * RATE_SCALE;
    double dropout = random.beta(DROPOUT_A, DROPOUT_B);
    double t = firstDay;
    for (int sequence = 0; ; sequence++) {
      int line = random.chance(0.75) ? primary : random.below(PRODUCT_LINES.size());
      double usd = MEDIAN_USD[line] * spendLevel * random.noise(0.35);
      double amount = currency.equals(FxRates.EUR) ? usd * 0.93 : usd; // EUR price list
      orders.add(new Order((int) t, id, sequence, Math.max(100, Math.round(amount * 100)), line));
      if (random.chance(dropout)) {
        break;
      }
      t += random.exponential(rate);
      if (t >= AdSpend.DAYS) {
        break;
      }
    }
  }

  private static int pick(double[] weights, DemoRandom random) {
    double u = random.uniform();
    for (int i = 0; i < weights.length - 1; i++) {
      u -= weights[i];
      if (u < 0) {
        return i;
      }
    }
    return weights.length - 1;
  }

  /** One order as the touchpoint and survey generators see it: customer index, channel index, day index. */
  record Purchase(int customer, int channel, int day, int sequence) {}

  /** Every order in file order, for generators that follow the customers' journeys. */
  List<Purchase> purchases() {
    List<Purchase> result = new ArrayList<>(orders.size());
    for (Order order : orders) {
      result.add(new Purchase(order.customer(), customers.get(order.customer()).channel(), order.day(), order.sequence()));
    }
    return result;
  }

  /** The customer id as orders.csv writes it. */
  static String customerId(int customer) {
    return padded(new StringBuilder("C-"), customer + 1, 5).toString();
  }

  /** Real orders per ad platform and day (input to the platforms' claims). */
  double[][] platformOrders() {
    double[][] counts = new double[Campaign.PLATFORMS.size()][AdSpend.DAYS];
    for (Order order : orders) {
      int channel = customers.get(order.customer()).channel();
      if (channel < counts.length) {
        counts[channel][order.day()] += 1;
      }
    }
    return counts;
  }

  /** Real revenue in USD per ad platform and day (input to the platforms' claims). */
  double[][] platformRevenueUsd() {
    double[][] revenue = new double[Campaign.PLATFORMS.size()][AdSpend.DAYS];
    for (Order order : orders) {
      Customer customer = customers.get(order.customer());
      if (customer.channel() < revenue.length) {
        double rate = customer.currency().equals(FxRates.EUR) ? fx.usdPerEur(AdSpend.day(order.day())) : 1;
        revenue[customer.channel()][order.day()] += order.cents() / 100.0 * rate;
      }
    }
    return revenue;
  }

  void write(Path file, Utms utms, LedgerBuilder ledger) throws IOException {
    for (Customer customer : customers) {
      ledger.newCustomer(CHANNELS.get(customer.channel()), AdSpend.day(customer.firstDay()));
    }
    try (BufferedWriter out = Csv.open(file)) {
      out.write(Csv.ORDERS_HEADER);
      out.write('\n');
      StringBuilder line = new StringBuilder(96);
      int number = 0;
      for (Order order : orders) {
        Customer customer = customers.get(order.customer());
        LocalDate date = AdSpend.day(order.day());
        String channel = CHANNELS.get(customer.channel());
        line.setLength(0);
        padded(line.append("O-"), ++number, 6).append(',');
        padded(line.append("C-"), order.customer() + 1, 5).append(',');
        line.append(date).append(',');
        Utms.Utm utm = utms.of(channel, date, order.sequence());
        Csv.decimal(line, order.cents(), 2).append(',').append(customer.currency()).append(',')
            .append(channel).append(',').append(PRODUCT_LINES.get(order.productLine())).append(',')
            .append(utm.source()).append(',').append(utm.medium()).append(',').append(utm.campaign()).append('\n');
        out.append(line);
        ledger.order(channel, date, fx.toReporting(order.cents(), customer.currency(), date));
      }
    }
  }

  private static StringBuilder padded(StringBuilder out, int value, int width) {
    String digits = Integer.toString(value);
    for (int i = digits.length(); i < width; i++) {
      out.append('0');
    }
    return out.append(digits);
  }
}
