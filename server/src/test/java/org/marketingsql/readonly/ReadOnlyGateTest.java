package org.marketingsql.readonly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReadOnlyGateTest {
  @Test
  void aWithWhoseMainStatementWritesIsRefused() {
    assertTrue(ReadOnlyGate.refusal("with x as (select 1) delete from t").isPresent());
    assertTrue(ReadOnlyGate.refusal("WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x").isPresent());
    assertTrue(ReadOnlyGate.refusal("select * into temp t from finance.orders").isPresent());
  }

  @Test
  void columnsNamedAfterWritesInAQualifiedNameAreRead() {
    // Metabase's table privileges: the CTE's columns are named update, insert and delete
    assertEquals(Optional.empty(), ReadOnlyGate.refusal("with p as (select true as update, true as insert, true as delete)"
        + " select p.* from p where p.update or p . insert or p.delete"));
    assertEquals(Optional.empty(), ReadOnlyGate.refusal("select o.into from x o"));
  }
}
