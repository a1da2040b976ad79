package org.marketingsql.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.Sql;

/** The demo's touchpoints, read back, and the attribution models over the whole demo company. */
class TouchpointsTest {
  @TempDir
  static Path temp;
  static Path folder;

  @BeforeAll
  static void generate() throws Exception {
    folder = SharedDemo.exports();
  }

  @Test
  void touchpointsAreByteForByteReproducible() throws Exception {
    Path again = temp.resolve("again");
    DemoCompany.generate(again);
    assertEquals(sha256(folder.resolve("touchpoints.csv")), sha256(again.resolve("touchpoints.csv")));
  }

  @Test
  void everyFirstOrderHasATouchOfItsAcquisitionChannelOnItsDay() throws Exception {
    Map<String, String> firstOrder = new HashMap<>();
    List<String> orders = Files.readAllLines(folder.resolve("orders.csv"), StandardCharsets.UTF_8);
    for (String line : orders.subList(1, orders.size())) {
      String[] f = line.split(",");
      firstOrder.putIfAbsent(f[1], f[2] + "," + f[5]);
    }
    List<String> touches = Files.readAllLines(folder.resolve("touchpoints.csv"), StandardCharsets.UTF_8);
    assertEquals("customer_id,touched_at,channel,campaign_id", touches.get(0));
    Map<String, Boolean> seen = new HashMap<>();
    for (String line : touches.subList(1, touches.size())) {
      String[] f = line.split(",");
      assertTrue(firstOrder.containsKey(f[0]), "touch of an unknown customer: " + line);
      if (firstOrder.get(f[0]).equals(f[1].substring(0, 10) + "," + f[2])) {
        seen.put(f[0], true);
      }
    }
    assertEquals(firstOrder.size(), seen.size(), "customers whose first order has its channel's touch");
  }

  @Test
  void everyAttributionModelCreditsTheDemosWholeRevenue() throws Exception {
    String model = SharedDemo.model();
    Object total = Sql.calcite(model).query("SELECT SUM(amount_rc) FROM finance.orders").scalar();
    for (String call : List.of("'first_touch', NULL", "'last_touch', NULL", "'linear', NULL", "'time_decay', 7",
        "'position_based', NULL")) {
      assertEquals(total, Sql.calcite(model).query("SELECT SUM(revenue_rc) FROM TABLE(ATTRIBUTED_REVENUE(" + call
          + "))").scalar(), call);
    }
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
