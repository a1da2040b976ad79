package org.marketingsql.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What every API source asks of its configuration: a secret it needs, a date setting. */
class SourceConfigTest {
  private static final SourceType API = new SourceType("some-api", null, true, 0, false, List.of());

  private static SourceConfig source(Map<String, Secret> secrets, Map<String, Object> settings) {
    return new SourceConfig("gads", API, null, null, null, null, null, secrets, null, null, false,
        settings);
  }

  @Test
  void aNeededSecretIsGivenAndAMissingOneIsNamedWithItsSource() {
    Secret token = Secret.of("env:GADS_TOKEN", "t0k3n");
    assertSame(token, source(Map.of("developerToken", token), Map.of()).secret("developerToken"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> source(Map.of(), Map.of()).secret("refreshToken"));
    assertEquals("source gads needs refreshToken", e.getMessage());
  }

  @Test
  void aDateSettingIsADateOrNullAndAnythingElseIsNamedWithItsKey() {
    assertEquals(LocalDate.of(2025, 1, 1), source(Map.of(), Map.of("startDate", " 2025-01-01 ")).dateSetting("startDate"));
    assertNull(source(Map.of(), Map.of("startDate", " ")).dateSetting("startDate"));
    assertNull(source(Map.of(), Map.of()).dateSetting("startDate"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> source(Map.of(), Map.of("startDate", "01/02/2025")).dateSetting("startDate"));
    assertEquals("source gads: startDate '01/02/2025' is not a date such as 2025-01-01", e.getMessage());
  }
}
