package org.marketingsql.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.marketingsql.store.ApiTableSync;

class SyncBarsTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

  /** What the bars drew: each carriage-return-separated frame, trimmed, without empty ones. */
  private List<String> frames() {
    return Arrays.stream(bytes.toString(StandardCharsets.UTF_8).split("[\r\n]+")).map(String::strip)
        .filter(f -> !f.isEmpty()).toList();
  }

  @Test
  void eachTableEndsWithABarNamingItsRowsPagesAndRate() {
    SyncBars bars = SyncBars.onStream(stream, 120);
    bars.page("stripe", "charges", 1, 100);
    bars.page("stripe", "charges", 2, 150);
    bars.done(new ApiTableSync.Outcome("stripe", "charges", 150, 2, 180, null));
    bars.page("crm", "deals", 1, 3);
    bars.done(new ApiTableSync.Outcome("crm", "deals", 3, 1, 3, null));
    List<String> frames = frames();
    String charges = frames.stream().filter(f -> f.startsWith("stripe.charges")).reduce((a, b) -> b).orElseThrow();
    assertTrue(charges.matches("stripe\\.charges .* 150/\\? rows .* rows/s 2 pages, 180 in the table"), charges);
    String deals = frames.stream().filter(f -> f.startsWith("crm.deals")).reduce((a, b) -> b).orElseThrow();
    assertTrue(deals.matches("crm\\.deals .* 3/\\? rows .* rows/s 1 page, 3 in the table"), deals);
    assertTrue(frames.indexOf(charges) < frames.indexOf(deals), "one bar after the other: " + frames);
  }

  @Test
  void aFailedTableKeepsItsBarAndSaysWhyOnALineOfItsOwn() {
    SyncBars bars = SyncBars.onStream(stream, 120);
    bars.done(new ApiTableSync.Outcome("crm", "contacts", 0, 0, 2, "reading crm.contacts failed: HTTP 500"));
    List<String> frames = frames();
    assertTrue(frames.size() >= 2, frames.toString());
    assertTrue(frames.stream().anyMatch(f -> f.matches("crm\\.contacts .* 0/\\? rows .* FAILED")), frames.toString());
    assertEquals("crm.contacts: FAILED: reading crm.contacts failed: HTTP 500", frames.get(frames.size() - 1));
  }

  @Test
  void aBarNeedsRoomToBeDrawn() {
    assertThrows(IllegalArgumentException.class, () -> SyncBars.onStream(stream, 5));
  }
}
