package org.marketingsql.pgwire;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.marketingsql.readonly.SqlText;

/**
 * A session's transaction block as PostgreSQL 15 keeps it: idle, in a block (BEGIN … COMMIT), or in a
 * failed block whose statements are refused (25P02) until ROLLBACK. Reads need no transaction, so a block
 * only decides what ReadyForQuery says, which cursors and settings live on, and the errors and warnings
 * of BEGIN, COMMIT, ROLLBACK, SAVEPOINT, RELEASE and SET TRANSACTION. READ WRITE is accepted, as the
 * server's writes are refused statement by statement anyway.
 */
final class TransactionBlock {
  /** What a statement did to the block, for the cursors and settings that end with it. */
  enum Change { NONE, BEGAN, COMMITTED, ROLLED_BACK }

  /** The answer to a transaction statement: its command tag, a warning to send first, and its effect. */
  record Outcome(String tag, Optional<PgException> warning, Change change) {
  }

  private enum State { IDLE, BLOCK, FAILED }

  private static final Set<String> KEYWORDS = Set.of("begin", "start", "commit", "end", "rollback",
      "abort", "savepoint", "release");
  private State state = State.IDLE;
  private final List<String> savepoints = new ArrayList<>();
  private String isolation;

  /** ReadyForQuery's status byte. */
  char status() {
    return switch (state) {
      case IDLE -> 'I';
      case BLOCK -> 'T';
      case FAILED -> 'E';
    };
  }

  boolean inBlock() {
    return state != State.IDLE;
  }

  boolean failed() {
    return state == State.FAILED;
  }

  /** The isolation level BEGIN or SET TRANSACTION chose for this block; empty outside one or when none was. */
  Optional<String> isolation() {
    return inBlock() ? Optional.ofNullable(isolation) : Optional.empty();
  }

  /** A statement failed: inside a block, the block fails. */
  void error() {
    if (state == State.BLOCK) {
      state = State.FAILED;
    }
  }

  /** Whether this class answers {@code sql}. */
  static boolean handles(String sql) {
    String keyword = SqlText.firstKeyword(sql);
    if (KEYWORDS.contains(keyword)) {
      return true;
    }
    if (!keyword.equals("set")) {
      return false;
    }
    StatementWords w = new StatementWords(sql);
    w.accept("set");
    return w.peek().equals("transaction") || w.accept("session") && w.peek().equals("characteristics");
  }

  /** Whether a failed block still runs {@code sql}: only what ends the block or rolls back to a savepoint. */
  static boolean endsFailure(String sql) {
    return Set.of("commit", "end", "rollback", "abort").contains(SqlText.firstKeyword(sql));
  }

  /** Failed-block refusal, as PostgreSQL words it. */
  static PgException aborted() {
    return new PgException("25P02", "current transaction is aborted, commands ignored until end of transaction block");
  }

  Outcome execute(String sql) throws PgException {
    StatementWords w = new StatementWords(sql);
    String keyword = w.next().lower();
    return switch (keyword) {
      case "begin" -> {
        w.accept("work", "transaction");
        yield begin(w, "BEGIN");
      }
      case "start" -> {
        w.expect("transaction");
        yield begin(w, "START TRANSACTION");
      }
      case "commit", "end" -> {
        w.accept("work", "transaction");
        yield end(w, true);
      }
      case "rollback", "abort" -> {
        w.accept("work", "transaction");
        if (keyword.equals("rollback") && w.accept("to")) {
          w.accept("savepoint");
          String name = w.name();
          w.end();
          yield rollbackTo(name);
        }
        yield end(w, false);
      }
      case "savepoint" -> {
        String name = w.name();
        w.end();
        requireBlock("SAVEPOINT");
        savepoints.add(name);
        yield new Outcome("SAVEPOINT", Optional.empty(), Change.NONE);
      }
      case "release" -> {
        w.accept("savepoint");
        String name = w.name();
        w.end();
        requireBlock("RELEASE SAVEPOINT");
        int at = savepoint(name);
        savepoints.subList(at, savepoints.size()).clear();
        yield new Outcome("RELEASE", Optional.empty(), Change.NONE);
      }
      case "set" -> set(w);
      default -> throw w.syntaxError();
    };
  }

  private Outcome begin(StatementWords w, String tag) throws PgException {
    String level = modes(w);
    if (inBlock()) {
      return new Outcome(tag, Optional.of(new PgException("25001", "there is already a transaction in progress")), Change.NONE);
    }
    state = State.BLOCK;
    savepoints.clear();
    isolation = level;
    return new Outcome(tag, Optional.empty(), Change.BEGAN);
  }

  private Outcome end(StatementWords w, boolean commit) throws PgException {
    boolean chain = false;
    if (w.accept("and")) {
      chain = !w.accept("no");
      w.expect("chain");
    }
    w.end();
    String name = commit ? "COMMIT" : "ROLLBACK";
    if (!inBlock()) {
      if (chain) {
        throw new PgException("25P01", name + " AND CHAIN can only be used in transaction blocks");
      }
      return new Outcome(name, Optional.of(new PgException("25P01", "there is no transaction in progress")), Change.NONE);
    }
    boolean committed = commit && state == State.BLOCK;
    String level = isolation;
    state = chain ? State.BLOCK : State.IDLE;
    savepoints.clear();
    isolation = chain ? level : null;
    // COMMIT of a failed block rolls it back and says so
    return new Outcome(committed ? "COMMIT" : "ROLLBACK", Optional.empty(), committed ? Change.COMMITTED : Change.ROLLED_BACK);
  }

  private Outcome rollbackTo(String name) throws PgException {
    requireBlock("ROLLBACK TO SAVEPOINT");
    int at = savepoint(name);
    savepoints.subList(at + 1, savepoints.size()).clear();
    state = State.BLOCK;
    return new Outcome("ROLLBACK", Optional.empty(), Change.NONE);
  }

  private Outcome set(StatementWords w) throws PgException {
    boolean session = w.accept("session");
    if (session) {
      w.expect("characteristics");
      w.expect("as");
    }
    w.expect("transaction");
    if (!session && w.accept("snapshot")) {
      throw new PgException("0A000", "SET TRANSACTION SNAPSHOT is not supported: every statement reads the last published snapshot");
    }
    String level = modes(w);
    if (session) {
      return new Outcome("SET", Optional.empty(), Change.NONE);
    }
    if (!inBlock()) {
      return new Outcome("SET", Optional.of(new PgException("25P01", "SET TRANSACTION can only be used in transaction blocks")),
          Change.NONE);
    }
    if (level != null) {
      isolation = level;
    }
    return new Outcome("SET", Optional.empty(), Change.NONE);
  }

  /** Reads transaction modes; the isolation level named, or null. */
  private static String modes(StatementWords w) throws PgException {
    String level = null;
    boolean first = true;
    while (!w.atEnd()) {
      if (!first) {
        w.accept(",");
      }
      first = false;
      if (w.accept("isolation")) {
        w.expect("level");
        if (w.accept("serializable")) {
          level = "serializable";
        } else if (w.accept("repeatable")) {
          w.expect("read");
          level = "repeatable read";
        } else {
          w.expect("read");
          level = w.accept("committed") ? "read committed" : acceptOrFail(w, "uncommitted", "read uncommitted");
        }
      } else if (w.accept("read")) {
        if (!w.accept("only")) {
          w.expect("write");
        }
      } else if (w.accept("not")) {
        w.expect("deferrable");
      } else {
        w.expect("deferrable");
      }
    }
    return level;
  }

  private static String acceptOrFail(StatementWords w, String word, String value) throws PgException {
    w.expect(word);
    return value;
  }

  private void requireBlock(String statement) throws PgException {
    if (!inBlock()) {
      throw new PgException("25P01", statement + " can only be used in transaction blocks");
    }
  }

  /** The index of the latest savepoint named {@code name}. */
  private int savepoint(String name) throws PgException {
    int at = savepoints.lastIndexOf(name);
    if (at < 0) {
      throw new PgException("3B001", "savepoint \"" + name + "\" does not exist");
    }
    return at;
  }
}
