package org.marketingsql.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.marketingsql.testing.Sql;

/** The demo's NPS survey, read back by hand and through finance.nps. */
class NpsSurveyTest {
  static Path folder;
  static List<String> rows;

  @BeforeAll
  static void generate() throws Exception {
    folder = SharedDemo.exports();
    List<String> lines = Files.readAllLines(folder.resolve("nps_survey.csv"), StandardCharsets.UTF_8);
    assertEquals("date,customer_id,segment,How likely are you to recommend us to a friend or colleague?", lines.get(0));
    rows = lines.subList(1, lines.size());
  }

  @Test
  void answersAreScoresZeroToTenOrNaFromCustomersWhoOrdered() throws Exception {
    Set<String> customers = new HashSet<>();
    for (String line : Files.readAllLines(folder.resolve("orders.csv"), StandardCharsets.UTF_8)) {
      customers.add(line.split(",")[1]);
    }
    assertTrue(rows.size() > 1000, rows.size() + " answers");
    for (String row : rows) {
      String[] f = row.split(",");
      assertTrue(customers.contains(f[1]), row);
      assertTrue(f[3].equals("NA") || Integer.parseInt(f[3]) >= 0 && Integer.parseInt(f[3]) <= 10, row);
    }
  }

  @Test
  void financeNpsCountsTheSameAnswersAsTheFile() throws Exception {
    long answered = rows.stream().filter(r -> !r.endsWith(",NA")).count();
    long promoters = rows.stream().filter(r -> r.endsWith(",9") || r.endsWith(",10")).count();
    long detractors = rows.stream().map(r -> r.substring(r.lastIndexOf(',') + 1)).filter(s -> !s.equals("NA"))
        .filter(s -> Integer.parseInt(s) <= 6).count();
    String model = SharedDemo.model();
    Sql.calcite(model).query("SELECT SUM(responses) AS responses, SUM(promoters) AS promoters,"
        + " SUM(detractors) AS detractors, COUNT(DISTINCT segment) AS segments, MIN(month_start) AS first_month"
        + " FROM finance.nps").returns("responses=" + answered + "; promoters=" + promoters + "; detractors="
        + detractors + "; segments=3; first_month=2024-01-01");
  }
}
