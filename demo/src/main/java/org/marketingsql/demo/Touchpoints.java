package org.marketingsql.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Marketing touches before the orders, for the attribution models: a new customer saw zero to two
 * other channels in the two weeks before the first order and the acquiring channel on its day; a
 * returning customer is often nudged by email and sometimes by the acquiring channel again. So
 * first-touch and last-touch attribution disagree, as they do in real data.
 */
final class Touchpoints {
  static final String FILE = "touchpoints.csv";
  static final String HEADER = "customer_id,touched_at,channel,campaign_id";
  private static final int EMAIL = Orders.CHANNELS.indexOf("email");

  private record Touch(int customer, int day, int second, int channel) {}

  private Touchpoints() {}

  static void write(Path file, List<Orders.Purchase> purchases, DemoRandom random) throws IOException {
    List<Touch> touches = new ArrayList<>();
    for (Orders.Purchase p : purchases) {
      if (p.sequence() == 0) {
        int others = random.below(3);
        for (int i = 0; i < others; i++) {
          int day = p.day() - 1 - random.below(14);
          if (day >= 0) {
            touches.add(new Touch(p.customer(), day, random.below(86_400), random.below(Orders.CHANNELS.size())));
          }
        }
        touches.add(new Touch(p.customer(), p.day(), random.below(43_200), p.channel()));
      } else {
        if (random.chance(0.5)) {
          int day = Math.max(0, p.day() - random.below(4));
          touches.add(new Touch(p.customer(), day, random.below(43_200), EMAIL));
        }
        if (random.chance(0.3)) {
          touches.add(new Touch(p.customer(), p.day(), random.below(43_200), p.channel()));
        }
      }
    }
    touches.sort(Comparator.comparingInt(Touch::day).thenComparingInt(Touch::second)
        .thenComparingInt(Touch::customer).thenComparingInt(Touch::channel));
    try (BufferedWriter out = Csv.open(file)) {
      out.write(HEADER);
      out.write('\n');
      StringBuilder line = new StringBuilder(64);
      for (Touch t : touches) {
        String channel = Orders.CHANNELS.get(t.channel());
        line.setLength(0);
        line.append(Orders.customerId(t.customer())).append(',').append(AdSpend.day(t.day())).append(' ');
        two(line, t.second() / 3600).append(':');
        two(line, t.second() / 60 % 60).append(':');
        two(line, t.second() % 60).append(',').append(channel).append(',').append(campaign(channel)).append('\n');
        out.append(line);
      }
    }
  }

  /** One campaign per channel is enough to attribute by channel; ids look like the platforms'. */
  private static String campaign(String channel) {
    return channel.replace("_ads", "") + "-always-on";
  }

  private static StringBuilder two(StringBuilder out, int value) {
    return out.append(value < 10 ? "0" : "").append(value);
  }
}
