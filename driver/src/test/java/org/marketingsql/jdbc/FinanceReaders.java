package org.marketingsql.jdbc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Properties;
import org.marketingsql.access.AccessPolicy;
import org.marketingsql.testing.StoreFixture;

/**
 * A driver connection as an analyst who may read only {@code finance} has it, over the fixture's exports with a
 * fiscal year that starts in January; the analyst-SQL tests each open one before every test.
 */
final class FinanceReaders {
  private FinanceReaders() {
  }

  static Connection open(StoreFixture fixture) throws Exception {
    Path model = fixture.exports().resolveSibling("model.json");
    Files.writeString(model, fixture.model("\"fiscalYearStartMonth\": 1"));
    Properties p = new Properties();
    p.setProperty(AccessPolicy.PROPERTY, "finance");
    return DriverManager.getConnection("jdbc:marketing:model=" + model, p);
  }
}
