package org.marketingsql.avatica;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.apache.calcite.avatica.NoSuchConnectionException;
import org.apache.calcite.avatica.remote.AvaticaRuntimeException;
import org.junit.jupiter.api.Test;

/** Connection and statement ids are the client's to choose, so each one is checked against its owner. */
class OwnersTest {
  final Owners owners = new Owners();

  @Test
  void anotherUsersConnectionIsRefused() {
    owners.opened("c1", "alice");
    owners.checkConnection("c1", "alice");
    AvaticaRuntimeException e = assertThrows(AvaticaRuntimeException.class, () -> owners.checkConnection("c1", "bob"));
    assertEquals("42501", e.getSqlState());
  }

  @Test
  void anUnknownConnectionIsMissingSoTheThinDriverReconnects() {
    assertThrows(NoSuchConnectionException.class, () -> owners.checkConnection("nope", "alice"));
  }

  @Test
  void aStatementIsReachableOnlyThroughItsOwnConnection() {
    owners.opened("c1", "alice");
    owners.opened("c2", "bob");
    owners.statement(7, "c1", "select 1");
    assertEquals("select 1", owners.checkStatement("c1", 7, "alice").sql());
    assertThrows(AvaticaRuntimeException.class, () -> owners.checkStatement("c2", 7, "bob"));
    assertThrows(AvaticaRuntimeException.class, () -> owners.checkStatement("c1", 7, "bob"));
    assertNull(owners.checkStatement("c1", 8, "alice"));
  }

  @Test
  void expiredConnectionsAndStatementsAreForgotten() {
    owners.opened("c1", "alice");
    owners.opened("c2", "alice");
    owners.statement(7, "c1", "select 1");
    owners.retainOnly(() -> Set.of("c2"), () -> Set.of());
    assertThrows(NoSuchConnectionException.class, () -> owners.checkConnection("c1", "alice"));
    owners.checkConnection("c2", "alice");
  }

  @Test
  void closingAConnectionForgetsItsStatements() {
    owners.opened("c1", "alice");
    owners.statement(7, "c1", "select 1");
    owners.closed("c1");
    owners.opened("c1", "alice");
    assertNull(owners.checkStatement("c1", 7, "alice"));
  }
}
