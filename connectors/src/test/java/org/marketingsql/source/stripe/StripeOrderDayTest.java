package org.marketingsql.source.stripe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** A charge's order day is the day it was created in the reporting time zone. */
class StripeOrderDayTest {
  /** Created 2025-11-21 03:30 UTC: still the 20th in New York, already the 21st in Berlin. */
  private static final String CHARGE = """
      {"id": "ch_3PaB9", "object": "charge", "amount": 4200, "amount_refunded": 0, "currency": "usd",
       "status": "succeeded", "created": 1763695800, "metadata": {}}""";

  private static LocalDate orderDay(ZoneId zone) throws Exception {
    JsonNode charge = new ObjectMapper().readTree(CHARGE);
    var table = StripeTables.charges(StripeTables.MetadataKeys.DEFAULT, zone);
    int column = table.columns().stream().map(c -> c.name()).toList().indexOf("order_date");
    return (LocalDate) table.row(charge)[column];
  }

  @Test
  void aChargeCreatedShortlyAfterMidnightUtcIsAnOrderOfThePreviousDayInNewYork() throws Exception {
    assertEquals(LocalDate.of(2025, 11, 21), orderDay(ZoneOffset.UTC));
    assertEquals(LocalDate.of(2025, 11, 20), orderDay(ZoneId.of("America/New_York")));
    assertEquals(LocalDate.of(2025, 11, 21), orderDay(ZoneId.of("Europe/Berlin")));
  }
}
