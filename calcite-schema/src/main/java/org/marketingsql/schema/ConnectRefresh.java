package org.marketingsql.schema;

import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * What connecting does when the snapshot is behind its sources: the connection property (or URL
 * setting) {@code refresh}. The driver sets it around the connect, on the connecting thread, which is
 * where Calcite assembles the schema.
 */
public enum ConnectRefresh {
  /** The default: answer at once from the last snapshot, and refresh in the background. */
  BACKGROUND,
  /** {@code refresh=wait}: refresh first, and answer from the snapshot it publishes. */
  WAIT;

  /** The connection property and URL setting. */
  public static final String PROPERTY = "refresh";
  private static final ThreadLocal<ConnectRefresh> CURRENT = new ThreadLocal<>();

  /** {@code background} (or absent) or {@code wait}, in any case. */
  public static ConnectRefresh parse(String value) {
    if (value == null || value.isBlank()) {
      return BACKGROUND;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "background" -> BACKGROUND;
      case "wait" -> WAIT;
      default -> throw new IllegalArgumentException("refresh=" + value + " is not a refresh mode; use refresh=wait"
          + " (refresh before answering) or refresh=background (the default: answer from the last snapshot)");
    };
  }

  /** Runs {@code connect} with this mode for the schemas it assembles on this thread. */
  public <T> T during(Callable<T> connect) throws Exception {
    Objects.requireNonNull(connect, "connect");
    ConnectRefresh before = CURRENT.get();
    CURRENT.set(this);
    try {
      return connect.call();
    } finally {
      if (before == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(before);
      }
    }
  }

  static ConnectRefresh current() {
    ConnectRefresh mode = CURRENT.get();
    return mode != null ? mode : BACKGROUND;
  }
}
