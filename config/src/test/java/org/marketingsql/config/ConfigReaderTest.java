package org.marketingsql.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.marketingsql.config.LtvTimeUnit;

/** The operand reader; these tests cover the {@code ltv} key. */
class ConfigReaderTest {
  private final ConfigReader reader = new ConfigReader(name -> null);

  private MarketingConfig read(Map<String, ?> operand) {
    return reader.read(operand, Path.of("."), "jdbc:duckdb:");
  }

  @Test
  void ltvDefaultsToAllDataInWeeksWithoutDiscounting() {
    assertEquals(LtvConfig.DEFAULT, read(Map.of()).ltv());
    assertEquals(new LtvConfig(null, LtvTimeUnit.WEEK, BigDecimal.ZERO), LtvConfig.DEFAULT);
  }

  @Test
  void ltvReadsCalibrationEndTimeUnitAndDiscountRate() {
    LtvConfig ltv = read(Map.of("ltv", Map.of("calibrationEnd", "2025-06-30", "timeUnit", "month",
        "discountRate", 0.1))).ltv();
    assertEquals(new LtvConfig(LocalDate.of(2025, 6, 30), LtvTimeUnit.MONTH, new BigDecimal("0.1")), ltv);
  }

  @Test
  void ltvNamesEveryWrongSettingByItsKeyPath() {
    ConfigException e = assertThrows(ConfigException.class, () -> read(Map.of("ltv", Map.of(
        "calibrationEnd", "30.06.2025", "timeUnit", "fortnight", "discountRate", "1.5", "horizon", 12))));
    List<String> paths = e.problems().stream().map(ConfigProblem::path).sorted().toList();
    assertEquals(List.of("ltv.calibrationEnd", "ltv.discountRate", "ltv.horizon", "ltv.timeUnit"), paths);
  }

  @Test
  void ltvMustBeAMapping() {
    ConfigException e = assertThrows(ConfigException.class, () -> read(Map.of("ltv", "weekly")));
    assertEquals("ltv", e.problems().get(0).path());
  }

  private List<String> sourceProblems(Map<String, ?> source) {
    ConfigException e = assertThrows(ConfigException.class, () -> read(Map.of("sources", List.of(source))));
    return e.problems().stream().map(ConfigProblem::toString).toList();
  }

  @Test
  void theFxRatesKeyIsRefusedSayingWhereAnFxFileGoesInstead() {
    ConfigException e = assertThrows(ConfigException.class, () -> read(Map.of("fxRates", "rates.csv")));
    assertEquals(List.of("fxRates"), e.problems().stream().map(ConfigProblem::path).toList());
    assertTrue(e.problems().get(0).toString().contains("csv-folder"), e.problems().toString());
  }

  @Test
  void aSourceWithoutATypeIsAProblemNotACrash() {
    assertEquals(List.of("sources[0].type: is required"), sourceProblems(Map.of("name", "exports")));
  }
}
