package org.marketingsql.avatica;

import java.util.Objects;
import java.util.concurrent.Callable;
import org.marketingsql.users.User;

/**
 * The user the HTTP request being served logged in as. Avatica calls the {@code Meta} on the request's
 * own thread, inside {@link UsersConfiguration#doAsRemoteUser}, so a thread-local carries the user there.
 */
final class CurrentUser {
  /** Who is calling and from which address. */
  record Caller(User user, String address) {
    Caller {
      Objects.requireNonNull(user, "user");
    }
  }

  private final ThreadLocal<Caller> user = new ThreadLocal<>();

  <T> T runAs(User who, String address, Callable<T> action) throws Exception {
    Caller before = user.get();
    user.set(new Caller(who, address));
    try {
      return action.call();
    } finally {
      if (before == null) {
        user.remove();
      } else {
        user.set(before);
      }
    }
  }

  /** The logged-in user; throws when called outside a request, which would be a wiring bug. */
  User get() {
    return caller().user();
  }

  /** The client's address, for the log. */
  String address() {
    return caller().address();
  }

  private Caller caller() {
    Caller c = user.get();
    if (c == null) {
      throw new IllegalStateException("no logged-in user on this thread: the Meta was called outside an HTTP request");
    }
    return c;
  }
}
