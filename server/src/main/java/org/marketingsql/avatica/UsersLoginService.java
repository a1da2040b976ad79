package org.marketingsql.avatica;

import java.security.Principal;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import javax.security.auth.Subject;
import javax.servlet.ServletRequest;
import org.eclipse.jetty.security.DefaultIdentityService;
import org.eclipse.jetty.security.IdentityService;
import org.eclipse.jetty.security.LoginService;
import org.eclipse.jetty.server.UserIdentity;
import org.marketingsql.users.LoginThrottle;
import org.marketingsql.users.PasswordCheck;
import org.marketingsql.users.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's check of a BASIC login against the users file. A failed login answers only after a delay,
 * as the PostgreSQL side does, and a login whose address or user name has too many recent failures is
 * refused without a check ({@link LoginThrottle}); the log says who failed and from where, never with what password.
 */
final class UsersLoginService implements LoginService {
  private static final Logger LOG = LoggerFactory.getLogger(UsersLoginService.class);
  private final PasswordCheck check;
  private final LoginThrottle throttle;
  private final long failedLoginDelayMillis;
  private IdentityService identities = new DefaultIdentityService();

  UsersLoginService(PasswordCheck check, LoginThrottle throttle, long failedLoginDelayMillis) {
    this.check = Objects.requireNonNull(check, "check");
    this.throttle = Objects.requireNonNull(throttle, "throttle");
    if (failedLoginDelayMillis < 0) {
      throw new IllegalArgumentException("failedLoginDelayMillis must not be negative, found " + failedLoginDelayMillis);
    }
    this.failedLoginDelayMillis = failedLoginDelayMillis;
  }

  private record NamedPrincipal(String getName) implements Principal {
  }

  @Override
  public String getName() {
    return UsersConfiguration.REALM;
  }

  @Override
  public UserIdentity login(String username, Object credentials, ServletRequest request) {
    if (!(credentials instanceof String password)) {
      return null;
    }
    String address = request == null ? "unknown" : request.getRemoteAddr();
    // waits while other attempts of this address or user are undecided; refused unchecked when no place frees
    Optional<LoginThrottle.Attempt> attempt = throttle.await(address, username);
    if (attempt.isEmpty()) {
      LOG.warn("refused login for user {} from {}: too many failed logins for that user or address", username,
          address);
      return null;
    }
    char[] chars = password.toCharArray();
    Optional<User> user;
    try {
      user = check.check(username, chars);
    } catch (RuntimeException e) {
      attempt.get().abandoned();
      LOG.error("cannot check the login of user {}: the users file is unreadable", username, e);
      return null;
    } finally {
      Arrays.fill(chars, '\0');
    }
    if (user.isEmpty()) {
      attempt.get().failed();
      LOG.warn("failed login for user {} from {}", username, address);
      pause();
      return null;
    }
    attempt.get().succeeded();
    Principal principal = new NamedPrincipal(user.get().name());
    Subject subject = new Subject();
    subject.getPrincipals().add(principal);
    subject.setReadOnly();
    return identities.newUserIdentity(subject, principal, new String[] {UsersConfiguration.ROLE});
  }

  /** Slows guessing down; the thread waits, the answer is the same 401 either way. */
  private void pause() {
    try {
      Thread.sleep(failedLoginDelayMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean validate(UserIdentity user) {
    return true; // BASIC sends the password with every request, and every request is checked
  }

  @Override
  public IdentityService getIdentityService() {
    return identities;
  }

  @Override
  public void setIdentityService(IdentityService service) {
    this.identities = Objects.requireNonNull(service, "service");
  }

  @Override
  public void logout(UserIdentity user) {
    // nothing is kept per login
  }
}
