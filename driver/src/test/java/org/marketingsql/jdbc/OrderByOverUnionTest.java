package org.marketingsql.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.testing.IsolatedHome;
import org.marketingsql.testing.StoreFixture;

/**
 * ORDER BY over a view that unions store rows with rows of this JVM ({@code sync.sync_status}) comes back
 * in order, whatever filter and direction: Calcite once planned it as a merge union over an unsorted input.
 */
@ExtendWith(IsolatedHome.class)
class OrderByOverUnionTest {
  @RegisterExtension
  final StoreFixture fixture = StoreFixture.withExports("finance");

  @Test
  void syncStatusFilteredAndOrderedDescendingComesBackInThatOrder() throws Exception {
    List<String> tables = new ArrayList<>();
    try (Statement s = fixture.connection().createStatement();
        ResultSet rs = s.executeQuery("SELECT source_name, table_name FROM sync.sync_status"
            + " WHERE source_name <> 'x' ORDER BY source_name DESC, table_name DESC")) {
      while (rs.next()) {
        tables.add(rs.getString("table_name"));
      }
    }
    assertTrue(tables.size() >= 3, "the finance fixture loads several tables: " + tables);
    List<String> sorted = new ArrayList<>(tables);
    sorted.sort(Comparator.reverseOrder());
    assertEquals(sorted, tables);
  }
}
