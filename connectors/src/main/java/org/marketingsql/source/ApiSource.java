package org.marketingsql.source;

import java.util.List;

/** One configured API source, ready to sync: its tables, and a cheap call that proves credentials and reach. */
public interface ApiSource {
  /** The tables this source syncs, each with the fetcher that reads it. */
  List<ApiTable> tables();

  /** One cheap authenticated call (a token refresh, a page of one row) for {@code check}; changes nothing. */
  void probe();
}
