package org.marketingsql.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The post-purchase NPS survey: about one order in ten is followed a week later by the question
 * "How likely are you to recommend us to a friend or colleague?", segmented by product line. Some
 * customers open the survey and do not answer (NA). Repeat buyers are happier, so NPS by segment
 * and month moves with the customer mix.
 */
final class NpsSurvey {
  static final String FILE = "nps_survey.csv";
  static final String HEADER = "date,customer_id,segment,How likely are you to recommend us to a friend or colleague?";
  private static final int DELAY_DAYS = 7;

  private record Answer(int day, int customer, int segment, int score) {}

  private NpsSurvey() {}

  static void write(Path file, List<Orders.Purchase> purchases, DemoRandom random) throws IOException {
    List<Answer> answers = new ArrayList<>();
    for (Orders.Purchase p : purchases) {
      if (!random.chance(0.1) || p.day() + DELAY_DAYS >= AdSpend.DAYS) {
        continue;
      }
      int segment = random.below(Orders.PRODUCT_LINES.size());
      int score = random.chance(0.05) ? -1 : score(p.sequence() > 0, random);
      answers.add(new Answer(p.day() + DELAY_DAYS, p.customer(), segment, score));
    }
    answers.sort(Comparator.comparingInt(Answer::day).thenComparingInt(Answer::customer));
    try (BufferedWriter out = Csv.open(file)) {
      out.write(HEADER);
      out.write('\n');
      for (Answer a : answers) {
        out.append(AdSpend.day(a.day()).toString()).append(',').append(Orders.customerId(a.customer())).append(',')
            .append(Orders.PRODUCT_LINES.get(a.segment())).append(',')
            .append(a.score() < 0 ? "NA" : Integer.toString(a.score())).append('\n');
      }
    }
  }

  /** Promoters about half the time, detractors about a sixth (less for repeat buyers). */
  private static int score(boolean repeat, DemoRandom random) {
    double u = random.uniform();
    double detractors = repeat ? 0.10 : 0.18;
    double passives = 0.30;
    if (u < detractors) {
      return random.below(7); // 0..6
    }
    if (u < detractors + passives) {
      return 7 + random.below(2);
    }
    return 9 + random.below(2);
  }
}
