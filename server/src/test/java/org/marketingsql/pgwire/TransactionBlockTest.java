package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.marketingsql.pgwire.RawPgClient.Message;

/** Transaction blocks as PostgreSQL 15 keeps them: ReadyForQuery's I, T and E, failed blocks, savepoints, DISCARD. */
class TransactionBlockTest {
  @RegisterExtension
  static final ClassServer server = ClassServer.finance(TestServer.ALICE);
  RawPgClient client;

  @BeforeEach
  void connect() throws Exception {
    client = server.raw(60_000);
    assertTrue(RawPgClient.readyIn(client.login(TestServer.USER, TestServer.PASSWORD)));
  }

  @AfterEach
  void disconnect() throws Exception {
    client.close();
  }

  private static char status(List<Message> messages) {
    Message z = messages.get(messages.size() - 1);
    assertEquals('Z', z.type(), messages.toString());
    return (char) z.body()[0];
  }

  private static String tag(List<Message> messages) {
    return messages.stream().filter(m -> m.type() == 'C').map(m -> new String(m.body(), StandardCharsets.UTF_8).replace("\0", ""))
        .reduce((a, b) -> b).orElse(null);
  }

  private static String warning(List<Message> messages) {
    return messages.stream().filter(m -> m.type() == 'N').map(m -> m.field('C')).findFirst().orElse(null);
  }

  /** Sends {@code sql} and checks its status byte, SQLSTATE (null: none) and command tag (null: not checked). */
  private List<Message> expect(String sql, char status, String state, String tag) throws Exception {
    List<Message> got = client.query(sql);
    assertEquals(status, status(got), sql + ": " + got);
    assertEquals(state, RawPgClient.errorState(got), sql + ": " + got);
    if (tag != null) {
      assertEquals(tag, tag(got), sql);
    }
    return got;
  }

  @Test
  void anErrorInsideABlockFailsItUntilRollbackAndReadyForQuerySaysIdleInBlockOrFailed() throws Exception {
    expect("select 1", 'I', null, "SELECT 1");
    expect("BEGIN", 'T', null, "BEGIN");
    expect("select count(*) from exports.orders", 'T', null, "SELECT 1");
    expect("select * from exports.no_such_table", 'E', "42P01", null);
    expect("select 1", 'E', "25P02", null);
    expect("SHOW TimeZone", 'E', "25P02", null);
    expect("COMMIT", 'I', null, "ROLLBACK");
    expect("START TRANSACTION ISOLATION LEVEL SERIALIZABLE, READ WRITE", 'T', null, "START TRANSACTION");
    expect("select 1; select nonsense from nowhere; select 2", 'E', "42P01", null);
    expect("ABORT", 'I', null, "ROLLBACK");
    expect("select 1", 'I', null, "SELECT 1");
  }

  @Test
  void savepointsRollBackAFailedBlockToWhereItWasAndUnknownOnesAreErrors() throws Exception {
    expect("SAVEPOINT a", 'I', "25P01", null);
    expect("BEGIN", 'T', null, null);
    expect("SAVEPOINT a", 'T', null, "SAVEPOINT");
    expect("select * from exports.no_such_table", 'E', "42P01", null);
    expect("RELEASE a", 'E', "25P02", null);
    expect("ROLLBACK TO SAVEPOINT a", 'T', null, "ROLLBACK");
    expect("select 1", 'T', null, "SELECT 1");
    expect("RELEASE SAVEPOINT a", 'T', null, "RELEASE");
    expect("ROLLBACK TO b", 'E', "3B001", null);
    expect("ROLLBACK", 'I', null, "ROLLBACK");
  }

  @Test
  void beginInsideABlockAndCommitOutsideOneWarnAsPostgresqlDoes() throws Exception {
    List<Message> begin = expect("BEGIN READ ONLY", 'T', null, "BEGIN");
    assertEquals(null, warning(begin));
    assertEquals("25001", warning(expect("BEGIN", 'T', null, "BEGIN")));
    expect("END", 'I', null, "COMMIT");
    assertEquals("25P01", warning(expect("COMMIT", 'I', null, "COMMIT")));
    assertEquals("25P01", warning(expect("ROLLBACK", 'I', null, "ROLLBACK")));
    assertEquals("25P01", warning(expect("SET TRANSACTION READ ONLY", 'I', null, "SET")));
    expect("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ", 'I', null, "SET");
    expect("BEGIN ISOLATION LEVEL BANANA", 'I', "42601", null);
  }

  @Test
  void temporaryTablesAreRefusedAsWritesAndTheBlockGoesOnAfterRollback() throws Exception {
    expect("CREATE TEMP TABLE t (x int)", 'I', "25006", null);
    expect("CREATE TEMPORARY TABLE t AS select 1", 'I', "25006", null);
    expect("select order_id into temp t from exports.orders", 'I', "25006", null);
    expect("BEGIN", 'T', null, null);
    expect("CREATE TEMPORARY TABLE t (x int)", 'E', "25006", null);
    expect("ROLLBACK", 'I', null, "ROLLBACK");
    expect("BEGIN", 'T', null, null);
    expect("select count(*) from exports.orders", 'T', null, "SELECT 1");
    expect("COMMIT", 'I', null, "COMMIT");
  }

  @Test
  void discardAllIsRefusedInsideABlockAndClosesCursorsDeallocatesAndResetsSettings() throws Exception {
    expect("BEGIN", 'T', null, null);
    expect("DISCARD PLANS", 'T', null, "DISCARD PLANS");
    expect("DISCARD ALL", 'E', "25001", null);
    expect("ROLLBACK", 'I', null, null);
    expect("DECLARE held CURSOR WITH HOLD FOR select order_id from exports.orders", 'I', null, "DECLARE CURSOR");
    expect("PREPARE q AS select 1", 'I', null, "PREPARE");
    expect("SET application_name = 'before discard'", 'I', null, "SET");
    expect("DISCARD ALL", 'I', null, "DISCARD ALL");
    expect("FETCH 1 FROM held", 'I', "34000", null);
    expect("EXECUTE q", 'I', "26000", null);
    List<Message> shown = expect("SHOW application_name", 'I', null, "SHOW");
    assertTrue(shown.stream().anyMatch(m -> m.type() == 'D' && new String(m.body(), StandardCharsets.UTF_8).endsWith("\0\0\0\0")),
        "application_name is empty again: " + shown);
  }

  @Test
  void pgJdbcsServerPreparedStatementsWorkAgainAfterDiscardAll() throws Exception {
    try (Connection c = server.connect(); Statement s = c.createStatement()) {
      try (var ps = c.prepareStatement("select count(*) from exports.orders where amount > ?")) {
        for (int i = 0; i < 7; i++) { // past pgJDBC's prepareThreshold: a named statement on the server
          ps.setBigDecimal(1, BigDecimal.ONE);
          try (ResultSet rs = ps.executeQuery()) {
            assertTrue(rs.next());
          }
        }
        s.execute("DECLARE k CURSOR WITH HOLD FOR select 1");
        s.execute("DISCARD ALL");
        ps.setBigDecimal(1, BigDecimal.ONE);
        try (ResultSet rs = ps.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(5, rs.getInt(1));
        }
      }
      assertEquals("34000", assertThrows(SQLException.class, () -> s.execute("CLOSE k")).getSQLState());
    }
  }
}
