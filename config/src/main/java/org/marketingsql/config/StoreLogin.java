package org.marketingsql.config;

import java.util.Objects;

/**
 * How the store's database server is logged into, and with how many sessions at most, from the object form of
 * {@code store} ({@code { url: "jdbc:postgresql://host:port/db", user: NAME, password: "${env:NAME}", pool: 16 }}).
 * {@link #toString()} shows the password's reference only, never the password.
 *
 * @param user the database user
 * @param password the user's password, by reference; null where the server asks for none
 * @param pool at most this many read sessions per process, at least 1; null for the default
 */
public record StoreLogin(String user, Secret password, Integer pool) {
  /** The largest {@code pool} the configuration takes: more sessions than that are more than a server serves. */
  public static final int MAX_POOL = 1000;

  public StoreLogin {
    Objects.requireNonNull(user, "user");
    if (user.isBlank()) {
      throw new IllegalArgumentException("the store's user must not be blank");
    }
    if (pool != null && (pool < 1 || pool > MAX_POOL)) {
      throw new IllegalArgumentException("the store's pool takes 1 to " + MAX_POOL + " read sessions, not " + pool);
    }
  }

  /** A login with the default number of read sessions. */
  public StoreLogin(String user, Secret password) {
    this(user, password, null);
  }
}
