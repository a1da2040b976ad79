package org.marketingsql.store;

/** Another process holds the store in a way that excludes what this one needs. */
public final class StoreBusyException extends StoreException {
  StoreBusyException(String message, Throwable cause) {
    super(message, cause);
  }
}
