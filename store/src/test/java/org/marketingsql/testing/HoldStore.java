package org.marketingsql.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.marketingsql.store.Store;

/**
 * A second process for tests: opens a store, reads from it, says {@code ready}, and keeps the read
 * connection open for the given seconds (as a BI tool would), then exits.
 */
public final class HoldStore {
  private HoldStore() {
  }

  public static void main(String[] args) throws Exception {
    try (Store store = Store.open(args[0]); Connection connection = store.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM \"_marketing\".\"load_state\"")) {
      rs.next();
      System.out.println("ready " + rs.getLong(1));
      System.out.flush();
      Thread.sleep(Long.parseLong(args[1]) * 1000);
    }
  }
}
