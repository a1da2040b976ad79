package org.marketingsql.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
  void fxRatesNamingAFileThatIsNotThereIsRefusedNamingTheKeyAndTheFile() {
    ConfigException e = assertThrows(ConfigException.class, () -> read(Map.of("fxRates", "no-such-rates.csv")));
    assertEquals(List.of("fxRates"), e.problems().stream().map(ConfigProblem::path).toList());
    assertTrue(e.problems().get(0).toString().contains("no-such-rates.csv' does not exist"), e.problems().toString());
  }

  @Test
  void fxRatesNamesAFileResolvedAgainstTheConfigurationsFolder(@org.junit.jupiter.api.io.TempDir Path dir)
      throws java.io.IOException {
    java.nio.file.Files.writeString(dir.resolve("fx.csv"), "date,currency,rate_to_reporting\n2026-01-02,EUR,1.1\n");
    MarketingConfig config = new ConfigReader(name -> null).read(Map.of("fxRates", "fx.csv"), dir, "jdbc:duckdb:");
    assertEquals(FxRatesSetting.ofFile(dir.resolve("fx.csv")), config.fxRates());
  }

  @Test
  void fxRatesNamesATableAsSchemaDotTable() {
    assertEquals(FxRatesSetting.ofTable("finance", "fx_rates"), read(Map.of("fxRates", "finance.fx_rates")).fxRates());
    assertEquals(null, read(Map.of()).fxRates());
  }

  @Test
  void aSourceWithoutATypeIsAProblemNotACrash() {
    assertEquals(List.of("sources[0].type: is required"), sourceProblems(Map.of("name", "exports")));
  }

  private static final String PASSWORD = "pg-Secret-4711";
  private final ConfigReader withPassword = new ConfigReader(name -> name.equals("MARKETING_PG_PASSWORD") ? PASSWORD : null);

  private MarketingConfig readStore(Object store) {
    return withPassword.read(Map.of("store", store), Path.of("."), "jdbc:duckdb:");
  }

  private List<String> storeProblems(Object store) {
    ConfigException e = assertThrows(ConfigException.class, () -> readStore(store));
    List<String> problems = e.problems().stream().map(ConfigProblem::toString).toList();
    assertFalse(problems.toString().contains(PASSWORD) || e.getMessage().contains(PASSWORD), problems.toString());
    return problems;
  }

  @Test
  void aPostgresqlStoreIsAnObjectWithUrlUserAndThePasswordByReference() {
    MarketingConfig config = readStore(Map.of("url", "jdbc:postgresql://db.internal:5432/marketing", "user", "marketing",
        "password", "${env:MARKETING_PG_PASSWORD}"));
    assertEquals("jdbc:postgresql://db.internal:5432/marketing", config.store());
    assertEquals("marketing", config.storeLogin().user());
    assertEquals(PASSWORD, config.storeLogin().password().reveal());
    assertEquals("${env:MARKETING_PG_PASSWORD}", config.storeLogin().password().reference());
  }

  @Test
  void theConfigurationNeverShowsTheStoresPasswordWhenPrinted() {
    MarketingConfig config = readStore(Map.of("url", "jdbc:postgresql://db/marketing", "user", "marketing",
        "password", "${env:MARKETING_PG_PASSWORD}"));
    assertFalse(config.toString().contains(PASSWORD), config.toString());
    assertTrue(config.toString().contains("${env:MARKETING_PG_PASSWORD}"), config.toString());
  }

  @Test
  void aPlainStringStaysADuckDbStoreWithoutALogin() {
    MarketingConfig config = readStore("jdbc:duckdb:/var/lib/marketing-sql/store.duckdb");
    assertEquals("jdbc:duckdb:/var/lib/marketing-sql/store.duckdb", config.store());
    assertNull(config.storeLogin());
    assertNull(read(Map.of()).storeLogin());
    assertEquals("jdbc:duckdb:", read(Map.of()).store());
  }

  @Test
  void aPasswordWrittenIntoTheStoreIsRefusedWithoutRepeatingIt() {
    List<String> problems = storeProblems(Map.of("url", "jdbc:postgresql://db/marketing", "user", "marketing",
        "password", PASSWORD));
    assertEquals(List.of("store.password: credentials must not be written into the configuration; reference them as"
        + " ${env:VARIABLE_NAME} or ${file:/run/secrets/name}"), problems);
  }

  @Test
  void aPasswordInTheStoresUrlIsRefusedWithoutRepeatingIt() {
    List<String> problems = storeProblems(Map.of("url", "jdbc:postgresql://db/marketing?user=m&password=" + PASSWORD,
        "user", "marketing"));
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("store.url: must not hold the password"), problems.toString());
  }

  @Test
  void anUnsetPasswordVariableIsNamed() {
    assertEquals(List.of("store.password: environment variable NOT_SET is not set"), storeProblems(Map.of(
        "url", "jdbc:postgresql://db/marketing", "user", "marketing", "password", "${env:NOT_SET}")));
  }

  @Test
  void theStoreObjectNeedsAPostgresqlUrlAndAUserAndKnowsItsKeys() {
    List<String> problems = storeProblems(Map.of("url", "jdbc:duckdb:/tmp/store.duckdb", "schema", "marketing"));
    assertEquals(3, problems.size(), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("store.schema: unknown key; known keys are [password, pool,"
        + " url, user]")), problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("store.url: the object form is for a PostgreSQL store")),
        problems.toString());
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("store.user: is required")), problems.toString());
    assertTrue(storeProblems(Map.of("user", "marketing")).get(0).startsWith("store.url: is required"));
  }

  @Test
  void theStoresPoolSetsItsReadSessionsAndIsUnsetByDefault() {
    assertEquals(32, readStore(Map.of("url", "jdbc:postgresql://db/marketing", "user", "marketing", "pool", 32))
        .storeLogin().pool());
    assertNull(readStore(Map.of("url", "jdbc:postgresql://db/marketing", "user", "marketing")).storeLogin().pool());
  }

  @Test
  void aPoolThatIsNoWholeNumberOfSessionsIsNamedWithWhatWasFound() {
    for (Object wrong : List.of(0, -4, "many", 2.5, 1001)) {
      assertEquals(List.of("store.pool: must be a whole number of read sessions from 1 to 1000, such as 16, found '"
          + wrong + "'"), storeProblems(Map.of("url", "jdbc:postgresql://db/marketing", "user", "marketing",
          "pool", wrong)));
    }
  }

  @Test
  void aPostgresqlUrlAsAPlainStringIsToldToUseTheObjectForm() {
    List<String> problems = storeProblems("jdbc:postgresql://db/marketing");
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).startsWith("store: a PostgreSQL store is written as an object"), problems.toString());
  }
}
