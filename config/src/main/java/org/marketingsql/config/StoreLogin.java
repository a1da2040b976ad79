package org.marketingsql.config;

import java.util.Objects;

/**
 * How the store's database server is logged into, from the object form of {@code store}
 * ({@code { url: "jdbc:postgresql://host:port/db", user: NAME, password: "${env:NAME}" }}).
 * {@link #toString()} shows the password's reference only, never the password.
 *
 * @param user the database user
 * @param password the user's password, by reference; null where the server asks for none
 */
public record StoreLogin(String user, Secret password) {
  public StoreLogin {
    Objects.requireNonNull(user, "user");
    if (user.isBlank()) {
      throw new IllegalArgumentException("the store's user must not be blank");
    }
  }
}
