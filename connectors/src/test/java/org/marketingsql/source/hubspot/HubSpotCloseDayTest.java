package org.marketingsql.source.hubspot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** A deal's order day is its close date's day in the reporting time zone. */
class HubSpotCloseDayTest {
  private static HubSpotTables.CrmObject deal(String closedate, ZoneId zone) throws Exception {
    return new HubSpotTables.CrmObject(new ObjectMapper().readTree("{\"id\": \"101\", \"properties\": {"
        + (closedate == null ? "" : "\"closedate\": \"" + closedate + "\"") + "}}"), null, "USD", null, zone);
  }

  @Test
  void aDealClosedLateInTheEveningInLosAngelesIsAnOrderOfThatDayThereAndOfTheNextDayInUtc() throws Exception {
    assertEquals(LocalDate.of(2025, 3, 14), deal("2025-03-15T06:30:00.000Z", ZoneId.of("America/Los_Angeles"))
        .closeDay());
    assertEquals(LocalDate.of(2025, 3, 15), deal("2025-03-15T06:30:00.000Z", ZoneOffset.UTC).closeDay());
    assertNull(deal(null, ZoneOffset.UTC).closeDay());
  }
}
