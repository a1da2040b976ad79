package org.marketingsql.avatica;

import java.util.Objects;
import java.util.concurrent.Callable;
import org.apache.calcite.avatica.remote.AuthenticationType;
import org.apache.calcite.avatica.server.AvaticaServerConfiguration;
import org.apache.calcite.avatica.server.HttpRequestRemoteUserExtractor;
import org.apache.calcite.avatica.server.RemoteUserDisallowedException;
import org.apache.calcite.avatica.server.RemoteUserExtractor;
import org.marketingsql.users.User;
import org.marketingsql.users.UsersFile;

/**
 * Tells Avatica to use HTTP BASIC and to run every request "as" the user Jetty authenticated, which here
 * means: look the user up in the users file (so a changed schema list applies at once) and make them the
 * {@link CurrentUser} while the request runs.
 */
final class UsersConfiguration implements AvaticaServerConfiguration {
  static final String ROLE = "marketing-sql-user";
  static final String REALM = "Marketing SQL";
  private final UsersFile users;
  private final CurrentUser current;

  UsersConfiguration(UsersFile users, CurrentUser current) {
    this.users = Objects.requireNonNull(users, "users");
    this.current = Objects.requireNonNull(current, "current");
  }

  @Override
  public AuthenticationType getAuthenticationType() {
    return AuthenticationType.BASIC;
  }

  @Override
  public String[] getAllowedRoles() {
    return new String[] {ROLE};
  }

  @Override
  public String getHashLoginServiceRealm() {
    return REALM;
  }

  @Override
  public String getHashLoginServiceProperties() {
    return null; // users come from the users file through UsersLoginService, never a Jetty properties file
  }

  @Override
  public boolean supportsImpersonation() {
    return true;
  }

  @Override
  public <T> T doAsRemoteUser(String remoteUserName, String remoteAddress, Callable<T> action) throws Exception {
    User user = users.find(remoteUserName)
        .orElseThrow(() -> new RemoteUserDisallowedException("user " + remoteUserName + " is no longer in the users file"));
    return current.runAs(user, remoteAddress, action);
  }

  @Override
  public RemoteUserExtractor getRemoteUserExtractor() {
    return new HttpRequestRemoteUserExtractor();
  }

  @Override
  public String getKerberosRealm() {
    return null;
  }

  @Override
  public String getKerberosServiceName() {
    return null;
  }

  @Override
  public String getKerberosHostName() {
    return null;
  }

  @Override
  public String getKerberosPrincipal() {
    return null;
  }
}
