package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a {@code jdbc:marketing:} URL stands for, before Calcite sees it. */
class ConnectionTargetTest {
  @Test
  void theDemosBillingTermsInTheOperandAreTheOnesItsModelJsonSpellsOut() throws Exception {
    Map<?, ?> fromJson = new ObjectMapper().readValue("{" + ConnectionTarget.DEMO_BILLING.substring(1) + "}", Map.class);
    assertEquals(fromJson.get("billing"), ConnectionTarget.DEMO_BILLING_TERMS);
  }

  @Test
  void aQuickStartFoldersOperandNamesTheFolderAndAStoreInTheCache(@TempDir Path temp) throws Exception {
    Path folder = Files.createDirectories(temp.resolve("exports"));
    Map<String, Object> operand = ConnectionTarget.parse("csv=" + folder).operand();
    assertEquals(List.of(Map.of("name", "exports", "type", "csv-folder", "path", folder.toString())), operand.get("sources"));
    assertEquals("USD", operand.get("reportingCurrency"));
    assertEquals(1, operand.get("fiscalYearStartMonth"));
    String store = operand.get("store").toString();
    assertEquals(true, store.startsWith("jdbc:duckdb:") && store.endsWith("store.duckdb") && !store.contains(folder.toString()),
        store);
  }

  @Test
  void aConfigurationFileIsLeftToCalcitesModelReader(@TempDir Path temp) throws Exception {
    Path model = Files.writeString(temp.resolve("marketing.yaml"), "version: \"1.0\"\n");
    ConnectionTarget target = ConnectionTarget.parse("model=" + model);
    assertNull(target.operand());
    assertEquals(model.toAbsolutePath().toString(), target.properties(null).getProperty("model"));
  }
}
