package org.marketingsql.pgwire;

import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What one session of the port is doing, as {@code pg_stat_activity} lists it: its process id (BackendKeyData's, the
 * one {@code pg_backend_pid()} answers), login, client and start; its state ({@code active} while a statement runs,
 * then {@code idle}, {@code idle in transaction} or {@code idle in transaction (aborted)}) and its current or last
 * statement, with when each began. The session's own thread writes it; readers see one consistent state.
 */
final class SessionActivity {
  /** One row of pg_stat_activity. */
  record Row(int pid, String user, String applicationName, String clientAddress, Integer clientPort,
      Instant backendStart, Instant xactStart, Instant queryStart, Instant stateChange, String state, String query) {
  }

  /** The part that changes, replaced as a whole. */
  private record State(String state, String query, Instant queryStart, Instant stateChange, Instant xactStart) {
  }

  private final int pid;
  private final String user;
  private final String clientAddress;
  private final Integer clientPort;
  private final Instant backendStart;
  private final Supplier<String> applicationName;
  private volatile State state;

  SessionActivity(int pid, String user, String clientAddress, Integer clientPort, Instant backendStart,
      Supplier<String> applicationName) {
    this.pid = pid;
    this.user = Objects.requireNonNull(user, "user");
    this.clientAddress = clientAddress;
    this.clientPort = clientPort;
    this.backendStart = Objects.requireNonNull(backendStart, "backendStart");
    this.applicationName = Objects.requireNonNull(applicationName, "applicationName");
    this.state = new State("idle", "", null, backendStart, null);
  }

  String user() {
    return user;
  }

  /** A statement starts, inside a transaction block or not. */
  void running(String query, Instant at) {
    State s = state;
    state = new State("active", query, at, at, s.xactStart() != null ? s.xactStart() : at);
  }

  /** The session waits for the client again: {@code status} is ReadyForQuery's ('I', 'T' or 'E'). */
  void waiting(char status, Instant at) {
    State s = state;
    String now = status == 'T' ? "idle in transaction" : status == 'E' ? "idle in transaction (aborted)" : "idle";
    if (!now.equals(s.state())) {
      state = new State(now, s.query(), s.queryStart(), at, status == 'I' ? null : s.xactStart());
    }
  }

  Row row() {
    State s = state;
    return new Row(pid, user, applicationName.get(), clientAddress, clientPort, backendStart, s.xactStart(),
        s.queryStart(), s.stateChange(), s.state(), s.query());
  }
}
