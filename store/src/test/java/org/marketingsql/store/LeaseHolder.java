package org.marketingsql.store;

import java.util.Optional;

/**
 * A node of its own process that takes a PostgreSQL store's refresh lease and holds it until it is killed: for
 * the tests of what ends a lease when its node's machine vanishes ({@link RefreshLeaseTcpTest}). Prints
 * {@code leading} once it leads, {@code not leading} when another node does.
 */
public final class LeaseHolder {
  private LeaseHolder() {
  }

  /** {@code args[0]}: the store's JDBC URL, its user a parameter of it. */
  public static void main(String[] args) throws InterruptedException {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: LeaseHolder <the store's JDBC URL>");
    }
    Store store = Store.open(args[0]);
    Optional<RefreshLease> lease = store.tryLeadRefresh();
    System.out.println(lease.isPresent() ? "leading" : "not leading");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
