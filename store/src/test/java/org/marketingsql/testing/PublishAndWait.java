package org.marketingsql.testing;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.marketingsql.config.Secret;
import org.marketingsql.config.StoreLogin;
import org.marketingsql.store.RefreshLease;
import org.marketingsql.store.RowWriter;
import org.marketingsql.store.Store;

/**
 * A second node for tests: opens a PostgreSQL store (URL, user, password), takes the refresher's role, and
 * starts publishing a refresh that replaces the rows of {@code _marketing.spend} with one of the given amount;
 * says {@code midway} once those rows are written but not published, and waits the given seconds (to be
 * killed) before publishing. Says {@code not leading} and exits when another node leads.
 */
public final class PublishAndWait {
  private PublishAndWait() {
  }

  public static void main(String[] args) throws Exception {
    StoreLogin login = new StoreLogin(args[1], Secret.of("${env:TEST}", args[2]));
    BigDecimal amount = new BigDecimal(args[3]);
    long seconds = Long.parseLong(args[4]);
    try (Store store = Store.open(args[0], login)) {
      Optional<RefreshLease> lease = store.tryLeadRefresh();
      if (lease.isEmpty()) {
        System.out.println("not leading");
        return;
      }
      try (RefreshLease held = lease.get()) {
        store.publish("refreshing spend", () -> {
          try {
            store.write("replacing spend", h -> {
              h.execute("DELETE FROM \"_marketing\".\"spend\"");
              try (RowWriter writer = store.writer(h, "_marketing", "spend", List.of("spend"))) {
                writer.write(new Object[] {amount});
              }
              return null;
            });
          } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
          }
          System.out.println("midway");
          System.out.flush();
          try {
            Thread.sleep(seconds * 1000);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return null;
        });
      }
      System.out.println("published");
    }
  }
}
