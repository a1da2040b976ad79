package org.marketingsql.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which statements are a signal to a session, as tools and psql users write them and as Bind gives their value. */
class BackendSignalsTest {
  @Test
  void theCallAloneInASelectListWithALiteralABoundValueOrAParameterIsASignal() {
    assertEquals(Optional.of(new BackendSignals(false, 1005, "pg_cancel_backend")),
        BackendSignals.of("SELECT pg_cancel_backend(1005)"));
    assertEquals(Optional.of(new BackendSignals(true, 1005, "pg_terminate_backend")),
        BackendSignals.of("select pg_catalog.pg_terminate_backend((1005));"));
    assertEquals(Optional.of(new BackendSignals(true, 7, "Ended")),
        BackendSignals.of("/* pgAdmin */ SELECT pg_terminate_backend('7'::int4, 1000) AS \"Ended\""));
    assertEquals(Optional.of(new BackendSignals(false, -3, "x")), BackendSignals.of("SELECT pg_cancel_backend(-3) x"));
    assertEquals(Optional.of(new BackendSignals(false, null, "pg_cancel_backend")),
        BackendSignals.of("SELECT pg_cancel_backend($1)"));
  }

  @Test
  void aCallOverRowsOrBesideOtherItemsOrWithTheWrongArgumentsIsLeftToThePlanner() {
    for (String sql : List.of("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = current_user",
        "SELECT pg_cancel_backend(1005), 1", "SELECT pg_cancel_backend(1005, 10)", "SELECT pg_cancel_backend((1005)",
        "SELECT pg_cancel_backend(99999999999)", "SELECT pg_cancel_backend('a')", "SELECT 1")) {
      assertTrue(BackendSignals.of(sql).isEmpty(), sql);
    }
  }

  @Test
  void theAnswerIsOneBooleanRowAndItsDescriptionTheSameColumn() {
    BackendSignals signal = BackendSignals.of("SELECT pg_cancel_backend(1005) AS done").orElseThrow();
    assertEquals(List.of(List.of("t")), signal.answer(true).rows());
    assertEquals(List.of("done"), signal.columns().columns());
    assertEquals(List.of(PgType.BOOL), signal.columns().types());
  }
}
