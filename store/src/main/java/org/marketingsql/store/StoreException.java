package org.marketingsql.store;

/** The store could not do what was asked; the message names the store and the operation. */
public class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
