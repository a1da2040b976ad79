package org.marketingsql.source.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PagesTest {
  @Test
  void fetchesTheNextPageOnlyWhenAskedAndStopsAtTheLast() {
    List<String> fetched = new ArrayList<>();
    Pages pages = new Pages(cursor -> {
      String at = cursor.orElse("first");
      fetched.add(at);
      return JsonNodeFactory.instance.objectNode().put("at", at)
          .put("next", at.equals("first") ? "p2" : at.equals("p2") ? "p3" : "");
    }, page -> page.get("next").asText().isEmpty() ? Optional.empty() : Optional.of(page.get("next").asText()));
    assertTrue(fetched.isEmpty(), "nothing fetched before asked");
    assertEquals("first", pages.next().get("at").asText());
    assertEquals(List.of("first"), fetched);
    assertTrue(pages.hasNext());
    assertEquals(List.of("first", "p2"), fetched);
    JsonNode second = pages.next();
    assertEquals("p2", second.get("at").asText());
    assertEquals("p3", pages.next().get("at").asText());
    assertFalse(pages.hasNext());
    assertThrows(NoSuchElementException.class, pages::next);
    assertEquals(List.of("first", "p2", "p3"), fetched);
  }
}
