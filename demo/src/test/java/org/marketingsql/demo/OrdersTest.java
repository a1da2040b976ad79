package org.marketingsql.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.marketingsql.testing.Fixtures;
import org.marketingsql.testing.Sql;

/** The demo orders follow the BG/NBD story; finance.ltv_model should find it again. */
class OrdersTest {
  @TempDir
  Path temp;

  @Test
  void ltvModelFitsTheDemoOrdersWithoutNaN() throws Exception {
    Path folder = SharedDemo.exports();
    // the shared store, refreshed for these LTV settings: the fit runs again in weeks on the same exports
    String model = Fixtures.model(folder, SharedDemo.storeCopy(temp), "\"ltv\": {\"timeUnit\": \"week\"}");
    Map<String, Double> p = new HashMap<>();
    try (Connection c = Sql.calcite(model).connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT model_name, param_name, param_value FROM finance.ltv_model")) {
      while (rs.next()) {
        p.put(rs.getString(1) + "." + rs.getString(2), rs.getDouble(3));
      }
    }
    assertEquals(11, p.size());
    // Dropout p ~ Beta(1, 3.5) in the generator, which also lets customers drop out after their first
    // order (BG/NBD does not), so b comes out larger; a and b stay in the generator's neighbourhood.
    assertTrue(p.get("bg_nbd.a") > 0.5 && p.get("bg_nbd.a") < 2, "a = " + p.get("bg_nbd.a"));
    assertTrue(p.get("bg_nbd.b") > 1.75 && p.get("bg_nbd.b") < 7, "b = " + p.get("bg_nbd.b"));
    Sql.calcite(model).query("SELECT COUNT(*) AS bad FROM finance.customer_ltv WHERE NOT (p_alive BETWEEN 0 AND 1)"
        + " OR predicted_ltv_12m_rc < 0 OR predicted_ltv_12m_rc IS NULL").returns("bad=0");
  }
}
