package org.marketingsql.source.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The pages of one list endpoint, fetched lazily: the next page is requested only when
 * {@link #hasNext()} is asked after the previous one was consumed (stripe-java's auto-paging).
 */
public final class Pages implements Iterator<JsonNode> {
  private final Function<Optional<String>, JsonNode> fetch;
  private final Function<JsonNode, Optional<String>> nextCursor;
  private JsonNode pending;
  private Optional<String> cursor = Optional.empty();
  private boolean started;
  private boolean done;

  /**
   * @param fetch fetches the page after a cursor (empty: the first page)
   * @param nextCursor the cursor of the page after this one, or empty on the last page
   */
  public Pages(Function<Optional<String>, JsonNode> fetch, Function<JsonNode, Optional<String>> nextCursor) {
    this.fetch = Objects.requireNonNull(fetch, "fetch");
    this.nextCursor = Objects.requireNonNull(nextCursor, "nextCursor");
  }

  @Override
  public boolean hasNext() {
    if (pending == null && !done) {
      if (started && cursor.isEmpty()) {
        done = true;
      } else {
        started = true;
        pending = fetch.apply(cursor);
        cursor = nextCursor.apply(pending);
      }
    }
    return pending != null;
  }

  @Override
  public JsonNode next() {
    if (!hasNext()) {
      throw new NoSuchElementException("no more pages");
    }
    JsonNode page = pending;
    pending = null;
    return page;
  }
}
